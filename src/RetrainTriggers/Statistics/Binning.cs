using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Derives bin edges from a reference sample (this file) and counts samples into the bins those edges define (<c>Binning.Counting.cs</c>).</summary>
/// <remarks>
/// <para>
/// Bins are described by their <em>inner</em> edges <c>e1 &lt; e2 &lt; ... &lt; ek</c>, which define <c>k + 1</c> bins
/// whose outer bins are open: <c>(-inf, e1), [e1, e2), ..., [ek, +inf)</c>. A value exactly on an edge belongs to the
/// bin on its right, as <c>numpy.searchsorted(edges, x, side="right")</c> assigns it.
/// </para>
/// <para>
/// Non-finite values (NaN, +inf, -inf) never take part: they are excluded from edge computation and from counts, and
/// the methods that see them report how many were excluded so that callers can report a missing rate.
/// </para>
/// <para>Edge semantics match numpy 1.24 (<c>numpy.quantile</c>, <c>numpy.linspace</c>, <c>numpy.unique</c>).</para>
/// </remarks>
internal static partial class Binning
{
    /// <summary>The default number of bins (10), as used by Evidently and most PSI write-ups.</summary>
    internal const int DefaultBins = 10;

    // QuantileEdges selects order statistics instead of sorting up to this many bins and from this sample size on.
    private const int MaxSelectionBins = 128;

    private const int MinSelectionLength = 64;

