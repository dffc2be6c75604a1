using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>DDM, the Drift Detection Method of Gama et al. (2004) on a binary error stream, as River's <c>drift.binary.DDM</c>.</summary>
/// <remarks>
/// With p_i the running error rate and s_i = √(p_i(1 − p_i)/i), once more than <see cref="WarmStart"/> values were seen
/// the minimum of p_i + s_i is tracked (p_min, s_min); the stream is in warning when p_i + s_i &gt; p_min +
/// <see cref="WarningThreshold"/>·s_min and drifts when p_i + s_i &gt; p_min + <see cref="DriftThreshold"/>·s_min (warning
/// then false). The detector restarts on the value after a drift.
/// </remarks>
public sealed class Ddm : ConceptDriftDetector
{
    internal const string KindName = "DDM";

    private long n;
    private double mean;
    private double pMin = double.PositiveInfinity;
    private double sMin = double.PositiveInfinity;
    private double psMin = double.PositiveInfinity;

    /// <summary>Initializes a new instance of the <see cref="Ddm"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="warmStart">Values to see before a change can be detected (River's <c>warm_start</c>, default 30), ≥ 0.</param>
    /// <param name="warningThreshold">Standard deviations above the minimum for the warning zone (default 2, about 95% confidence), &gt; 0.</param>
    /// <param name="driftThreshold">Standard deviations above the minimum for a drift (default 3, about 99% confidence), ≥ <paramref name="warningThreshold"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmStart);
        if (!(warningThreshold > 0) || !double.IsFinite(warningThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(warningThreshold), warningThreshold, "warningThreshold must be positive and finite.");
        }

        if (!(driftThreshold >= warningThreshold) || !double.IsFinite(driftThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(driftThreshold), driftThreshold, "driftThreshold must be finite and at least warningThreshold.");
        }

        WarmStart = warmStart;
        WarningThreshold = warningThreshold;
        DriftThreshold = driftThreshold;
    }

    /// <summary>Gets the number of values seen before a change can be detected.</summary>
    public int WarmStart { get; }

    /// <summary>Gets the warning threshold in standard deviations.</summary>
    public double WarningThreshold { get; }

    /// <summary>Gets the drift threshold in standard deviations.</summary>
    public double DriftThreshold { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static Ddm Read(JsonObject o) => new(o["warmStart"]!.GetValue<int>(), Number(o["warningThreshold"]), Number(o["driftThreshold"]))
    {
        n = o["n"]!.GetValue<long>(),
        mean = Number(o["mean"]),
        pMin = Number(o["pMin"]),
        sMin = Number(o["sMin"]),
        psMin = Number(o["psMin"]),
    };

    private protected override void ValidateValue(double value) => RequireBinary(value);

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            n = 0;
            mean = 0;
            pMin = sMin = psMin = double.PositiveInfinity;
            DriftDetected = false;
            WarningDetected = false;
        }

        n++;
        mean += 1.0 / n * (value - mean);
        var p = mean;
        var s = Math.Sqrt(p * (1 - p) / n);
        if (n > WarmStart)
        {
            if (p + s <= psMin)
            {
                pMin = p;
                sMin = s;
                psMin = pMin + sMin;
            }

            WarningDetected = p + s > pMin + (WarningThreshold * sMin);
            if (p + s > pMin + (DriftThreshold * sMin))
            {
                DriftDetected = true;
                WarningDetected = false;
            }
        }
    }

    private protected override void Write(JsonObject o)
    {
        o["warmStart"] = WarmStart;
        o["warningThreshold"] = Number(WarningThreshold);
        o["driftThreshold"] = Number(DriftThreshold);
        o["n"] = n;
        o["mean"] = Number(mean);
        o["pMin"] = Number(pMin);
        o["sMin"] = Number(sMin);
        o["psMin"] = Number(psMin);
    }
}
