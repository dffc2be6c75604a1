using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>The sketch side of <see cref="NumericFeatureProfile"/> and the no-sort KS path of both kinds.</summary>
public sealed partial class NumericFeatureProfile
{
    private readonly KllSketch? sketch;
    private readonly double[]? sketchValues;
    private readonly long[]? sketchCumulative;
    private KsGapIndex? gapIndex;
    private double[]? expandedSample;

    private NumericFeatureProfile(string name, KllSketch sketch, long missingCount, FeatureBinning binning, double[] innerEdges, long[] binCounts, double mean, double m2)
    {
        Name = name;
        sorted = [];
        this.sketch = sketch;
        sketch.SortedView(out double[] values, out long[] cumulative);
        sketchValues = values;
        sketchCumulative = cumulative;
        count = sketch.Count;
        min = sketch.Min;
        max = sketch.Max;
        MissingCount = missingCount;
        Binning = binning;
        this.innerEdges = innerEdges;
        this.binCounts = binCounts;
        Mean = mean;
        M2 = m2;
        binProportions = new double[binCounts.Length];
        for (var i = 0; i < binCounts.Length; i++)
        {
            binProportions[i] = (double)binCounts[i] / count;
        }
    }

    /// <summary>Gets whether the profile keeps a KLL quantile sketch instead of the sorted sample (see <see cref="ProfileSketchOptions"/>).</summary>
    public bool IsSketch => sketch is not null;

    /// <summary>Gets the sketch's accuracy parameter k; 0 for an exact profile.</summary>
    public int SketchK => sketch?.K ?? 0;

    /// <summary>Gets the number of values the profile keeps: the sample size when exact, the sketch's retained items otherwise.</summary>
    public int RetainedCount => sketch?.RetainedCount ?? sorted.Length;

    /// <summary>Gets the bound of the reference CDF's error (normalised rank error, 99% confidence, all values at once): 0 when exact.</summary>
    public double RankErrorBound => sketch?.RankErrorBound ?? 0;

