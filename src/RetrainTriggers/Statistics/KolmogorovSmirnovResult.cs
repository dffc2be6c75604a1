namespace RetrainTriggers.Statistics;

/// <summary>Outcome of a two-sample Kolmogorov–Smirnov test (the fields of scipy's <c>KstestResult</c>).</summary>
public readonly struct KolmogorovSmirnovResult
{
    internal KolmogorovSmirnovResult(double statistic, double pValue, KolmogorovSmirnovMethod methodUsed, double statisticLocation, int statisticSign)
    {
        Statistic = statistic;
        PValue = pValue;
        MethodUsed = methodUsed;
        StatisticLocation = statisticLocation;
        StatisticSign = statisticSign;
    }

    /// <summary>Gets the KS statistic in [0, 1] for the requested alternative.</summary>
    public double Statistic { get; }

    /// <summary>Gets the p-value in [0, 1].</summary>
    public double PValue { get; }

    /// <summary>
    /// Gets the method that produced <see cref="PValue"/>: never <see cref="KolmogorovSmirnovMethod.Auto"/>;
    /// <see cref="KolmogorovSmirnovMethod.Asymptotic"/> when an exact computation was requested but not possible (scipy
    /// warns and switches in the same cases).
    /// </summary>
    public KolmogorovSmirnovMethod MethodUsed { get; }

    /// <summary>Gets the pooled-sample value at which the ECDF difference reaches the statistic.</summary>
    public double StatisticLocation { get; }

    /// <summary>Gets +1 when the statistic is max(F_reference − F_current), −1 when it is max(F_current − F_reference).</summary>
    public int StatisticSign { get; }
}
