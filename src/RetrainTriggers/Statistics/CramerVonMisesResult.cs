namespace RetrainTriggers.Statistics;

/// <summary>Outcome of a two-sample Cramér–von Mises test (scipy's <c>CramerVonMisesResult</c>).</summary>
public sealed class CramerVonMisesResult
{
    internal CramerVonMisesResult(double statistic, double pValue)
    {
        Statistic = statistic;
        PValue = pValue;
    }

    /// <summary>Gets the statistic T (Anderson's T, scipy's <c>statistic</c>).</summary>
    public double Statistic { get; }

    /// <summary>Gets the p-value in [0, 1].</summary>
    public double PValue { get; }
}
