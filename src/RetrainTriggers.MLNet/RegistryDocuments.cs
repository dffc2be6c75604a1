using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RetrainTriggers.MLNet;

// The on-disk shapes of the file-system registry. They are separate from the public types so the file format
// can stay stable (and versioned) while the public API evolves.

/// <summary>The marker file that makes a folder a registry.</summary>
internal sealed class RegistryMarkerDocument
{
    public const string ExpectedFormat = "RetrainTriggers.FileSystemModelRegistry";

    public string? Format { get; set; }

    public int FormatVersion { get; set; }
}

/// <summary>manifest.json of one version.</summary>
internal sealed class ManifestDocument
{
    public int FormatVersion { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? PipelineName { get; set; }

    public string? RunId { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? DataWindowStart { get; set; }

    public DateTimeOffset? DataWindowEnd { get; set; }

    public string? DataWatermark { get; set; }

    public long TrainingRowCount { get; set; }

    public Dictionary<string, double>? Metrics { get; set; }

    /// <summary>The reference profile written inline by earlier versions of the registry; read, never written.</summary>
    public JsonObject? ReferenceProfile { get; set; }

    /// <summary>The reference profile's file beside the model (a plain file name), or null when there is none.</summary>
    public string? ReferenceProfileFile { get; set; }

    public string? ModelFile { get; set; }

    public string? ModelSha256 { get; set; }

    public HoldoutDocument? Holdout { get; set; }

    /// <summary>The promotion decision as <see cref="Evaluation.PromotionDecision.ToJson"/> wrote it.</summary>
    public JsonNode? Decision { get; set; }
}

/// <summary>The holdout metrics of a version.</summary>
internal sealed class HoldoutDocument
{
    public long RowCount { get; set; }

    public Dictionary<string, double>? Metrics { get; set; }
}

/// <summary>tags.json of one version: the only part of a version that changes after registration.</summary>
internal sealed class TagsDocument
{
    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>The champion alias: the current champion, the stack of earlier champions for rollback, and the change that set it.</summary>
internal sealed class AliasDocument
{
    public int FormatVersion { get; set; }

    public int Version { get; set; }

    public List<int>? PreviousVersions { get; set; }

    public ChangeDocument? Change { get; set; }
}

/// <summary>One line of the champion history (also embedded in the alias, so a crash before the history append can be repaired).</summary>
internal sealed class ChangeDocument
{
    /// <summary>The alias that moved; null (not written) for the champion, as in registries written before other aliases existed.</summary>
    public string? Alias { get; set; }

    public long Sequence { get; set; }

    public ChampionChangeKind Kind { get; set; }

    public int Version { get; set; }

    public int? PreviousVersion { get; set; }

    public string? Reason { get; set; }

    public string? Actor { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RegistryMarkerDocument))]
[JsonSerializable(typeof(ManifestDocument))]
[JsonSerializable(typeof(AliasDocument))]
[JsonSerializable(typeof(ChangeDocument))]
[JsonSerializable(typeof(TagsDocument))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
