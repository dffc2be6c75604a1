namespace RetrainTriggers.Drift;

/// <summary>The result of a per-segment drift check: each segment's report against its own reference, the segments the reference does not know, and the combined verdict.</summary>
/// <param name="Decision">The combined verdict under <paramref name="Rule"/>; <see cref="DriftDecision.Warning"/> when some segment warned or drifted without meeting the rule.</param>
/// <param name="Rule">The combining rule.</param>
/// <param name="Threshold">The rule's threshold (share of segments or rows; unused for <see cref="SegmentDriftRule.AnySegment"/>).</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Segments">The report of each segment present in both the window and the reference, by segment value.</param>
/// <param name="UnknownSegments">Rows per segment value of the window that has no reference profile (never dropped silently; <c>null</c> segment values are reported as "(missing)").</param>
public sealed record SegmentedDriftReport(
    DriftDecision Decision,
    SegmentDriftRule Rule,
    double Threshold,
    string Reason,
    IReadOnlyDictionary<string, DriftReport> Segments,
    IReadOnlyDictionary<string, int> UnknownSegments);
