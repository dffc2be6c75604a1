using System.Text.Json;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Storage;

namespace RetrainTriggers.MLNet;

/// <summary>The parts of a version the core registry contract adds: its full record, its reference profile file and its tags.</summary>
internal sealed partial class VersionStore
{
    /// <summary>Reads a version's full record for the core registry contract: manifest, holdout, decision and tags.</summary>
    public ModelVersion ReadRecord(int version)
    {
        var document = ReadManifestDocument(version, out var folder);
        var manifestPath = Path.Combine(folder, ManifestFileName);
        PromotionDecision? decision = null;
        if (document.Decision is { } node)
        {
            try
            {
                decision = PromotionDecision.FromJson(node.ToJsonString());
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"The manifest '{manifestPath}' is corrupt: its decision is not a promotion decision ({ex.Message}).", ex);
            }
        }

        return new ModelVersion
        {
            Version = document.Version,
            RegisteredAt = document.CreatedAt,
            PipelineName = document.PipelineName!,
            RunId = document.RunId!,
            Reason = document.Reason!,
            DataWindowStart = document.DataWindowStart,
            DataWindowEnd = document.DataWindowEnd,
            DataWatermark = document.DataWatermark,
            TrainingRowCount = document.TrainingRowCount,
            TrainingMetrics = new Dictionary<string, double>(document.Metrics!, StringComparer.Ordinal),
            Holdout = document.Holdout is { Metrics: { } metrics } h ? new HoldoutMetrics(h.RowCount, new Dictionary<string, double>(metrics, StringComparer.Ordinal)) : null,
            Decision = decision,
            ArtifactPath = Path.Combine(folder, document.ModelFile!),
            HasReferenceProfile = document.ReferenceProfileFile is not null || document.ReferenceProfile is not null,
            Tags = ReadTags(folder),
        };
    }

    /// <summary>Reads a version's reference profile: its own file, or (registries written before profiles had a file) inline in the manifest.</summary>
    public DatasetProfile? ReadReferenceProfile(int version)
    {
        var document = ReadManifestDocument(version, out var folder);
        byte[]? bytes;
        string source;
        if (document.ReferenceProfileFile is { } file)
        {
            source = Path.Combine(folder, file);
            var info = new FileInfo(source);
            if (info.Exists)
            {
                _layout.EnsureInsideRoot(info);
            }

            bytes = _layout.ReadDocument(source) ?? throw new InvalidDataException($"The reference profile '{source}' named by its manifest is missing.");
        }
        else if (document.ReferenceProfile is { } inline)
        {
            source = Path.Combine(folder, ManifestFileName);
            bytes = System.Text.Encoding.UTF8.GetBytes(inline.ToJsonString());
        }
        else
        {
            return null;
        }

        try
        {
            return DatasetProfile.FromUtf8Json(bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or JsonException or FormatException)
        {
            throw new InvalidDataException($"The reference profile in '{source}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Under the lock: sets or removes one tag, replacing the version's tags file atomically.</summary>
    public void SetTag(int version, string key, string? value)
    {
        var folder = _layout.VersionFolder(version);
        var tags = new Dictionary<string, string>(ReadTags(folder), StringComparer.Ordinal);
        if (value is null)
        {
            tags.Remove(key);
        }
        else
        {
            tags[key] = value;
        }

        AtomicFile.Write(Path.Combine(folder, TagsFileName), SerializeTags(tags));
    }

    private IReadOnlyDictionary<string, string> ReadTags(string folder)
    {
        var path = Path.Combine(folder, TagsFileName);
        var bytes = _layout.ReadDocument(path);
        if (bytes is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            var tags = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.TagsDocument)?.Tags
                ?? throw new InvalidDataException($"The tags file '{path}' has no tags object.");
            return new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The tags file '{path}' is corrupt: {ex.Message}", ex);
        }
    }

    private static byte[] SerializeTags(IReadOnlyDictionary<string, string> tags) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new TagsDocument { Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal) },
            RegistryJsonContext.Default.TagsDocument);
}
