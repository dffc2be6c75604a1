namespace RetrainTriggers.Statistics;

/// <summary>How the inner bin edges of a numeric feature are derived from the reference sample.</summary>
public enum BinningStrategy
{
    /// <summary>
    /// Edges at the reference quantiles of levels <c>i * (1 / bins)</c>, <c>i = 1..bins-1</c> (the levels
    /// <c>numpy.linspace(0, 1, bins + 1)</c> computes; numpy's linear / type-7 quantile definition), so every reference
    /// bin holds about the same share of the data.
    /// </summary>
    Quantile = 0,

    /// <summary>
    /// Edges at the interior points of <c>linspace(min, max, bins + 1)</c> of the reference.
    /// </summary>
    EqualWidth = 1,

    /// <summary>Edges supplied by the caller: sorted, de-duplicated, infinite edges dropped (the outer bins are open anyway).</summary>
    Custom = 2,
}
