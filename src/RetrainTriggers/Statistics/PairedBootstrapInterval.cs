namespace RetrainTriggers.Statistics;

/// <summary>A percentile confidence interval for the mean paired difference, as <see cref="PairedBootstrap"/> computes it.</summary>
public sealed class PairedBootstrapInterval
{
    internal PairedBootstrapInterval(double meanDifference, double lower, double upper, double confidenceLevel, int resamples, ulong seed)
    {
        MeanDifference = meanDifference;
        Lower = lower;
        Upper = upper;
        ConfidenceLevel = confidenceLevel;
        Resamples = resamples;
        Seed = seed;
    }

    /// <summary>Gets the observed mean of <c>x[i] − y[i]</c>.</summary>
    public double MeanDifference { get; }

    /// <summary>Gets the lower end of the interval.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper end of the interval.</summary>
    public double Upper { get; }

    /// <summary>Gets the confidence level, in (0, 1).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Gets the number of bootstrap resamples drawn.</summary>
    public int Resamples { get; }

    /// <summary>Gets the seed that makes the interval reproducible.</summary>
    public ulong Seed { get; }

    /// <summary>Gets a value indicating whether the whole interval lies strictly above zero.</summary>
    public bool IsAboveZero => Lower > 0;

    /// <summary>Gets a value indicating whether the whole interval lies strictly below zero.</summary>
    public bool IsBelowZero => Upper < 0;
}
