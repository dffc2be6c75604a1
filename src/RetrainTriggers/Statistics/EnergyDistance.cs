namespace RetrainTriggers.Statistics;

/// <summary>Energy distance between the empirical distributions of two samples.</summary>
/// <remarks>
/// Matches scipy 1.10 <c>scipy.stats.energy_distance(reference, current)</c> (unweighted):
/// sqrt(2 · ∫ (F(t) − G(t))² dt), which equals sqrt(2E|X−Y| − E|X−X'| − E|Y−Y'|); computed in O(n log n) from the
/// sorted samples, as scipy does, not from all pairs. NaN and ±∞ are excluded from raw samples first. The overloads
/// differ only in what the caller guarantees (see <see cref="SortedSample"/>).
/// </remarks>
public static class EnergyDistance
{
    /// <summary>Computes the energy distance between two raw samples.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>The distance, ≥ 0, in the unit of the square root of the data's unit.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var r = PooledSortedSample.Rent(reference, nameof(reference), 1);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Core(r.Span, c.Span);
    }

    /// <summary>Computes the energy distance between a sorted reference (a reference profile's) and a raw current sample; only the current sample is sorted.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>The distance, ≥ 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="current"/> has no finite value.</exception>
    public static double Compute(SortedSample reference, ReadOnlySpan<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Core(reference.Span, c.Span);
    }

    /// <summary>Computes the energy distance between two sorted samples; allocates nothing.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The sorted current sample.</param>
    /// <returns>The distance, ≥ 0.</returns>
    public static double Compute(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Core(reference.Span, current.Span);
    }

    /// <summary>The energy distance over two sorted, finite, non-empty spans.</summary>
    internal static double Core(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent) =>
        Math.Sqrt(2) * CdfDistance.Integrate(sortedReference, sortedCurrent, squared: true);
}
