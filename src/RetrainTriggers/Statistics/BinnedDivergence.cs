namespace RetrainTriggers.Statistics;

/// <summary>Bins two raw numeric samples on edges taken from the reference and computes PSI, KL, Jensen–Shannon and Hellinger.</summary>
/// <remarks>
/// This is the one-shot computation; for repeated checks against the same reference, build a reference profile
/// once (<c>RetrainTriggers.Drift.NumericFeatureProfile</c>, which freezes the edges and reference proportions) and
/// check windows with <c>RetrainTriggers.Drift.DriftDetector</c>, or call <see cref="Divergence"/> on your own proportions.
/// </remarks>
internal static class BinnedDivergence
{
    /// <summary>Computes the binned divergences of <paramref name="current"/> against <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference (training) sample; its finite values alone define the edges.</param>
    /// <param name="current">The current (serving) sample.</param>
    /// <param name="strategy">How the edges are derived (default: reference quantiles).</param>
    /// <param name="bins">The number of bins for the quantile and equal-width strategies (at least 2; default 10).</param>
    /// <param name="epsilon">The replacement for zero proportions in PSI and KL (default 1e-4; must be positive).</param>
    /// <param name="customEdges">The edges for <see cref="BinningStrategy.Custom"/> (sorted, de-duplicated, infinite edges dropped).</param>
    /// <returns>The edges, counts, proportions, exclusions and divergences.</returns>
    /// <remarks>
    /// <para>
    /// Edges come from the reference only (numpy 1.24 <c>quantile</c> / <c>linspace</c> semantics), duplicates removed, outer bins open.
    /// Proportions are counts divided by each sample's number of finite values; non-finite values are excluded and
    /// counted in <see cref="BinnedDivergenceResult.ReferenceExcluded"/> / <see cref="BinnedDivergenceResult.CurrentExcluded"/>.
    /// PSI and KL replace zero proportions by <paramref name="epsilon"/>; Jensen–Shannon (natural log) and Hellinger
    /// need no smoothing. This matches the numpy 1.24 / scipy 1.10 computation described in the test data's
    /// <c>binned_divergences.json</c>.
    /// </para>
    /// <para>
    /// A constant reference has the single edge at its value: reference proportions are <c>[0, 1]</c>, and current
    /// values below the constant make the first bin grow from 0 (scored with epsilon).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// A sample is empty or has no finite value, or the custom edges are invalid (NaN, none finite).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="bins"/> is less than 2, <paramref name="epsilon"/> is not positive, or <paramref name="strategy"/> is unknown.
    /// </exception>
    public static BinnedDivergenceResult Compute(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        BinningStrategy strategy = BinningStrategy.Quantile,
        int bins = Binning.DefaultBins,
        double epsilon = Divergence.DefaultEpsilon,
        ReadOnlySpan<double> customEdges = default)
    {
        Binning.ThrowIfEmpty(reference, nameof(reference));
        Binning.ThrowIfEmpty(current, nameof(current));
        Binning.ValidateBins(bins);
        Divergence.ValidateEpsilon(epsilon);
        var edges = Binning.ComputeEdges(reference, strategy, bins, customEdges);

        var referenceCounts = new long[edges.Length + 1];
        var referenceExcluded = Binning.Count(reference, edges, referenceCounts);
        if (referenceExcluded == reference.Length)
        {
            throw Binning.NoFiniteValue(reference.Length, nameof(reference));
        }

        var currentCounts = new long[edges.Length + 1];
        var currentExcluded = Binning.Count(current, edges, currentCounts);
        if (currentExcluded == current.Length)
        {
            throw Binning.NoFiniteValue(current.Length, nameof(current));
        }

        var referenceProportions = new double[referenceCounts.Length];
        var currentProportions = new double[currentCounts.Length];
        Binning.Proportions(referenceCounts, referenceProportions);
        Binning.Proportions(currentCounts, currentProportions);
        return new BinnedDivergenceResult(
            edges,
            referenceCounts,
            currentCounts,
            referenceProportions,
            currentProportions,
            referenceExcluded,
            currentExcluded,
            epsilon);
    }
}
