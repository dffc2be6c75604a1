using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>
/// Streaming state of one numeric feature's profile: a KLL sketch of every finite value, exact moments (Chan's
/// parallel formula per batch), min/max, missing count, exact custom-bin counts, and the values themselves while fewer
/// than <see cref="ProfileSketchOptions.ExactBelow"/> (so small data still gives the exact profile).
/// </summary>
internal sealed class NumericProfileAccumulator
{
    private readonly string name;
    private readonly FeatureBinning binning;
    private readonly ProfileSketchOptions options;
    private readonly KllSketch sketch;
    private readonly long[]? customCounts;
    private List<double>? exact = [];
    private long missing;
    private double mean;
    private double m2;

    public NumericProfileAccumulator(string name, FeatureBinning binning, ProfileSketchOptions options)
    {
        this.name = name;
        this.binning = binning;
        this.options = options;
        sketch = new KllSketch(options.K, options.Seed);
        customCounts = binning.Strategy == BinningStrategy.Custom ? new long[binning.CustomEdges.Length + 1] : null;
    }

    public long Count => sketch.Count;

    public void Add(ReadOnlySpan<double> values)
    {
        long before = sketch.Count;
        sketch.Add(values);
        long added = sketch.Count - before;
        missing += values.Length - added;
        if (added == 0)
        {
            return;
        }

        if (customCounts is not null)
        {
            Span<long> counts = stackalloc long[customCounts.Length];
            Binning.Count(values, binning.CustomEdges.Span, counts);
            for (int i = 0; i < counts.Length; i++)
            {
                customCounts[i] += counts[i];
            }
        }

        // Batch moments (two-pass), then Chan, Golub & LeVeque to combine with what came before.
        double sum = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
            }
        }

        double batchMean = sum / added;
        double batchM2 = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                double d = v - batchMean;
                batchM2 += d * d;
            }
        }

        Combine(before, batchMean, batchM2, added);
        if (exact is not null)
        {
            if (sketch.Count < options.ExactBelow)
            {
                foreach (double v in values)
                {
                    if (double.IsFinite(v))
                    {
                        exact.Add(v);
                    }
                }
            }
            else
            {
                exact = null; // from here on the sketch is all that is kept
            }
        }
    }

    public void Merge(NumericProfileAccumulator other)
    {
        long before = sketch.Count;
        sketch.Merge(other.sketch);
        missing += other.missing;
        if (customCounts is not null)
        {
            for (int i = 0; i < customCounts.Length; i++)
            {
                customCounts[i] += other.customCounts![i];
            }
        }

        if (other.sketch.Count > 0)
        {
            Combine(before, other.mean, other.m2, other.sketch.Count);
        }

        exact = exact is not null && other.exact is not null && sketch.Count < options.ExactBelow ? [.. exact, .. other.exact] : null;
    }

    public NumericFeatureProfile? Build()
    {
        if (sketch.Count == 0)
        {
            return null;
        }

        if (exact is not null)
        {
            double[] values = [.. exact];
            var profile = NumericFeatureProfile.Build(name, values, binning, options);
            return missing == 0 ? profile : NumericFeatureProfile.WithMissing(profile, missing);
        }

        return NumericFeatureProfile.FromSketch(name, sketch.Clone(), missing, binning, mean, m2, customCounts is null ? null : (long[])customCounts.Clone());
    }

    public bool SameSetup(NumericProfileAccumulator other) =>
        binning.SameAs(other.binning) && options.K == other.options.K && options.ExactBelow == other.options.ExactBelow;

    private void Combine(long na, double meanB, double m2B, long nb)
    {
        double n = na + nb;
        double delta = meanB - mean;
        mean += delta * nb / n;
        m2 += m2B + (delta * delta * na * nb / n);
    }
}
