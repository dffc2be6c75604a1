namespace RetrainTriggers.Statistics;

/// <summary>The outcome of a McNemar test on paired binary outcomes.</summary>
public sealed class McNemarResult
{
    internal McNemarResult(double statistic, double pValue, long onlyFirst, long onlySecond, McNemarMethod method)
    {
        Statistic = statistic;
        PValue = pValue;
        OnlyFirst = onlyFirst;
        OnlySecond = onlySecond;
        Method = method;
    }

    /// <summary>Gets min(b, c) for <see cref="McNemarMethod.Exact"/>, otherwise the chi-square statistic.</summary>
    public double Statistic { get; }

    /// <summary>Gets the two-sided p-value, in [0, 1].</summary>
    public double PValue { get; }

    /// <summary>Gets b: pairs where only the first model is correct.</summary>
    public long OnlyFirst { get; }

    /// <summary>Gets c: pairs where only the second model is correct.</summary>
    public long OnlySecond { get; }

    /// <summary>Gets the method that produced <see cref="PValue"/>.</summary>
    public McNemarMethod Method { get; }
}
