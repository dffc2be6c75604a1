using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>When a numeric reference profile keeps a bounded-size KLL quantile sketch instead of the whole sorted sample, and the sketch's parameters.</summary>
/// <remarks>
/// A feature with fewer than <see cref="ExactBelow"/> finite values keeps its exact sorted sample (every statistic
/// exactly as scipy computes it); from that count on it keeps a KLL sketch of about 3·<see cref="K"/> values (24 KB at
/// the default k = 1024), whose rank error is at most 2.446 / k^0.9433 (0.0035 at k = 1024) with 99% confidence.
/// Bin edges and bin counts are computed exactly from the data in both cases, so PSI, KL, Jensen–Shannon and
/// Hellinger do not change; KS, Wasserstein and energy distance are computed against the sketch and carry an error
/// bound. <see cref="Exact"/> never sketches; <see cref="Sketch"/> always does.
/// </remarks>
public sealed class ProfileSketchOptions
{
    /// <summary>The default <see cref="ExactBelow"/>: profiles of fewer than 100 000 finite values stay exact (800 KB of sample).</summary>
    public const long DefaultExactBelow = 100_000;

    /// <summary>Gets the default options: exact below 100 000 finite values, KLL with k = 1024 from there on.</summary>
    public static ProfileSketchOptions Default { get; } = new();

    /// <summary>Gets options that always keep the exact sorted sample, whatever its size.</summary>
    public static ProfileSketchOptions Exact { get; } = new() { ExactBelow = long.MaxValue };

    /// <summary>Gets options that always keep a sketch (k = 1024), whatever the size.</summary>
    public static ProfileSketchOptions Sketch { get; } = new() { ExactBelow = 0 };

    /// <summary>Gets the number of finite values from which a feature is sketched instead of kept exactly.</summary>
    public long ExactBelow { get; init; } = DefaultExactBelow;

    /// <summary>Gets the KLL accuracy parameter k (8 to 65 535); the rank-error bound is 2.446 / k^0.9433.</summary>
    public int K { get; init; } = KllSketch.DefaultK;

    /// <summary>Gets the seed of the sketch's compaction coin flips; the same data in the same order gives the same sketch.</summary>
    public ulong Seed { get; init; } = 0x5EED_2026UL;

    /// <summary>Gets the rank-error bound of a sketch with these options (99% confidence, all queries at once).</summary>
    public double RankErrorBound => KllSketch.NormalizedRankError(K);

    /// <summary>Checks the options; the message names the property and what is allowed.</summary>
    internal void Validate()
    {
        if (K is < KllSketch.MinK or > KllSketch.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, $"ProfileSketchOptions.K must be between {KllSketch.MinK} and {KllSketch.MaxK}.");
        }

        if (ExactBelow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ExactBelow), ExactBelow, "ProfileSketchOptions.ExactBelow must not be negative.");
        }
    }
}