    /// <summary>Computes quantile bin edges from an unsorted reference sample.</summary>
    /// <param name="reference">The reference sample; non-finite values are ignored.</param>
    /// <param name="bins">The number of bins requested (at least 2). Fewer bins result when quantiles coincide.</param>
    /// <returns>The strictly increasing inner edges (between 1 and <paramref name="bins"/> - 1 of them).</returns>
    /// <remarks>
    /// <para>
    /// The edges are <c>numpy.unique(numpy.quantile(finite_reference, numpy.linspace(0, 1, bins + 1)[1:-1]))</c> with
    /// numpy 1.24's default <c>method="linear"</c> (Hyndman–Fan type 7): the quantile levels are
    /// <c>q_i = i * (1 / bins)</c> exactly as <c>linspace</c> computes them, the virtual index is <c>(n - 1) * q_i</c>,
    /// and numpy's two-sided interpolation <c>a + (b - a) * g</c> (<c>g &lt; 0.5</c>) or <c>b - (b - a) * (1 - g)</c>
    /// (<c>g &gt;= 0.5</c>) is reproduced bit for bit. Duplicate edges (tied data) are removed, so heavily tied or
    /// constant data yields fewer bins; a constant reference yields the single edge at its value, i.e. the bins
    /// <c>(-inf, c)</c> and <c>[c, +inf)</c>.
    /// </para>
    /// <para>
    /// This copies the finite values to a pooled buffer and selects the needed order statistics (no full sort); use
    /// the <see cref="SortedSample"/> overload when the sample is already sorted.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is empty or has no finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    internal static double[] QuantileEdges(ReadOnlySpan<double> reference, int bins = DefaultBins)
    {
        ValidateBins(bins);
        ThrowIfEmpty(reference, nameof(reference));
        var buffer = ArrayPool<double>.Shared.Rent(reference.Length);
        try
        {
            var count = CopyFinite(reference, buffer);
            if (count == 0)
            {
                throw NoFiniteValue(reference.Length, nameof(reference));
            }

            var values = buffer.AsSpan(0, count);
            if (bins > MaxSelectionBins || count <= MinSelectionLength)
            {
                values.Sort();
            }
            else
            {
                // Only the order statistics next to each quantile level are needed: select them in O(n log bins)
                // instead of sorting, as numpy.quantile does with partition.
                Span<int> positions = stackalloc int[2 * (bins - 1)];
                var used = QuantilePositions(count, bins, positions);
                var depthLimit = 2 * (int)Math.Log2(count);
                Select(values, 0, count, positions[..used], depthLimit);
            }

            return QuantileEdgesCore(values, bins);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes quantile bin edges from a sorted reference; identical to <see cref="QuantileEdges(ReadOnlySpan{double}, int)"/> on the same data, without the copy and the selection.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="bins">The number of bins requested (at least 2).</param>
    /// <returns>The strictly increasing inner edges.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    internal static double[] QuantileEdges(SortedSample reference, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ValidateBins(bins);
        return QuantileEdgesCore(reference.Span, bins);
    }

    /// <summary>Computes equal-width bin edges spanning the range of a reference sample.</summary>
    /// <param name="reference">The reference sample; non-finite values are ignored.</param>
    /// <param name="bins">The number of bins requested (at least 2).</param>
    /// <returns>The strictly increasing inner edges.</returns>
    /// <remarks>
    /// <para>
    /// The edges are the interior points of <c>numpy.linspace(min, max, bins + 1)</c> over the finite values, computed
    /// as numpy 1.24 does: <c>step = (max - min) / bins</c> and point <c>i</c> is <c>i * step + min</c>; when the step
    /// underflows to zero numpy computes <c>(i / bins) * (max - min) + min</c>, which is reproduced. Duplicates are
    /// removed, so a constant reference yields the single edge at its value.
    /// </para>
    /// <para>
    /// Deviation: when <c>max - min</c> overflows (data spanning almost the whole double range) numpy produces infinite
    /// edges; here point <c>i</c> is computed as <c>min / bins * (bins - i) + max / bins * i</c> so that the edges stay finite.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is empty or has no finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    internal static double[] EqualWidthEdges(ReadOnlySpan<double> reference, int bins = DefaultBins)
    {
        ValidateBins(bins);
        ThrowIfEmpty(reference, nameof(reference));
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var any = false;
        foreach (var x in reference)
        {
            if (double.IsFinite(x))
            {
                any = true;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }

        if (!any)
        {
            throw NoFiniteValue(reference.Length, nameof(reference));
        }

        var edges = new double[bins - 1];
        var delta = max - min;
        if (double.IsInfinity(delta))
        {
            // Only reachable with min < 0 < max: each weighted end stays within the double range.
            for (var i = 1; i < bins; i++)
            {
                edges[i - 1] = (min / bins * (bins - i)) + (max / bins * i);
            }
        }
        else
        {
            var step = delta / bins;
            for (var i = 1; i < bins; i++)
            {
                edges[i - 1] = step == 0 ? ((double)i / bins * delta) + min : (i * step) + min;
            }
        }

        return SortUnique(edges);
    }

    /// <summary>Validates user-supplied bin edges and puts them in the form the counting methods expect.</summary>
    /// <param name="edges">The edges, in any order, possibly with duplicates.</param>
    /// <returns>A new array with the finite edges sorted ascending and duplicates removed.</returns>
    /// <remarks>
    /// Infinite edges are dropped: the outer bins are already open, so an edge at -inf would only add a bin that can
    /// never hold a finite value, and one at +inf a bin holding only excluded values. This lets callers pass
    /// <c>pandas.cut</c>-style edges such as <c>[-inf, 0, 10, +inf]</c>. <c>-0.0</c> and <c>0.0</c> are the same edge.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="edges"/> contains NaN or no finite edge.</exception>
    internal static double[] NormalizeEdges(ReadOnlySpan<double> edges) => NormalizeEdges(edges, nameof(edges));

    /// <summary>Computes inner edges from a reference sample with the given strategy.</summary>
    /// <param name="reference">The reference sample (unused for <see cref="BinningStrategy.Custom"/>).</param>
    /// <param name="strategy">How edges are derived.</param>
    /// <param name="bins">The number of bins for <see cref="BinningStrategy.Quantile"/> and <see cref="BinningStrategy.EqualWidth"/> (at least 2).</param>
    /// <param name="customEdges">The edges for <see cref="BinningStrategy.Custom"/>; ignored otherwise.</param>
    /// <returns>The strictly increasing inner edges.</returns>
    /// <remarks>Dispatches to <see cref="QuantileEdges(ReadOnlySpan{double}, int)"/>, <see cref="EqualWidthEdges"/> or <see cref="NormalizeEdges(ReadOnlySpan{double})"/>.</remarks>
    /// <exception cref="ArgumentException">The arguments the chosen strategy needs are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2 or <paramref name="strategy"/> is unknown.</exception>
    internal static double[] ComputeEdges(
        ReadOnlySpan<double> reference,
        BinningStrategy strategy,
        int bins = DefaultBins,
        ReadOnlySpan<double> customEdges = default) => strategy switch
        {
            BinningStrategy.Quantile => QuantileEdges(reference, bins),
            BinningStrategy.EqualWidth => EqualWidthEdges(reference, bins),
            BinningStrategy.Custom => NormalizeEdges(customEdges, nameof(customEdges)),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown binning strategy."),
        };

    internal static double[] NormalizeEdges(ReadOnlySpan<double> edges, string paramName)
    {
        var finite = new List<double>(edges.Length);
        foreach (var e in edges)
        {
            if (double.IsNaN(e))
            {
                throw new ArgumentException("Bin edges must not contain NaN.", paramName);
            }

            if (double.IsFinite(e))
            {
                finite.Add(e);
            }
        }

        if (finite.Count == 0)
        {
            throw new ArgumentException("At least one finite bin edge is required.", paramName);
        }

        return SortUnique([.. finite]);
    }

    /// <summary>The quantile edges from a sample whose order statistics at <see cref="QuantilePositions"/> are in place.</summary>
    private static double[] QuantileEdgesCore(ReadOnlySpan<double> sorted, int bins)
    {
        var n = sorted.Length;
        var step = 1.0 / bins;
        var lastIndex = (double)(n - 1);
        var edges = new double[bins - 1];
        for (var i = 1; i < bins; i++)
        {
            var q = i * step;
            var virtualIndex = lastIndex * q;
            double edge;
            if (virtualIndex >= lastIndex)
            {
                edge = sorted[n - 1];
            }
            else
            {
                var previous = Math.Floor(virtualIndex);
                var lower = (int)previous;
                edge = Lerp(sorted[lower], sorted[lower + 1], virtualIndex - previous);
            }

            edges[i - 1] = edge;
        }

        return SortUnique(edges);
    }

    /// <summary>numpy 1.24's <c>_lerp</c>: interpolate from the nearer end so that g = 1 returns b exactly.</summary>
    private static double Lerp(double a, double b, double g)
    {
        var difference = b - a;
        var value = g >= 0.5 ? b - (difference * (1 - g)) : a + (difference * g);

        // b - a overflows only for values near the ends of the double range; numpy would return inf/NaN there.
        return double.IsFinite(value) ? value : (a * (1 - g)) + (b * g);
    }

    private static double[] SortUnique(double[] edges)
    {
        Array.Sort(edges);
        var unique = 0;
        for (var i = 0; i < edges.Length; i++)
        {
            if (unique == 0 || edges[i] != edges[unique - 1])
            {
                edges[unique++] = edges[i];
            }
        }

        return unique == edges.Length ? edges : edges.AsSpan(0, unique).ToArray();
    }
}
