namespace RetrainTriggers.Statistics;

/// <summary>The outcome of the Epps–Singleton two-sample test (see <see cref="EppsSingleton.TwoSample"/>).</summary>
/// <param name="Statistic">The statistic W (after the small-sample correction when it applied).</param>
/// <param name="PValue">The chi-square p-value with <paramref name="DegreesOfFreedom"/> degrees of freedom.</param>
/// <param name="DegreesOfFreedom">The rank of the estimated covariance (2 per evaluation point when it has full rank).</param>
/// <param name="SmallSampleCorrection">Whether W was multiplied by the small-sample correction (both samples below 25 values).</param>
public readonly record struct EppsSingletonResult(double Statistic, double PValue, int DegreesOfFreedom, bool SmallSampleCorrection);
