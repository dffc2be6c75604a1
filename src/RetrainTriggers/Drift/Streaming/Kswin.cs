using System.Text.Json.Nodes;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>KSWIN, Kolmogorov–Smirnov windowing (Raab et al. 2020), as River's <c>drift.KSWIN</c>.</summary>
/// <remarks>
/// Keeps the last <see cref="WindowSize"/> values. Once the window is full, every value draws <see cref="StatSize"/>
/// values without replacement from the older <see cref="WindowSize"/> − <see cref="StatSize"/> ones and runs the
/// two-sample KS test (scipy's <c>ks_2samp</c>, method auto) against the newest <see cref="StatSize"/>; a drift is
/// p ≤ <see cref="Alpha"/> and statistic &gt; 0.1. There is no warning zone; the detector restarts (empty window,
/// reseeded generator) on the value after a drift. The draws come from a seeded SplitMix64 generator whose state is part
/// of the saved state, so a restored detector draws what the original would have; they differ from Python's
/// <c>random.Random(seed).sample</c>, so individual detections can differ from River's on the same seed.
/// </remarks>
public sealed class Kswin : ConceptDriftDetector
{
    internal const string KindName = "KSWIN";

    private readonly Queue<double> window = new();
    private ulong rng;

    /// <summary>Initializes a new instance of the <see cref="Kswin"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="alpha">The KS test's significance level (default 0.005; River advises below 0.01), in (0, 1).</param>
    /// <param name="windowSize">The sliding window's size (default 100), &gt; <paramref name="statSize"/>.</param>
    /// <param name="statSize">The size of the newest part tested against a sample of the older part (default 30), ≥ 1.</param>
    /// <param name="seed">The seed of the sampling generator (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, ulong seed = 0)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(statSize, 1);
        if (windowSize - statSize < statSize)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "windowSize must be at least twice statSize (statSize values are drawn without replacement from the older part).");
        }

        Alpha = alpha;
        WindowSize = windowSize;
        StatSize = statSize;
        Seed = seed;
        rng = seed;
    }

    /// <summary>Gets the KS test's significance level.</summary>
    public double Alpha { get; }

    /// <summary>Gets the sliding window's size.</summary>
    public int WindowSize { get; }

    /// <summary>Gets the size of the tested newest part.</summary>
    public int StatSize { get; }

    /// <summary>Gets the seed of the sampling generator.</summary>
    public ulong Seed { get; }

    /// <summary>Gets the p-value of the latest test (0 before the window is first full, as River).</summary>
    public double PValue { get; private set; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static Kswin Read(JsonObject o)
    {
        var k = new Kswin(Number(o["alpha"]), o["windowSize"]!.GetValue<int>(), o["statSize"]!.GetValue<int>(), o["seed"]!.GetValue<ulong>())
        {
            rng = o["rng"]!.GetValue<ulong>(),
            PValue = Number(o["pValue"]),
        };
        foreach (var v in o["window"]!.AsArray())
        {
            k.window.Enqueue(Number(v));
        }

        return k;
    }

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            window.Clear();
            rng = Seed;
            PValue = 0;
        }

        window.Enqueue(value);
        if (window.Count > WindowSize)
        {
            window.Dequeue();
        }

        if (window.Count < WindowSize)
        {
            DriftDetected = false;
            return;
        }

        var values = window.ToArray();
        var older = WindowSize - StatSize;
        var indices = new int[older];
        for (var i = 0; i < older; i++)
        {
            indices[i] = i;
        }

        var drawn = new double[StatSize];
        for (var i = 0; i < StatSize; i++)
        {
            var j = i + (int)(Next() % (ulong)(older - i));
            (indices[i], indices[j]) = (indices[j], indices[i]);
            drawn[i] = values[indices[i]];
        }

        var result = KolmogorovSmirnov.TwoSample(drawn, values.AsSpan(older));
        PValue = result.PValue;
        DriftDetected = result.PValue <= Alpha && result.Statistic > 0.1;
    }

    private protected override void Write(JsonObject o)
    {
        o["alpha"] = Number(Alpha);
        o["windowSize"] = WindowSize;
        o["statSize"] = StatSize;
        o["seed"] = Seed;
        o["rng"] = rng;
        o["pValue"] = Number(PValue);
        var array = new JsonArray();
        foreach (var v in window)
        {
            array.Add(Number(v));
        }

        o["window"] = array;
    }

    /// <summary>SplitMix64.</summary>
    private ulong Next()
    {
        var z = rng += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
