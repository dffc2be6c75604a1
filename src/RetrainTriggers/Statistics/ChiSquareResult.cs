namespace RetrainTriggers.Statistics;

/// <summary>The outcome of a chi-square test: Pearson's statistic, its degrees of freedom and the upper-tail p-value.</summary>
/// <remarks>
/// Produced by <see cref="ChiSquare.Homogeneity"/>; the fields correspond to <c>(chi2, dof, p)</c> of scipy 1.10's
/// <c>chi2_contingency</c>. A degenerate table (fewer than two categories) gives <c>(0, 0, 1)</c>, as in scipy.
/// </remarks>
public sealed class ChiSquareResult
{
    internal ChiSquareResult(double statistic, int degreesOfFreedom, double pValue)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Gets Pearson's chi-square statistic, <c>sum (observed - expected)^2 / expected</c>.</summary>
    public double Statistic { get; }

    /// <summary>Gets the degrees of freedom of the reference chi-square distribution (0 for a degenerate table).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Gets the probability of a statistic at least this large under the null hypothesis, in [0, 1].</summary>
    public double PValue { get; }
}
