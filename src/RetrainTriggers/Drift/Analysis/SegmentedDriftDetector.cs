using System.Globalization;

namespace RetrainTriggers.Drift;

/// <summary>
/// Per-segment drift: given a segment column (country, device…), checks each segment's rows of the window against that
/// segment's own reference profile and combines the per-segment verdicts with a <see cref="SegmentDriftRule"/>.
/// </summary>
/// <remarks>
/// Segment values are ordinal strings; <see langword="null"/> is its own segment "(missing)". Rows of segments the
/// reference has no profile for are counted in <see cref="SegmentedDriftReport.UnknownSegments"/> and make the
/// verdict at least <see cref="DriftDecision.Warning"/>; reference segments absent from the window are simply not
/// checked. Each segment's rows are gathered (copied) into their own window.
/// </remarks>
public sealed class SegmentedDriftDetector
{
    /// <summary>The segment name used for rows whose segment value is <see langword="null"/>.</summary>
    public const string MissingSegment = "(missing)";

    private readonly Dictionary<string, DriftDetector> detectors = new(StringComparer.Ordinal);
    private readonly SegmentDriftRule rule;
    private readonly double threshold;

    /// <summary>Creates a detector from one reference profile per segment.</summary>
    /// <param name="segmentProfiles">The reference profile of each segment, by segment value.</param>
    /// <param name="options">The rules for every segment's detector.</param>
    /// <param name="rule">How segment verdicts combine.</param>
    /// <param name="threshold">The share for <see cref="SegmentDriftRule.ShareOfSegments"/> and <see cref="SegmentDriftRule.ShareOfRows"/>, in (0, 1].</param>
    /// <param name="timeProvider">The clock that stamps reports.</param>
    /// <exception cref="ArgumentException">No segment is given, or <paramref name="threshold"/> is out of range.</exception>
    public SegmentedDriftDetector(
        IReadOnlyDictionary<string, DatasetProfile> segmentProfiles,
        DriftDetectorOptions? options = null,
        SegmentDriftRule rule = SegmentDriftRule.AnySegment,
        double threshold = 0.5,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(segmentProfiles);
        if (segmentProfiles.Count == 0)
        {
            throw new ArgumentException("At least one segment profile is needed.", nameof(segmentProfiles));
        }

        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The segment threshold is a share in (0, 1].");
        }

        if (rule is not (SegmentDriftRule.AnySegment or SegmentDriftRule.ShareOfSegments or SegmentDriftRule.ShareOfRows))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown segment rule.");
        }

        foreach (var (segment, profile) in segmentProfiles)
        {
            detectors.Add(segment, new DriftDetector(profile, options, timeProvider));
        }

        this.rule = rule;
        this.threshold = threshold;
    }

    /// <summary>Gets the segments that have a reference profile.</summary>
    public IReadOnlyCollection<string> Segments => detectors.Keys;

    /// <summary>Builds one reference profile per segment of a reference window.</summary>
    /// <param name="reference">The reference data (without the segment column).</param>
    /// <param name="segments">The segment of each row.</param>
    /// <param name="sketch">When numeric features are sketched (per segment).</param>
    /// <returns>The profiles by segment value.</returns>
    /// <exception cref="ArgumentException"><paramref name="segments"/> does not have one entry per row, or a segment's rows cannot be profiled (the message names the segment).</exception>
    public static IReadOnlyDictionary<string, DatasetProfile> BuildProfiles(DriftWindow reference, ReadOnlySpan<string?> segments, ProfileSketchOptions? sketch = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var result = new Dictionary<string, DatasetProfile>(StringComparer.Ordinal);
        foreach (var (segment, rows) in Group(reference, segments))
        {
            try
            {
                result.Add(segment, DatasetProfile.Build(WindowRows.Gather(reference, rows), sketch: sketch));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Segment '{segment}': {ex.Message}", nameof(reference), ex);
            }
        }

        return result;
    }

    /// <summary>Checks each segment's rows against its reference and combines the verdicts.</summary>
    /// <param name="current">The window (without the segment column).</param>
    /// <param name="segments">The segment of each row.</param>
    /// <param name="cancellationToken">Cancels between segments.</param>
    /// <returns>The per-segment reports, unknown segments and combined verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="segments"/> does not have one entry per row.</exception>
    public SegmentedDriftReport Detect(DriftWindow current, ReadOnlySpan<string?> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var reports = new SortedDictionary<string, DriftReport>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rowsBySegment = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (segment, rows) in Group(current, segments))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (detectors.TryGetValue(segment, out var detector))
            {
                reports[segment] = detector.Detect(WindowRows.Gather(current, rows), cancellationToken);
                rowsBySegment[segment] = rows.Count;
            }
            else
            {
                unknown[segment] = rows.Count;
            }
        }

        int drifted = reports.Count(r => r.Value.DatasetDecision == DriftDecision.Drift);
        bool anyWarning = reports.Any(r => r.Value.DatasetDecision is DriftDecision.Warning or DriftDecision.Drift) || unknown.Count > 0;
        int checkedRows = rowsBySegment.Values.Sum();
        int driftedRows = reports.Where(r => r.Value.DatasetDecision == DriftDecision.Drift).Sum(r => rowsBySegment[r.Key]);
        bool met = rule switch
        {
            SegmentDriftRule.AnySegment => drifted > 0,
            SegmentDriftRule.ShareOfSegments => reports.Count > 0 && (double)drifted / reports.Count >= threshold,
            _ => checkedRows > 0 && (double)driftedRows / checkedRows >= threshold,
        };
        var decision = met ? DriftDecision.Drift
            : reports.Count > 0 && reports.Values.All(r => r.DatasetDecision == DriftDecision.InsufficientData) && unknown.Count == 0 ? DriftDecision.InsufficientData
            : reports.Count == 0 && unknown.Count == 0 ? DriftDecision.InsufficientData
            : anyWarning ? DriftDecision.Warning : DriftDecision.None;
        string reason = string.Create(CultureInfo.InvariantCulture, $"{drifted} of {reports.Count} segments drifted ({driftedRows} of {checkedRows} rows), rule {rule}")
            + (rule == SegmentDriftRule.AnySegment ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" >= {threshold:G4}"))
            + (unknown.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {unknown.Count} segment(s) without a reference profile ({unknown.Values.Sum()} rows): {string.Join(", ", unknown.Keys)}"));
        return new SegmentedDriftReport(decision, rule, threshold, reason, reports, unknown);
    }

    private static SortedDictionary<string, List<int>> Group(DriftWindow window, ReadOnlySpan<string?> segments)
    {
        int rows = WindowRows.RowCount(window);
        if (segments.Length != rows)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"segments has {segments.Length} entries but the window has {rows} rows; one segment value per row is needed."),
                nameof(segments));
        }

        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < segments.Length; i++)
        {
            string key = segments[i] ?? MissingSegment;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(i);
        }

        return groups;
    }
}
