namespace RetrainTriggers.Statistics;

/// <summary>The outcome of a z-test: the standardised statistic and its two-sided p-value.</summary>
/// <remarks>
/// Produced by <see cref="ProportionTest.TwoProportion"/>; the fields correspond to <c>(zstat, pvalue)</c> of
/// statsmodels 0.13's <c>proportions_ztest</c>.
/// </remarks>
internal sealed class ZTestResult
{
    internal ZTestResult(double statistic, double pValue)
    {
        Statistic = statistic;
        PValue = pValue;
    }

    /// <summary>Gets the z statistic; positive when the reference proportion is the larger.</summary>
    public double Statistic { get; }

    /// <summary>Gets the two-sided p-value <c>2 * P(Z &gt;= |z|)</c>, in [0, 1].</summary>
    public double PValue { get; }
}
