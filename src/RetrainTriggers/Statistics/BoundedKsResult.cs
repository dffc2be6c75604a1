namespace RetrainTriggers.Statistics;

/// <summary>A KS test against a reference profile: the result and how far its statistic can be from the one against the full reference.</summary>
/// <param name="Result">The test result. Against an exact profile it is exactly scipy's <c>ks_2samp</c>; against a sketch profile the statistic is an estimate and the p-value is the asymptotic one at that estimate.</param>
/// <param name="StatisticErrorBound">The bound ε of |D − D_exact| (the statistic is D ± ε): 0 for an exact profile, the sketch's rank-error bound (99% confidence) for a sketch profile.</param>
public readonly record struct BoundedKsResult(KolmogorovSmirnovResult Result, double StatisticErrorBound)
{
    /// <summary>Gets whether the result is exactly the one against the full reference (<see cref="StatisticErrorBound"/> is 0).</summary>
    public bool IsExact => StatisticErrorBound == 0;
}
