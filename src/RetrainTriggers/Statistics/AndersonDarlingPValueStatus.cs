namespace RetrainTriggers.Statistics;

/// <summary>How <see cref="AndersonDarling.KSample"/> obtained its significance level (scipy 1.10 caps and floors it).</summary>
public enum AndersonDarlingPValueStatus
{
    /// <summary>Interpolated: the statistic lies within the tabulated critical values and the level comes from the quadratic fit.</summary>
    Interpolated = 0,

    /// <summary>Capped at 0.25: the statistic is below the smallest critical value, so the true p-value is larger than 0.25.</summary>
    Capped = 1,

    /// <summary>Floored at 0.001: the statistic is above the largest critical value, so the true p-value is smaller than 0.001.</summary>
    Floored = 2,
}
