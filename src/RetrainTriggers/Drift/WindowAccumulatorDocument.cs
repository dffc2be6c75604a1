namespace RetrainTriggers.Drift;

/// <summary>The JSON shape of a <see cref="DriftWindowAccumulator"/> (schema version 1); kept separate so the accumulator's state stays private.</summary>
internal sealed class WindowAccumulatorDocument
{
    public string? Format { get; set; }

    public int SchemaVersion { get; set; }

    public long BatchCount { get; set; }

    /// <summary>The accumulator's <see cref="ProfileSketchOptions"/>: accumulators merge only with equal K and ExactBelow.</summary>
    public WindowSketchOptionsDocument? SketchOptions { get; set; }

    public List<WindowFeatureDocument>? Features { get; set; }
}

/// <summary>The sketch options of a <see cref="WindowAccumulatorDocument"/>.</summary>
internal sealed class WindowSketchOptionsDocument
{
    public int K { get; set; }

    public long ExactBelow { get; set; }

    public ulong Seed { get; set; }
}

/// <summary>One feature of a <see cref="WindowAccumulatorDocument"/>; numeric fields are null for categorical features and vice versa.</summary>
internal sealed class WindowFeatureDocument
{
    public string? Name { get; set; }

    public FeatureKind Kind { get; set; }

    public long MissingCount { get; set; }

    /// <summary>Numeric: the reference's inner bin edges the counts are in (checked against the reference on load).</summary>
    public double[]? InnerEdges { get; set; }

    public long[]? BinCounts { get; set; }

    /// <summary>Numeric: every value added, NaN and ±∞ included, as base64 of little-endian doubles, while fewer than ExactBelow are finite; absent after.</summary>
    public string? Exact { get; set; }

    /// <summary>Numeric: the KLL sketch of the finite values; absent when it holds nothing the exact values do not (empty, or never compacted while the exact values are kept).</summary>
    public SketchDocument? Sketch { get; set; }

    /// <summary>Categorical: the number of values added, missing included.</summary>
    public long? Length { get; set; }

    public Dictionary<string, long>? Counts { get; set; }
}
