namespace RetrainTriggers.Drift;

/// <summary>The time series of a chunked drift analysis: one report per chunk, in order, plus the reference bands used for alerts.</summary>
public sealed class ChunkedDriftReport
{
    internal ChunkedDriftReport(IReadOnlyList<DriftChunk> chunks, IReadOnlyList<ChunkBand> bands)
    {
        Chunks = chunks;
        Bands = bands;
    }

    /// <summary>Gets the chunks in order.</summary>
    public IReadOnlyList<DriftChunk> Chunks { get; }

    /// <summary>Gets the bands (mean ± k·σ across the reference's own chunks), one per feature and statistic; empty when none were derived.</summary>
    public IReadOnlyList<ChunkBand> Bands { get; }

    /// <summary>Gets one statistic of one feature over the chunks (<see langword="null"/> where a chunk did not compute it).</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="statistic">The statistic.</param>
    /// <returns>One value per chunk.</returns>
    public IReadOnlyList<double?> Series(string feature, DriftStatistic statistic) =>
        Chunks.Select(c => c.Report.Features.FirstOrDefault(f => f.Feature == feature)?.Get(statistic)?.Value).ToArray();

    /// <summary>Gets the decision of one feature over the chunks.</summary>
    /// <param name="feature">The feature.</param>
    /// <returns>One decision per chunk (<see cref="DriftDecision.InsufficientData"/> where the feature was not checked).</returns>
    public IReadOnlyList<DriftDecision> Decisions(string feature) =>
        Chunks.Select(c => c.Report.Features.FirstOrDefault(f => f.Feature == feature)?.Decision ?? DriftDecision.InsufficientData).ToArray();
}
