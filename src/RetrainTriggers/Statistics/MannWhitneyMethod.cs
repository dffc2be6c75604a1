namespace RetrainTriggers.Statistics;

/// <summary>How <see cref="MannWhitney"/> computes its p-value (scipy 1.10 <c>mannwhitneyu(method=...)</c>).</summary>
public enum MannWhitneyMethod
{
    /// <summary>
    /// scipy 1.10's rule: <see cref="Asymptotic"/> when both samples have more than 8 values or the pooled sample has a
    /// tie, otherwise <see cref="Exact"/>.
    /// </summary>
    Auto = 0,

    /// <summary>The exact permutation distribution of U without ties (a fractional U from ties is truncated, as scipy does).</summary>
    Exact = 1,

    /// <summary>The tie-corrected normal approximation, with or without the continuity correction.</summary>
    Asymptotic = 2,
}
