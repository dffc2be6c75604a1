using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>The Page–Hinkley test for an increase in the mean of a stream, as River's <c>drift.PageHinkley</c>.</summary>
/// <remarks>
/// With the running mean x̄_t (updated first), the cumulative statistic m_t = max(0, α·m_{t−1} + (x_t − x̄_t − δ));
/// a drift is detected when m_t ≥ <see cref="Threshold"/> and at least <see cref="MinInstances"/> − 1 values were seen
/// (River counts from 1). There is no warning zone. The detector restarts on the value after a drift.
/// </remarks>
public sealed class PageHinkley : ConceptDriftDetector
{
    internal const string KindName = "PageHinkley";

    private long sampleCount = 1;
    private double mean;
    private double sum;

    /// <summary>Initializes a new instance of the <see cref="PageHinkley"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="minInstances">The minimum number of values before a change can be detected (default 30), ≥ 1.</param>
    /// <param name="delta">The tolerated drift of the mean per value (δ, default 0.005), ≥ 0.</param>
    /// <param name="threshold">The detection threshold (λ, default 50), &gt; 0.</param>
    /// <param name="alpha">The forgetting factor of the cumulative statistic (default 1 − 0.0001), in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50, double alpha = 1 - 0.0001)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        if (!(delta >= 0) || !double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be finite and >= 0.");
        }

        if (!(threshold > 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be positive and finite.");
        }

        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        }

        MinInstances = minInstances;
        Delta = delta;
        Threshold = threshold;
        Alpha = alpha;
    }

    /// <summary>Gets the minimum number of values before a change can be detected.</summary>
    public int MinInstances { get; }

    /// <summary>Gets the tolerated change of the mean per value.</summary>
    public double Delta { get; }

    /// <summary>Gets the detection threshold.</summary>
    public double Threshold { get; }

    /// <summary>Gets the forgetting factor.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static PageHinkley Read(JsonObject o) => new(o["minInstances"]!.GetValue<int>(), Number(o["delta"]), Number(o["threshold"]), Number(o["alpha"]))
    {
        sampleCount = o["sampleCount"]!.GetValue<long>(),
        mean = Number(o["mean"]),
        sum = Number(o["sum"]),
    };

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            sampleCount = 1;
            mean = 0;
            sum = 0;
        }

        mean += (value - mean) / sampleCount;
        sum = Math.Max(0.0, (Alpha * sum) + (value - mean - Delta));
        sampleCount++;
        DriftDetected = sampleCount >= MinInstances && sum >= Threshold;
    }

    private protected override void Write(JsonObject o)
    {
        o["minInstances"] = MinInstances;
        o["delta"] = Number(Delta);
        o["threshold"] = Number(Threshold);
        o["alpha"] = Number(Alpha);
        o["sampleCount"] = sampleCount;
        o["mean"] = Number(mean);
        o["sum"] = Number(sum);
    }
}
