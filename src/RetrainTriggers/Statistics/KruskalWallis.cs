namespace RetrainTriggers.Statistics;

/// <summary>The Kruskal–Wallis H test that two or more independent samples come from the same distribution, as scipy 1.10 <c>kruskal</c>.</summary>
public static class KruskalWallis
{
    /// <summary>Runs the Kruskal–Wallis H test over <paramref name="groups"/>.</summary>
    /// <param name="groups">Two or more samples; NaN and ±∞ are excluded; each needs at least one finite value.</param>
    /// <returns>H, its degrees of freedom k − 1 and the chi-square p-value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or one of its samples is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two groups, a group without a finite value, or every value identical.</exception>
    /// <remarks>
    /// With midranks of the pooled sample, rank sums R_i and tie groups t:
    /// H = (12/(N(N+1))·Σ R_i²/n_i − 3(N+1)) / (1 − Σ(t³ − t)/(N³ − N)), in scipy's order of operations; p = Q((k − 1)/2, H/2).
    /// </remarks>
    public static ChiSquareResult Test(IReadOnlyList<double[]> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2)
        {
            throw new ArgumentException("At least two groups are required.", nameof(groups));
        }

        var finite = new double[groups.Count][];
        for (var i = 0; i < groups.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(groups[i], $"{nameof(groups)}[{i}]");
            finite[i] = Ranking.Finite(groups[i], $"{nameof(groups)}[{i}]", 1);
        }

        var sums = Ranking.RankSums(finite, out var tieTerm, out var total);
        double n = total;
        var ties = 1.0 - (tieTerm / ((n * n * n) - n));
        if (ties == 0)
        {
            throw new ArgumentException("All values are identical; the Kruskal–Wallis test is undefined.", nameof(groups));
        }

        var ssbn = 0.0;
        for (var i = 0; i < finite.Length; i++)
        {
            ssbn += sums[i] * sums[i] / finite[i].Length;
        }

        var h = (12.0 / (n * (n + 1)) * ssbn) - (3 * (n + 1));
        h /= ties;
        var dof = groups.Count - 1;
        return new ChiSquareResult(h, dof, ChiSquare.SurvivalFunction(h, dof));
    }
}
