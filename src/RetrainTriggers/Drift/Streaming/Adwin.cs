namespace RetrainTriggers.Drift.Streaming;

/// <summary>ADWIN, adaptive windowing (Bifet and Gavaldà 2007, the bucket-compressed ADWIN2), as River's <c>drift.ADWIN</c>.</summary>
/// <remarks>
/// Keeps a window of recent values compressed in exponential-histogram buckets (at most <see cref="MaxBuckets"/> per
/// size). Every <see cref="Clock"/> values, once the window holds more than <see cref="GracePeriod"/> values, each cut
/// into an older W0 and a newer W1 (both at least <see cref="MinWindowLength"/> long) is tested:
/// |μ0 − μ1| &gt; √(2·m·σ²_W·δ′) + (2/3)·δ′·m with δ′ = ln(2·ln|W|/δ) and m = 1/(n0 − L + 1) + 1/(n1 − L + 1); on a
/// detection the oldest bucket is dropped and the cuts are tested again. There is no warning zone. As River, the detector
/// restarts with an empty window on the value after a drift.
/// </remarks>
public sealed partial class Adwin : ConceptDriftDetector
{
    internal const string KindName = "ADWIN";

    private readonly List<Row> rows = [];
    private double total;
    private double variance;
    private double width;
    private long tick;

    /// <summary>Initializes a new instance of the <see cref="Adwin"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="delta">The significance δ (default 0.002), in (0, 1).</param>
    /// <param name="clock">Check for a change every this many values (default 32), ≥ 1.</param>
    /// <param name="maxBuckets">Buckets of each size kept before two are merged (default 5), ≥ 1.</param>
    /// <param name="minWindowLength">The minimum length of each sub-window tested (default 5), ≥ 1.</param>
    /// <param name="gracePeriod">No change is detected until the window holds more than this many values (default 10), ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(clock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWindowLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriod);
        Delta = delta;
        Clock = clock;
        MaxBuckets = maxBuckets;
        MinWindowLength = minWindowLength;
        GracePeriod = gracePeriod;
        rows.Add(new Row(maxBuckets));
    }

    /// <summary>Gets the significance δ.</summary>
    public double Delta { get; }

    /// <summary>Gets how often (in values) a change is looked for.</summary>
    public int Clock { get; }

    /// <summary>Gets the number of buckets of each size kept before merging.</summary>
    public int MaxBuckets { get; }

    /// <summary>Gets the minimum length of a tested sub-window.</summary>
    public int MinWindowLength { get; }

    /// <summary>Gets the number of values the window must exceed before changes are detected.</summary>
    public int GracePeriod { get; }

    /// <summary>Gets the number of values in the current window.</summary>
    public double Width => width;

    /// <summary>Gets the mean of the current window (0 when it is empty), River's <c>estimation</c>.</summary>
    public double Estimation => width == 0 ? 0.0 : total / width;

    /// <inheritdoc />
    public override string Kind => KindName;

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            rows.Clear();
            rows.Add(new Row(MaxBuckets));
            total = variance = width = 0;
            tick = 0;
        }

        Insert(value);
        DriftDetected = DetectChange();
    }
}
