namespace RetrainTriggers.Statistics;

/// <summary>A sample of finite values in ascending order, checked once, that the two-sample statistics use without sorting or checking it again.</summary>
/// <remarks>
/// <para>
/// Every two-sample statistic (<see cref="KolmogorovSmirnov"/>, <see cref="Wasserstein"/>, <see cref="EnergyDistance"/>,
/// <see cref="CramerVonMises"/>) has one overload per guarantee the caller can give: two raw spans (each is filtered and
/// sorted), a <see cref="SortedSample"/> reference and a raw current span (only the current one is sorted), and two
/// <see cref="SortedSample"/>s (nothing is sorted). All overloads return identical results for the same data.
/// </para>
/// <para>
/// Build the reference once and check many windows against it; a reference profile already holds one
/// (<c>NumericFeatureProfile.SortedSample</c>). NaN and ±∞ never enter a sorted sample, and <c>-0.0</c> is stored as
/// <c>+0.0</c>. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class SortedSample
{
    private readonly double[] values;

    private SortedSample(double[] values) => this.values = values;

    /// <summary>Gets the values in ascending order, all finite (at least one).</summary>
    public ReadOnlyMemory<double> Values => values;

    /// <summary>Gets the values as a span, for the library's kernels.</summary>
    internal ReadOnlySpan<double> Span => values;

    /// <summary>Sorts the finite values of a raw sample.</summary>
    /// <param name="values">The values, in any order; NaN and ±∞ are excluded.</param>
    /// <returns>The sorted sample.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> has no finite value.</exception>
    public static SortedSample Sort(ReadOnlySpan<double> values)
    {
        using var pooled = PooledSortedSample.Rent(values, nameof(values), 1);
        return new SortedSample(pooled.Span.ToArray());
    }

    /// <summary>Copies a sample the caller has already sorted, verifying the order in one pass.</summary>
    /// <param name="sortedValues">The values, ascending, finite only.</param>
    /// <returns>The sorted sample.</returns>
    /// <exception cref="ArgumentException"><paramref name="sortedValues"/> is empty, not ascending, or holds NaN or ±∞.</exception>
    public static SortedSample FromSorted(ReadOnlySpan<double> sortedValues)
    {
        ContinuousSample.ValidateSorted(sortedValues, nameof(sortedValues), 1);
        var copy = sortedValues.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] += 0.0; // -0.0 becomes +0.0, as Sort stores it
        }

        return new SortedSample(copy);
    }

    /// <summary>Wraps an array the library has sorted and checked itself (no copy; the caller never mutates it).</summary>
    internal static SortedSample Trusted(double[] sortedFinite) => new(sortedFinite);
}
