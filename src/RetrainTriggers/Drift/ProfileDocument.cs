using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>The JSON shape of a <see cref="DatasetProfile"/> (schema versions 1 and 2); kept separate so the public types stay immutable.</summary>
internal sealed class DatasetProfileDocument
{
    public string? Format { get; set; }

    public int SchemaVersion { get; set; }

    public List<FeatureProfileDocument>? Features { get; set; }
}

/// <summary>One feature of a <see cref="DatasetProfileDocument"/>; numeric fields are null for categorical features and vice versa.</summary>
internal sealed class FeatureProfileDocument
{
    public string? Name { get; set; }

    public FeatureKind Kind { get; set; }

    public long MissingCount { get; set; }

    public long? Count { get; set; }

    public double? Mean { get; set; }

    public double? M2 { get; set; }

    public BinningStrategy? BinningStrategy { get; set; }

    public int? BinCount { get; set; }

    public double[]? CustomEdges { get; set; }

    public double[]? InnerEdges { get; set; }

    public long[]? BinCounts { get; set; }

    public double[]? SortedSample { get; set; }

    /// <summary>Version 2: the exact sorted sample as base64 of little-endian doubles (replaces <see cref="SortedSample"/>).</summary>
    public string? Sample { get; set; }

    /// <summary>Version 2: the KLL sketch of a sketch profile (then neither sample field is present).</summary>
    public SketchDocument? Sketch { get; set; }

    /// <summary>Version 2: the top-K limit of a bounded categorical profile.</summary>
    public int? MaxCategories { get; set; }

    /// <summary>Version 2: the count of values outside the kept categories of a bounded categorical profile.</summary>
    public long? OtherCount { get; set; }

    /// <summary>Version 2: how far a bounded categorical profile's counts can be below the truth.</summary>
    public long? CountErrorBound { get; set; }

    public Dictionary<string, long>? Counts { get; set; }
}

/// <summary>A KLL sketch in a profile document: parameters, exact count/min/max, levels bottom-up and their items.</summary>
internal sealed class SketchDocument
{
    public string? Algorithm { get; set; }

    public int K { get; set; }

    public double RankErrorBound { get; set; }

    public long Count { get; set; }

    public double Min { get; set; }

    public double Max { get; set; }

    public ulong RandomState { get; set; }

    public int[]? LevelSizes { get; set; }

    public string? Items { get; set; }

    /// <summary>The document of a sketch: its levels bottom-up, their items as base64.</summary>
    public static SketchDocument From(KllSketch sketch)
    {
        var sizes = new int[sketch.LevelCount];
        var items = new double[sketch.RetainedCount];
        int p = 0;
        for (int h = 0; h < sizes.Length; h++)
        {
            var level = sketch.Level(h);
            sizes[h] = level.Length;
            level.CopyTo(items.AsSpan(p));
            p += level.Length;
        }

        return new SketchDocument
        {
            Algorithm = "kll",
            K = sketch.K,
            RankErrorBound = sketch.RankErrorBound,
            Count = sketch.Count,
            Min = sketch.Min,
            Max = sketch.Max,
            RandomState = sketch.RandomState,
            LevelSizes = sizes,
            Items = ProfileCodec.ToBase64(items),
        };
    }

    /// <summary>Rebuilds the sketch, checking its invariants; <paramref name="path"/> (the sketch's JSON path) names what is wrong.</summary>
    public KllSketch ToSketch(string path)
    {
        if (!string.Equals(Algorithm, "kll", StringComparison.Ordinal) || LevelSizes is null || Items is null)
        {
            throw new InvalidDataException($"{path}: expected algorithm 'kll' with levelSizes and items.");
        }

        var items = ProfileCodec.FromBase64(Items, path + ".items");
        return KllSketch.FromParts(K, RandomState, Count, Min, Max, LevelSizes, items, path);
    }
}
