namespace RetrainTriggers.Statistics;

/// <summary>The outcome of a two-sample t-test (see <see cref="TTest"/>).</summary>
/// <param name="Statistic">The t statistic, positive when the reference mean is the larger; ±∞ when both variances are 0 and the means differ, NaN when they are also equal.</param>
/// <param name="PValue">The p-value for the chosen alternative (NaN when the statistic is NaN).</param>
/// <param name="DegreesOfFreedom">The degrees of freedom of the reference t distribution (Welch–Satterthwaite for Welch's test, n1 + n2 − 2 for Student's).</param>
public readonly record struct TTestResult(double Statistic, double PValue, double DegreesOfFreedom);
