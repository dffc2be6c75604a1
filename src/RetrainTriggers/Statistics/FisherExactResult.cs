namespace RetrainTriggers.Statistics;

/// <summary>The outcome of Fisher's exact test on a 2×2 table (see <see cref="FisherExact.Test"/>).</summary>
/// <param name="OddsRatio">The sample odds ratio a·d/(b·c): 0 when a or d is 0, +∞ when b or c is 0, NaN when a row or column sum is 0.</param>
/// <param name="PValue">The p-value for the chosen alternative, in [0, 1] (1 when a row or column sum is 0).</param>
public readonly record struct FisherExactResult(double OddsRatio, double PValue);
