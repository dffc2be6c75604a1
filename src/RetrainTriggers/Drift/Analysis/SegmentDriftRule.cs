namespace RetrainTriggers.Drift;

/// <summary>How a segmented drift check combines the per-segment verdicts into one.</summary>
public enum SegmentDriftRule
{
    /// <summary>Drift when any checked segment drifted (default: a shift in one country is worth a look).</summary>
    AnySegment = 0,

    /// <summary>Drift when the share of checked segments that drifted reaches the threshold.</summary>
    ShareOfSegments = 1,

    /// <summary>Drift when the drifted segments hold at least the threshold share of the window's rows.</summary>
    ShareOfRows = 2,
}
