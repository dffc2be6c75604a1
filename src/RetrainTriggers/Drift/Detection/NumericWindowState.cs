using System.Runtime.InteropServices;
using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>
/// One numeric feature of an accumulated window: exact counts in the reference's frozen bins, the missing count, a KLL
/// sketch of the finite values, and the values themselves while fewer than the exact limit are finite.
/// </summary>
internal sealed class NumericWindowState
{
    private readonly NumericFeatureProfile profile;
    private readonly ProfileSketchOptions options;
    private readonly long[] counts;
    private readonly KllSketch sketch;
    private List<double>? exact = [];
    private long missing;

    public NumericWindowState(NumericFeatureProfile profile, ProfileSketchOptions options)
    {
        this.profile = profile;
        this.options = options;
        counts = new long[profile.CountArray.Length];
        sketch = new KllSketch(options.K, options.Seed);
    }

    public void Add(ReadOnlySpan<double> values)
    {
        var batch = counts.Length <= 128 ? stackalloc long[counts.Length] : new long[counts.Length];
        missing += Binning.Count(values, profile.EdgeArray, batch);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += batch[i];
        }

        sketch.Add(values);
        if (exact is not null)
        {
            if (sketch.Count < options.ExactBelow)
            {
                foreach (var v in values)
                {
                    exact.Add(v); // non-finite values too: the exact path counts them as missing itself
                }
            }
            else
            {
                exact = null; // from here on the counts and the sketch are all that is kept
            }
        }
    }

    public void Merge(NumericWindowState other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        missing += other.missing;
        sketch.Merge(other.sketch);
        exact = exact is not null && other.exact is not null && sketch.Count < options.ExactBelow ? [.. exact, .. other.exact] : null;
    }

    public FeatureDriftResult Evaluate(FeaturePlan plan) => exact is not null
        ? NumericFeatureEvaluator.Evaluate(plan, profile, CollectionsMarshal.AsSpan(exact))
        : WindowSketchEvaluator.Evaluate(plan, profile, counts, missing, sketch, options.ExactBelow);
}
