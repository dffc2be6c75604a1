namespace RetrainTriggers.Statistics;

/// <summary>Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples.</summary>
/// <remarks>
/// Matches scipy 1.10 <c>scipy.stats.wasserstein_distance(reference, current)</c> (unweighted):
/// W1 = ∫ |F(t) − G(t)| dt over the pooled sample, evaluated exactly on the step functions (right-continuous ECDFs,
/// sum of |F − G| times the gaps between consecutive pooled values). NaN and ±∞ are excluded from raw samples first.
/// The overloads differ only in what the caller guarantees (see <see cref="SortedSample"/>).
/// </remarks>
public static class Wasserstein
{
    /// <summary>Smallest standard deviation <see cref="Normalized"/> divides by, so a constant reference gives a finite value.</summary>
    public const double MinimumScale = 0.001;

    /// <summary>Computes W1 between the empirical distributions of two raw samples.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>The distance, ≥ 0, in the unit of the data.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static double Distance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var r = PooledSortedSample.Rent(reference, nameof(reference), 1);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Core(r.Span, c.Span);
    }

    /// <summary>Computes W1 between a sorted reference (a reference profile's) and a raw current sample; only the current sample is sorted.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>The distance, ≥ 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="current"/> has no finite value.</exception>
    public static double Distance(SortedSample reference, ReadOnlySpan<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Core(reference.Span, c.Span);
    }

    /// <summary>Computes W1 between two sorted samples; allocates nothing.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The sorted current sample.</param>
    /// <returns>The distance, ≥ 0.</returns>
    public static double Distance(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Core(reference.Span, current.Span);
    }

    /// <summary>Computes W1 divided by the reference's standard deviation, a scale-free drift size.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>W1 / max(σ_reference, <see cref="MinimumScale"/>), ≥ 0.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    /// <remarks>
    /// σ_reference is the population standard deviation (numpy <c>std(reference, ddof=0)</c>) of the finite reference
    /// values; the floor <see cref="MinimumScale"/> keeps a constant reference finite (then the result is W1 / 0.001).
    /// Matches <c>scipy.stats.wasserstein_distance(r, c) / max(numpy.std(r), 0.001)</c> with scipy 1.10 / numpy 1.24.
    /// </remarks>
    public static double Normalized(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var r = PooledSortedSample.Rent(reference, nameof(reference), 1);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Normalize(Core(r.Span, c.Span), CdfDistance.PopulationStandardDeviation(r.Span));
    }

    /// <summary>W1 over two sorted, finite, non-empty spans.</summary>
    internal static double Core(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent) =>
        CdfDistance.Integrate(sortedReference, sortedCurrent, squared: false);

    /// <summary>Divides a distance by the reference's standard deviation floored at <see cref="MinimumScale"/>.</summary>
    internal static double Normalize(double distance, double referenceStandardDeviation) =>
        distance / Math.Max(referenceStandardDeviation, MinimumScale);
}
