namespace RetrainTriggers.Tests.Drift.Streaming;

/// <summary>Seeded streams with a known change point for the concept-drift detector tests and docs/drift.md's table.</summary>
internal static class DriftStreams
{
    /// <summary>Where every stream changes.</summary>
    public const int ChangeAt = 1000;

    /// <summary>Stream length.</summary>
    public const int Length = 3000;

    /// <summary>Bernoulli errors at rate 0.1, then 0.5 from <see cref="ChangeAt"/> on.</summary>
    public static double[] AbruptErrors(int seed) => Errors(seed, i => i < ChangeAt ? 0.1 : 0.5);

    /// <summary>Bernoulli errors at rate 0.1, rising linearly to 0.5 over the 1000 values from <see cref="ChangeAt"/>, then 0.5.</summary>
    public static double[] GradualErrors(int seed) => Errors(seed, i => i < ChangeAt ? 0.1 : Math.Min(0.5, 0.1 + (0.4 * (i - ChangeAt) / 1000.0)));

    /// <summary>Normal values N(0, 1), then N(2, 1) from <see cref="ChangeAt"/> on (a loss stream, say).</summary>
    public static double[] AbruptLoss(int seed) => Normal(seed, i => i < ChangeAt ? 0.0 : 2.0);

    /// <summary>Normal values N(0, 1) whose mean rises linearly to 2 over the 1000 values from <see cref="ChangeAt"/>.</summary>
    public static double[] GradualLoss(int seed) => Normal(seed, i => i < ChangeAt ? 0.0 : Math.Min(2.0, 2.0 * (i - ChangeAt) / 1000.0));

    /// <summary>Indices at which <paramref name="detector"/> reported a drift.</summary>
    public static List<int> Drifts(RetrainTriggers.Drift.Streaming.ConceptDriftDetector detector, double[] stream)
    {
        var drifts = new List<int>();
        for (var i = 0; i < stream.Length; i++)
        {
            if (detector.Update(stream[i]) == RetrainTriggers.Drift.Streaming.ConceptDriftLevel.Drift)
            {
                drifts.Add(i);
            }
        }

        return drifts;
    }

    private static double[] Errors(int seed, Func<int, double> rate)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Length).Select(i => random.NextDouble() < rate(i) ? 1.0 : 0.0).ToArray();
    }

    private static double[] Normal(int seed, Func<int, double> mean)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Length).Select(i =>
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return mean(i) + (Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }).ToArray();
    }
}
