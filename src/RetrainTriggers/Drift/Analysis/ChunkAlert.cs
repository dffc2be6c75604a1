namespace RetrainTriggers.Drift;

/// <summary>A statistic of one feature in one chunk that falls outside the band mean ± k·σ of the same statistic across the reference's own chunks.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Statistic">The statistic.</param>
/// <param name="Value">Its value in the chunk.</param>
/// <param name="Lower">The band's lower end (mean − k·σ).</param>
/// <param name="Upper">The band's upper end (mean + k·σ).</param>
public sealed record ChunkAlert(string Feature, DriftStatistic Statistic, double Value, double Lower, double Upper);
