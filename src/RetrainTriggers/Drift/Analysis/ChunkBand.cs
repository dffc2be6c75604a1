namespace RetrainTriggers.Drift;

/// <summary>The range of one statistic of one feature across the reference's own chunks: mean ± k·σ, the alert band of a chunked analysis.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Statistic">The statistic.</param>
/// <param name="Mean">The mean of the statistic across the reference chunks.</param>
/// <param name="StandardDeviation">Its sample standard deviation (ddof = 1) across the reference chunks.</param>
/// <param name="Lower">mean − k·σ.</param>
/// <param name="Upper">mean + k·σ.</param>
public sealed record ChunkBand(string Feature, DriftStatistic Statistic, double Mean, double StandardDeviation, double Lower, double Upper);
