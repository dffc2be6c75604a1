using System.Globalization;
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

    private NumericWindowState(NumericFeatureProfile profile, ProfileSketchOptions options, long[] counts, KllSketch sketch, List<double>? exact, long missing)
    {
        this.profile = profile;
        this.options = options;
        this.counts = counts;
        this.sketch = sketch;
        this.exact = exact;
        this.missing = missing;
    }

    /// <summary>Gets the reference's inner bin edges the counts are in.</summary>
    public double[] Edges => profile.EdgeArray;

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

    /// <summary>The feature's document. The sketch is left out when it holds nothing more than the exact values (never compacted), and rebuilt from them on load.</summary>
    public WindowFeatureDocument ToDocument(string name) => new()
    {
        Name = name,
        Kind = FeatureKind.Numeric,
        MissingCount = missing,
        InnerEdges = profile.EdgeArray,
        BinCounts = counts,
        Exact = exact is null ? null : ProfileCodec.ToBase64(CollectionsMarshal.AsSpan(exact)),
        Sketch = sketch.Count == 0 || (exact is not null && sketch.IsExact) ? null : SketchDocument.From(sketch),
    };

    /// <summary>Rebuilds a feature from its document against the reference's profile, checking every invariant; <paramref name="path"/> names the feature in errors.</summary>
    public static NumericWindowState FromDocument(NumericFeatureProfile profile, ProfileSketchOptions options, WindowFeatureDocument document, string path)
    {
        var edges = document.InnerEdges ?? throw new InvalidDataException($"{path}.innerEdges: missing.");
        if (EdgeDifference(edges, profile.EdgeArray) is { } difference)
        {
            throw new InvalidDataException(
                $"{path}.innerEdges: not the reference profile's bin edges ({difference}, document vs reference): the window was accumulated against another reference profile.");
        }

        var counts = document.BinCounts ?? throw new InvalidDataException($"{path}.binCounts: missing.");
        if (counts.Length != edges.Length + 1)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.binCounts: {counts.Length} counts, expected {edges.Length + 1} (one more than the inner edges)."));
        }

        long binned = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.binCounts[{i}]: {counts[i]} is negative."));
            }

            binned = counts[i] > long.MaxValue - binned
                ? throw new InvalidDataException($"{path}.binCounts: the counts overflow a 64-bit total.")
                : binned + counts[i];
        }

        if (document.MissingCount < 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.missingCount: {document.MissingCount} is negative."));
        }

        var exact = document.Exact is null ? null : ProfileCodec.FromBase64(document.Exact, path + ".exact");
        var sketch = document.Sketch?.ToSketch(path + ".sketch");
        if (sketch is not null && sketch.K != options.K)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.sketch.k: {sketch.K}, but sketchOptions.k is {options.K}."));
        }

        var stored = sketch is not null;
        if (sketch is null)
        {
            sketch = new KllSketch(options.K, options.Seed);
            sketch.Add(exact ?? []);
        }

        if (binned != sketch.Count)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}.binCounts: they add up to {binned}, but the window holds {sketch.Count} finite values ({(stored ? "the sketch's count" : "the exact values")})."));
        }

        if (exact is null)
        {
            if (sketch.Count < options.ExactBelow)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}.exact: missing with {sketch.Count} finite values, below sketchOptions.exactBelow = {options.ExactBelow}: an accumulator keeps its exact values until that count."));
            }

            return new NumericWindowState(profile, options, counts, sketch, null, document.MissingCount);
        }

        CheckExact(exact, sketch, stored, counts, document.MissingCount, profile.EdgeArray, options, path);
        return new NumericWindowState(profile, options, counts, sketch, [.. exact], document.MissingCount);
    }

    public FeatureDriftResult Evaluate(FeaturePlan plan) => exact is not null
        ? NumericFeatureEvaluator.Evaluate(plan, profile, CollectionsMarshal.AsSpan(exact))
        : WindowSketchEvaluator.Evaluate(plan, profile, counts, missing, sketch, options.ExactBelow);

    /// <summary>The exact values against the rest: missing and finite counts, the exact limit, the bin counts and (when stored apart) the sketch's range.</summary>
    private static void CheckExact(double[] exact, KllSketch sketch, bool stored, long[] counts, long missing, double[] edges, ProfileSketchOptions options, string path)
    {
        var finite = 0L;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in exact)
        {
            if (double.IsFinite(v))
            {
                finite++;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (exact.Length - finite != missing)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}.exact: holds {exact.Length - finite} missing (NaN or ±∞) values, but missingCount is {missing}."));
        }

        if (exact.Length > 0 && finite >= options.ExactBelow)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}.exact: holds {finite} finite values, at least sketchOptions.exactBelow = {options.ExactBelow}: an accumulator keeps exact values only below it."));
        }

        if (stored && (finite != sketch.Count || min != sketch.Min || max != sketch.Max))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}.sketch: count {sketch.Count}, min {sketch.Min:R}, max {sketch.Max:R}, but the exact values have {finite}, {min:R}, {max:R}."));
        }

        var recount = new long[counts.Length];
        Binning.Count(exact, edges, recount);
        if (!recount.AsSpan().SequenceEqual(counts))
        {
            throw new InvalidDataException($"{path}.binCounts: they differ from the exact values' counts in the reference's bins.");
        }
    }

    /// <summary>How two edge arrays differ (their lengths or the first differing edge), null when equal.</summary>
    internal static string? EdgeDifference(double[] first, double[] second)
    {
        if (first.Length != second.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{first.Length} inner edges vs {second.Length}");
        }

        for (var i = 0; i < first.Length; i++)
        {
            if (!first[i].Equals(second[i]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"inner edge {i} is {first[i]:R} vs {second[i]:R}");
            }
        }

        return null;
    }
}