    /// <summary>Runs the two-sample KS test of a raw window against this profile without sorting the window.</summary>
    /// <param name="current">The current window; NaN and ±∞ are excluded.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed (exact profiles; sketch profiles always use the asymptotic p-value).</param>
    /// <returns>The result and its error bound.</returns>
    /// <exception cref="ArgumentException"><paramref name="current"/> has no finite value.</exception>
    /// <remarks>
    /// Exact profile: identical to <c>KolmogorovSmirnov.TwoSample</c> (scipy's statistic, location, sign and
    /// p-value); the window is counted into about 4 096 gaps of the reference and only the gaps where the statistic can
    /// be reached are sorted. Sketch profile: one pass over the window; the statistic is within
    /// <see cref="RankErrorBound"/> of the exact one and the p-value is the asymptotic p-value at the estimate (the true
    /// one lies between those at D − ε and D + ε). Nothing is allocated beyond the result in steady state.
    /// </remarks>
    public BoundedKsResult KsTest(ReadOnlySpan<double> current, KolmogorovSmirnovAlternative alternative = KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        if (alternative is not (KolmogorovSmirnovAlternative.TwoSided or KolmogorovSmirnovAlternative.Less or KolmogorovSmirnovAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown KS alternative.");
        }

        if (method is not (KolmogorovSmirnovMethod.Auto or KolmogorovSmirnovMethod.Exact or KolmogorovSmirnovMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown KS method.");
        }

        var index = GapIndex;
        if (sketch is null)
        {
            return new BoundedKsResult(KsGapScan.Compute(sorted, index, current, alternative, method), 0);
        }

        if (sketch.IsExact)
        {
            // Every value is still held with weight 1: the exact path on the expanded sample.
            return new BoundedKsResult(KsGapScan.Compute(ExactSketchSample, index, current, alternative, method), 0);
        }

        return new BoundedKsResult(SketchStatistics.Ks(sketchValues!, sketchCumulative!, count, index, current, alternative), sketch.RankErrorBound);
    }

    /// <summary>Gets the sketch's sorted view (distinct values, cumulative weights), null for an exact profile.</summary>
    internal (double[] Values, long[] Cumulative)? SketchView => sketchValues is null ? null : (sketchValues, sketchCumulative!);

    /// <summary>Gets the sketch (null for an exact profile); never handed out publicly, callers could change it.</summary>
    internal KllSketch? SketchOrNull => sketch;

    /// <summary>Gets the gap index of the no-sort KS path, built on first use (thread-safe, idempotent).</summary>
    internal KsGapIndex GapIndex => gapIndex ?? Interlocked.CompareExchange(ref gapIndex, BuildGapIndex(), null) ?? gapIndex!;

    /// <summary>Normalised Wasserstein-1 against the sketch, and its bound; for sketch profiles only.</summary>
    internal (double Value, double Bound) SketchWasserstein(ReadOnlySpan<double> sortedCurrent) => (
        SketchStatistics.WassersteinNormalized(sketchValues!, sketchCumulative!, count, sortedCurrent, StandardDeviation),
        SketchStatistics.WassersteinBound(RankErrorBound, min, max, StandardDeviation));

    /// <summary>Energy distance against the sketch, and its bound; for sketch profiles only.</summary>
    internal (double Value, double Bound) SketchEnergy(ReadOnlySpan<double> sortedCurrent) => (
        SketchStatistics.EnergyDistance(sketchValues!, sketchCumulative!, count, sortedCurrent),
        SketchStatistics.EnergyDistanceBound(RankErrorBound, min, max));

    /// <summary>Gets the sketch's document (null for an exact profile).</summary>
    internal SketchDocument? ToSketchDocument() => sketch is null ? null : SketchDocument.From(sketch);

    /// <summary>Rebuilds a sketch profile from its document, checking invariants; the path names what is wrong.</summary>
    internal static NumericFeatureProfile FromStoredSketch(
        string name, SketchDocument document, long missingCount, FeatureBinning binning, double[] innerEdges, long[] binCounts, double mean, double m2, string path)
    {
        var kll = document.ToSketch(path + ".sketch");
        for (int i = 0; i < innerEdges.Length; i++)
        {
            if (!double.IsFinite(innerEdges[i]) || (i > 0 && innerEdges[i] <= innerEdges[i - 1]))
            {
                throw new InvalidDataException($"{path}.innerEdges: edge {i} is not finite or not strictly ascending.");
            }
        }

        if (innerEdges.Length == 0 || binCounts.Length != innerEdges.Length + 1 || binCounts.Any(c => c < 0) || binCounts.Sum() != kll.Count)
        {
            throw new InvalidDataException(
                $"{path}.binCounts: expected {innerEdges.Length + 1} non-negative counts adding up to the sketch's count {kll.Count}.");
        }

        if (missingCount < 0 || !double.IsFinite(mean) || !double.IsFinite(m2) || m2 < 0)
        {
            throw new InvalidDataException($"{path}: missingCount, mean or m2 is out of range.");
        }

        return new NumericFeatureProfile(name, kll, missingCount, binning, innerEdges, binCounts, mean, m2);
    }

    /// <summary>A sketch profile from streamed parts: custom-bin counts exact when given, other edges and counts from the sketch.</summary>
    internal static NumericFeatureProfile FromSketch(string name, KllSketch kll, long missing, FeatureBinning binning, double mean, double m2, long[]? customCounts)
    {
        double[] edges;
        long[] counts;
        if (binning.Strategy == BinningStrategy.Custom && customCounts is not null)
        {
            edges = binning.CustomEdges.ToArray();
            counts = customCounts;
        }
        else
        {
            kll.SortedView(out double[] values, out long[] cumulative);
            edges = binning.Strategy == BinningStrategy.EqualWidth
                ? Statistics.Binning.EqualWidthEdges([kll.Min, kll.Max], binning.BinCount)
                : SketchQuantileEdges(values, cumulative, binning.BinCount);
            counts = SketchCounts(values, cumulative, edges);
        }

        return new NumericFeatureProfile(name, kll, missing, binning, edges, counts, mean, m2);
    }

    /// <summary>The same exact profile with more missing values (streamed batches count them apart from the sample).</summary>
    internal static NumericFeatureProfile WithMissing(NumericFeatureProfile profile, long missing) => profile.sketch is null
        ? new NumericFeatureProfile(profile.Name, profile.sorted, missing, profile.Binning, profile.innerEdges, profile.binCounts, profile.Mean, profile.M2)
        : new NumericFeatureProfile(profile.Name, profile.sketch, missing, profile.Binning, profile.innerEdges, profile.binCounts, profile.Mean, profile.M2);

    /// <summary>Builds a sketch profile: the sketch in one pass, exact edges and bin counts, exact moments.</summary>
    private static NumericFeatureProfile BuildSketch(string name, ReadOnlySpan<double> values, long missing, FeatureBinning binning, ProfileSketchOptions options)
    {
        var kll = new KllSketch(options.K, options.Seed);
        kll.Add(values);
        double[] edges = binning.Strategy switch
        {
            BinningStrategy.Quantile => Statistics.Binning.QuantileEdges(values, binning.BinCount),
            BinningStrategy.EqualWidth => Statistics.Binning.EqualWidthEdges(values, binning.BinCount),
            _ => binning.CustomEdges.ToArray(),
        };
        var counts = new long[edges.Length + 1];
        Statistics.Binning.Count(values, edges, counts);
        var (mean, m2) = FiniteMoments(values, kll.Count);
        return new NumericFeatureProfile(name, kll, missing, binning, edges, counts, mean, m2);
    }

    /// <summary>Merges two profiles when at least one is a sketch; exact sides are sketched with the other's k.</summary>
    private static NumericFeatureProfile MergeSketch(NumericFeatureProfile first, NumericFeatureProfile second, double mean, double m2)
    {
        int k = first.sketch?.K ?? second.sketch!.K;
        var merged = first.sketch?.Clone() ?? SketchOf(first, k);
        merged.Merge(second.sketch ?? SketchOf(second, k));
        double[] edges;
        long[] counts;
        if (first.Binning.Strategy == BinningStrategy.Custom)
        {
            edges = first.innerEdges;
            counts = new long[first.binCounts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = first.binCounts[i] + second.binCounts[i];
            }
        }
        else
        {
            // Whole-data edges are not recoverable from the parts: take them from the merged sketch, counts from its ranks.
            merged.SortedView(out double[] values, out long[] cumulative);
            edges = first.Binning.Strategy == BinningStrategy.EqualWidth
                ? Statistics.Binning.EqualWidthEdges([merged.Min, merged.Max], first.Binning.BinCount)
                : SketchQuantileEdges(values, cumulative, first.Binning.BinCount);
            counts = SketchCounts(values, cumulative, edges);
        }

        return new NumericFeatureProfile(first.Name, merged, first.MissingCount + second.MissingCount, first.Binning, edges, counts, mean, m2);
    }

    private static KllSketch SketchOf(NumericFeatureProfile exact, int k)
    {
        var s = new KllSketch(k);
        s.Add(exact.sorted);
        return s;
    }

    /// <summary>Type-7 quantile edges of the sketch's weighted sample (the virtual sorted sample of its weights).</summary>
    private static double[] SketchQuantileEdges(double[] values, long[] cumulative, int bins)
    {
        long n = cumulative[^1];
        var edges = new double[bins - 1];
        for (int i = 1; i < bins; i++)
        {
            double h = (n - 1) * ((double)i / bins);
            long lo = (long)Math.Floor(h);
            double a = ValueAtRank(values, cumulative, lo);
            double b = ValueAtRank(values, cumulative, Math.Min(lo + 1, n - 1));
            edges[i - 1] = a + ((b - a) * (h - lo));
        }

        return Statistics.Binning.NormalizeEdges(edges);
    }

    private static double ValueAtRank(double[] values, long[] cumulative, long rank)
    {
        int p = Array.BinarySearch(cumulative, rank + 1);
        return values[p >= 0 ? p : ~p];
    }

    private static long[] SketchCounts(double[] values, long[] cumulative, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        long previous = 0;
        for (int i = 0; i < edges.Length; i++)
        {
            int p = Array.BinarySearch(values, edges[i]);
            int below = p >= 0 ? p : ~p; // values strictly below the edge
            long weight = below == 0 ? 0 : cumulative[below - 1];
            counts[i] = weight - previous;
            previous = weight;
        }

        counts[^1] = cumulative[^1] - previous;
        return counts;
    }

    /// <summary>Gets the sample an exact sketch holds (every weight is 1), expanded once.</summary>
    private double[] ExactSketchSample => expandedSample ?? Interlocked.CompareExchange(ref expandedSample, ExpandExactSketch(), null) ?? expandedSample!;

    private double[] ExpandExactSketch()
    {
        var expanded = new double[count];
        long previous = 0;
        int p = 0;
        for (int i = 0; i < sketchValues!.Length; i++)
        {
            long w = sketchCumulative![i] - previous;
            expanded.AsSpan(p, (int)w).Fill(sketchValues[i]);
            p += (int)w;
            previous = sketchCumulative[i];
        }

        return expanded;
    }

    private KsGapIndex BuildGapIndex() => sketch is null ? KsGapIndex.Build(sorted)
        : sketch.IsExact ? KsGapIndex.Build(ExactSketchSample)
        : KsGapIndex.ForCuts(sketchValues!);

    /// <summary>Two-pass corrected mean and M2 over the finite values of an unsorted span.</summary>
    private static (double Mean, double M2) FiniteMoments(ReadOnlySpan<double> values, long finite)
    {
        double sum = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
            }
        }

        var mean = sum / finite;
        double m2 = 0, comp = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                var d = v - mean;
                m2 += d * d;
                comp += d;
            }
        }

        mean += comp / finite;
        m2 -= comp * comp / finite;
        return (mean, Math.Max(m2, 0));
    }
}
