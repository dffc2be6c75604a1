namespace RetrainTriggers.Statistics;

/// <summary>The outcome of the Anderson–Darling k-sample test (see <see cref="AndersonDarling.KSample"/>).</summary>
public sealed class AndersonDarlingResult
{
    internal AndersonDarlingResult(double statistic, double[] criticalValues, double significanceLevel, AndersonDarlingPValueStatus status)
    {
        Statistic = statistic;
        CriticalValues = criticalValues;
        SignificanceLevel = significanceLevel;
        PValueStatus = status;
    }

    /// <summary>Gets the normalised statistic (A²kN − (k − 1))/σN of Scholz and Stephens (scipy's <c>statistic</c>).</summary>
    public double Statistic { get; }

    /// <summary>Gets the critical values for the levels in <see cref="AndersonDarling.SignificanceLevels"/> (they depend on k only).</summary>
    public IReadOnlyList<double> CriticalValues { get; }

    /// <summary>Gets the approximate p-value, within [0.001, 0.25]; see <see cref="PValueStatus"/> for whether it is a bound.</summary>
    public double SignificanceLevel { get; }

    /// <summary>Gets whether <see cref="SignificanceLevel"/> was interpolated, capped at 0.25 or floored at 0.001.</summary>
    public AndersonDarlingPValueStatus PValueStatus { get; }
}
