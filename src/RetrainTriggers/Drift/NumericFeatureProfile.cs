using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>The frozen reference distribution of one numeric feature, built once from training data so drift checks never redo reference work.</summary>
/// <remarks>
/// <para>
/// The profile keeps the sorted finite sample (what exact KS, Wasserstein, energy distance and Cramér–von Mises
/// need), the bin edges and reference bin counts (PSI, KL, Jensen–Shannon, Hellinger), the moments and the number
/// of missing values (NaN, ±∞). It is immutable.
/// </para>
/// <para>
/// A constant column (every finite value equal to <c>c</c>) is valid: all quantile edges collapse to the single edge
/// <c>c</c>, giving two bins <c>(-∞, c)</c> and <c>[c, +∞)</c> with the whole reference in the upper one; equal-width
/// binning likewise yields the single edge <c>c</c>; the variance is 0, so the normalised Wasserstein distance divides
/// by its floor 0.001.
/// </para>
/// </remarks>
public sealed partial class NumericFeatureProfile
{
    private readonly double[] sorted;
    private readonly SortedSample? sample;
    private readonly double[] innerEdges;
    private readonly long[] binCounts;
    private readonly double[] binProportions;
    private readonly long count;
    private readonly double min;
    private readonly double max;

    private NumericFeatureProfile(
        string name,
        double[] sorted,
        long missingCount,
        FeatureBinning binning,
        double[] innerEdges,
        long[] binCounts,
        double mean,
        double m2)
    {
        Name = name;
        this.sorted = sorted;
        count = sorted.Length;
        min = sorted[0];
        max = sorted[^1];
        sample = SortedSample.Trusted(sorted);
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

    /// <summary>Gets the feature name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of finite reference values.</summary>
    public long Count => count;

    /// <summary>Gets the number of missing reference values (NaN, +∞, −∞), excluded from every distribution statistic.</summary>
    public long MissingCount { get; }

    /// <summary>Gets the number of reference rows, finite or missing.</summary>
    internal long TotalCount => Count + MissingCount;

    /// <summary>Gets the share of reference rows that are missing.</summary>
    public double MissingRate => (double)MissingCount / TotalCount;

    /// <summary>Gets the mean of the finite reference values.</summary>
    public double Mean { get; }

    /// <summary>Gets the sum of squared deviations from the mean (Welford's / Chan's M2); the basis of the variance and of exact merging.</summary>
    public double M2 { get; }

    /// <summary>Gets the population variance (ddof = 0) of the finite reference values.</summary>
    internal double Variance => M2 / count;

    /// <summary>Gets the population standard deviation (ddof = 0), as used by the normalised Wasserstein distance.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Gets the smallest finite reference value.</summary>
    public double Min => min;

    /// <summary>Gets the largest finite reference value.</summary>
    public double Max => max;

    /// <summary>Gets the finite reference values in ascending order, ready for the two-sample statistics (<c>KolmogorovSmirnov.TwoSample(profile.SortedSample, window)</c>); exact profiles only.</summary>
    /// <exception cref="InvalidOperationException">The profile is a sketch (<see cref="IsSketch"/>), which keeps no sample.</exception>
    public SortedSample SortedSample => sample
        ?? throw new InvalidOperationException($"Feature '{Name}' has a sketch profile (KLL, k = {SketchK}); it keeps no sorted sample.");

    /// <summary>Gets how the bins were chosen.</summary>
    public FeatureBinning Binning { get; }

    /// <summary>Gets the inner bin edges (ascending, distinct); bin <c>i</c> is <c>[e(i-1), e(i))</c> with open outer bins.</summary>
    public ReadOnlyMemory<double> InnerEdges => innerEdges;

    /// <summary>Gets the number of reference values in each bin; one more entry than <see cref="InnerEdges"/>.</summary>
    public ReadOnlyMemory<long> BinCounts => binCounts;

    /// <summary>Gets the share of finite reference values in each bin (count / <see cref="Count"/>, no smoothing).</summary>
    internal ReadOnlyMemory<double> BinProportions => binProportions;

    /// <summary>Builds the profile of one numeric feature from its training values.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="values">The training values; NaN and ±∞ are counted as missing and excluded.</param>
    /// <param name="binning">How to bin; <see cref="FeatureBinning.Default"/> (10 quantile bins) when <see langword="null"/>.</param>
    /// <param name="sketch">When to keep a KLL sketch instead of the sorted sample; <see cref="ProfileSketchOptions.Default"/> (exact below 100 000 finite values) when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is blank, <paramref name="values"/> holds no finite value, or the values spread so far
    /// (near ±1.7e308) that their variance is not a finite double; the message names the feature.
    /// </exception>
    /// <remarks>The mean and M2 are computed on values scaled by a power of two, so values near the ends of the double range neither overflow nor lose precision.</remarks>
    public static NumericFeatureProfile Build(string name, ReadOnlySpan<double> values, FeatureBinning? binning = null, ProfileSketchOptions? sketch = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        binning ??= FeatureBinning.Default;
        sketch ??= ProfileSketchOptions.Default;
        sketch.Validate();

        var finite = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                finite++;
            }
        }

