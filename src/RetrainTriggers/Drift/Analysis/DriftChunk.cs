namespace RetrainTriggers.Drift;

/// <summary>One chunk of a chunked drift analysis: which rows or period it covers, its report, and where it left the reference's own range.</summary>
/// <param name="Index">The chunk's position in the series (0-based).</param>
/// <param name="Key">The chunk's label: the row range ("rows 0–9999") or the period start (ISO 8601).</param>
/// <param name="RowCount">The number of rows in the chunk.</param>
/// <param name="PeriodStart">The start of the chunk's period (time chunks only).</param>
/// <param name="Report">The drift report of the chunk against the whole reference, with the detector's fixed thresholds.</param>
/// <param name="Alerts">Statistics outside the band derived from the reference's own chunks (empty when no band was derived).</param>
public sealed record DriftChunk(
    int Index,
    string Key,
    int RowCount,
    DateTimeOffset? PeriodStart,
    DriftReport Report,
    IReadOnlyList<ChunkAlert> Alerts);