        if (finite == 0)
        {
            throw new ArgumentException(
                $"Feature '{name}': the reference holds no finite value ({values.Length} values, all missing or empty).",
                nameof(values));
        }

        if (finite >= sketch.ExactBelow)
        {
            return BuildSketch(name, values, values.Length - finite, binning, sketch);
        }

        var sorted = new double[finite];
        var j = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                sorted[j++] = value + 0.0; // -0.0 becomes +0.0, so the bit-pattern radix sort agrees with numeric order
            }
        }

        RadixSort.Sort(sorted);
        var (mean, m2) = Moments(sorted);
        if (!double.IsFinite(m2))
        {
            throw new ArgumentException(
                $"Feature '{name}': the values spread too far (from {sorted[0]:R} to {sorted[^1]:R}) for a finite variance; rescale the feature.",
                nameof(values));
        }

        var edges = binning.ComputeInnerEdges(SortedSample.Trusted(sorted));
        return new NumericFeatureProfile(name, sorted, values.Length - finite, binning, edges, CountSorted(sorted, edges), mean, m2);
    }

    /// <summary>Merges the profiles of two shards of the same feature into the profile of their union.</summary>
    /// <remarks>
    /// The result equals the profile built on the concatenated data: the sorted samples are merged, missing counts
    /// added, moments combined with Chan's parallel formula (equal to a rebuild up to rounding), and quantile or
    /// equal-width edges recomputed from the merged sample (so they are the whole-data edges, not an average of shard
    /// edges) with the bin counts recounted. Custom edges are fixed, so their counts simply add.
    /// When either profile is a sketch the result is a sketch (an exact side is sketched with the other's k): counts,
    /// missing counts and moments stay exact, the KLL sketches merge within their rank-error bound, custom-edge bin
    /// counts add exactly, and quantile or equal-width edges and counts come from the merged sketch (each bin count
    /// within the rank-error bound times the count), because whole-data edges cannot be recovered from the parts.
    /// </remarks>
    /// <param name="first">The first shard's profile.</param>
    /// <param name="second">The second shard's profile.</param>
    /// <returns>The merged profile.</returns>
    /// <exception cref="ArgumentException">The profiles describe different features or use different binnings.</exception>
    public static NumericFeatureProfile Merge(NumericFeatureProfile first, NumericFeatureProfile second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!string.Equals(first.Name, second.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge profiles of different features '{first.Name}' and '{second.Name}'.", nameof(second));
        }

        if (!first.Binning.SameAs(second.Binning))
        {
            throw new ArgumentException(
                $"Feature '{first.Name}': cannot merge profiles binned differently ({first.Binning.DescribeDifference(second.Binning)}).",
                nameof(second));
        }

        // Chan, Golub & LeVeque: M2 = M2a + M2b + delta^2 * na * nb / n.
        double na = first.count, nb = second.count, n = na + nb;
        // Far-apart means overflow delta; then weight the means instead (each term stays within the double range).
        var delta = second.Mean - first.Mean;
        var mean = double.IsFinite(delta) ? first.Mean + (delta * nb / n) : (first.Mean * (na / n)) + (second.Mean * (nb / n));
        var m2 = first.M2 + second.M2 + (delta * delta * na * nb / n);
        if (!double.IsFinite(m2))
        {
            m2 = first.M2 + second.M2 + (delta * (delta * (na / n)) * nb); // the same value, ordered to avoid an intermediate overflow
        }

        if (!double.IsFinite(m2))
        {
            throw new ArgumentException(
                $"Feature '{first.Name}': the merged values spread too far for a finite variance; rescale the feature.", nameof(second));
        }

        var missing = first.MissingCount > long.MaxValue - second.MissingCount - n
            ? throw new ArgumentException($"Feature '{first.Name}': the merged row count exceeds {long.MaxValue}.", nameof(second))
            : first.MissingCount + second.MissingCount;

        if (first.IsSketch || second.IsSketch)
        {
            return MergeSketch(first, second, mean, m2);
        }

        var merged = MergeSorted(first.sorted, second.sorted);

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
            edges = first.Binning.ComputeInnerEdges(SortedSample.Trusted(merged));
            counts = CountSorted(merged, edges);
        }

        return new NumericFeatureProfile(first.Name, merged, missing, first.Binning, edges, counts, mean, m2);
    }

    /// <summary>Rebuilds a profile from its stored parts, checking every invariant; the document path names what is wrong.</summary>
    internal static NumericFeatureProfile FromStored(
        string name,
        double[] sortedSample,
        long missingCount,
        FeatureBinning binning,
        double[] innerEdges,
        long[] binCounts,
        double mean,
        double m2,
        string path)
    {
        if (sortedSample.Length == 0)
        {
            throw new InvalidDataException($"{path}.sortedSample: the sample is empty.");
        }

        for (var i = 0; i < sortedSample.Length; i++)
        {
            if (!double.IsFinite(sortedSample[i]) || (i > 0 && sortedSample[i] < sortedSample[i - 1]))
            {
                throw new InvalidDataException($"{path}.sortedSample: value {i} is not finite or not in ascending order.");
            }

            sortedSample[i] += 0.0; // a stored -0.0 is +0.0, as Build stores it
        }

        for (var i = 0; i < innerEdges.Length; i++)
        {
            if (!double.IsFinite(innerEdges[i]) || (i > 0 && innerEdges[i] <= innerEdges[i - 1]))
            {
                throw new InvalidDataException($"{path}.innerEdges: edge {i} is not finite or not strictly ascending.");
            }
        }

        if (innerEdges.Length == 0 || binCounts.Length != innerEdges.Length + 1)
        {
            throw new InvalidDataException(
                $"{path}.binCounts: expected {innerEdges.Length + 1} counts for {innerEdges.Length} inner edges, found {binCounts.Length}.");
        }

        if (!innerEdges.AsSpan().SequenceEqual(binning.ComputeInnerEdges(SortedSample.Trusted(sortedSample))))
        {
            throw new InvalidDataException($"{path}.innerEdges: the edges do not match the {binning} binning of the sorted sample.");
        }

        if (!binCounts.AsSpan().SequenceEqual(CountSorted(sortedSample, innerEdges)))
        {
            throw new InvalidDataException($"{path}.binCounts: the counts do not match the sorted sample and edges.");
        }

        if (missingCount < 0 || missingCount > long.MaxValue - sortedSample.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"{path}.missingCount: {missingCount} is out of range (0 to {long.MaxValue - sortedSample.Length} for {sortedSample.Length} finite values)."));
        }

        CheckMoments(sortedSample, mean, m2, path);
        return new NumericFeatureProfile(name, sortedSample, missingCount, binning, innerEdges, binCounts, mean, m2);
    }

    /// <summary>Gets the backing arrays, for serialisation and the detector (never exposed publicly: callers could mutate them).</summary>
    internal double[] SortedArray => sorted;

    internal double[] EdgeArray => innerEdges;

    internal long[] CountArray => binCounts;

    internal double[] ProportionArray => binProportions;
}
