using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Storage;

namespace RetrainTriggers.MLNet;

/// <summary>What the core registry contract records with a version besides the model: holdout metrics, the decision and the first tags.</summary>
internal sealed record VersionExtras(HoldoutMetrics? Holdout, PromotionDecision? Decision, IReadOnlyDictionary<string, string>? Tags);

/// <summary>The registry's numbered version folders: writing a complete version, listing and reading them, verifying and loading models.</summary>
/// <remarks>
/// A version is written completely into a temporary folder and then renamed to its number, so a version folder is either
/// complete or absent. Version folders and their files must stay inside the registry root: links out of it are refused.
/// </remarks>
internal sealed partial class VersionStore
{
    public const string ManifestFileName = "manifest.json";
    public const string ModelFileName = "model.zip";
    public const string ProfileFileName = "reference-profile.json";
    public const string TagsFileName = "tags.json";

    private const string TempFolderPrefix = ".version.";

    private readonly RegistryLayout _layout;
    private readonly MLContext _mlContext;

    public VersionStore(RegistryLayout layout, MLContext mlContext)
    {
        _layout = layout;
        _mlContext = mlContext;
    }

    /// <summary>Under the lock: writes the next version and returns its manifest.</summary>
    public ModelVersionManifest Register(TrainedModel<ITransformer> trainedModel, TrainingRequest request, DataViewSchema? inputSchema, DateTimeOffset createdAt, VersionExtras? extras = null)
    {
        Directory.CreateDirectory(_layout.VersionsPath);
        RemoveAbandonedTemporaries();

        var highest = HighestVersion();
        if (highest == int.MaxValue)
        {
            throw new InvalidOperationException(
                $"Registry '{_layout.RootPath}' has a version folder '{_layout.VersionFolder(highest)}' with the highest possible number, so no later version can be registered. Remove or renumber that folder if it was not written by the registry.");
        }

        var version = highest + 1;
        var tempFolder = Path.Combine(_layout.VersionsPath, TempFolderPrefix + Guid.NewGuid().ToString("N") + AtomicFile.TempSuffix);
        var finalFolder = _layout.VersionFolder(version);
        Directory.CreateDirectory(tempFolder);
        try
        {
            byte[] modelBytes;
            using (var buffer = new MemoryStream())
            {
                _mlContext.Model.Save(trainedModel.Model, inputSchema, buffer);
                modelBytes = buffer.ToArray();
            }

            AtomicFile.WriteNew(Path.Combine(tempFolder, ModelFileName), modelBytes);

            // The profile has its own file: it can be far larger than everything else in the manifest.
            if (trainedModel.ReferenceProfile is { } profile)
            {
                AtomicFile.WriteNew(Path.Combine(tempFolder, ProfileFileName), profile.ToUtf8Json());
            }

            if (extras?.Tags is { Count: > 0 } tags)
            {
                AtomicFile.WriteNew(Path.Combine(tempFolder, TagsFileName), SerializeTags(tags));
            }

            var document = new ManifestDocument
            {
                FormatVersion = RegistryLayout.FormatVersion,
                Version = version,
                CreatedAt = createdAt,
                PipelineName = request.PipelineName,
                RunId = request.RunId,
                Reason = request.Reason,
                DataWindowStart = request.DataWindowStart,
                DataWindowEnd = request.DataWindowEnd,
                DataWatermark = request.DataWatermark,
                TrainingRowCount = trainedModel.TrainingRowCount,
                Metrics = new Dictionary<string, double>(trainedModel.Metrics, StringComparer.Ordinal),
                ReferenceProfileFile = trainedModel.ReferenceProfile is null ? null : ProfileFileName,
                ModelFile = ModelFileName,
                ModelSha256 = Sha256Hex(modelBytes),
                Holdout = extras?.Holdout is { } holdout
                    ? new HoldoutDocument { RowCount = holdout.RowCount, Metrics = new Dictionary<string, double>(holdout.Metrics, StringComparer.Ordinal) }
                    : null,
                Decision = extras?.Decision is { } decision ? JsonNode.Parse(decision.ToJson()) : null,
            };
            AtomicFile.WriteNew(
                Path.Combine(tempFolder, ManifestFileName),
                JsonSerializer.SerializeToUtf8Bytes(document, RegistryJsonContext.Default.ManifestDocument));

            // The rename is the commit point: before it the version does not exist, after it it is complete.
            Directory.Move(tempFolder, finalFolder);
            return ToManifest(document, finalFolder);
        }
        catch
        {
            TryDeleteFolder(tempFolder);
            throw;
        }
    }

    /// <summary>The numbers of the version folders, in no particular order: canonical positive numbers, not leading outside the root.</summary>
    public IEnumerable<int> VersionNumbers() => Numbers(includeLinksOutsideRoot: false);

    /// <summary>The highest number taken by a version folder (a link out of the root is not a version, but it holds its number).</summary>
    public int HighestVersion()
    {
        var highest = 0;
        foreach (var version in Numbers(includeLinksOutsideRoot: true))
        {
            highest = Math.Max(highest, version);
        }

        return highest;
    }

    private IEnumerable<int> Numbers(bool includeLinksOutsideRoot)
    {
        if (!Directory.Exists(_layout.VersionsPath))
        {
            yield break;
        }

        foreach (var folder in new DirectoryInfo(_layout.VersionsPath).EnumerateDirectories())
        {
            // Only canonical numbers: temporary folders and anything else are not versions.
            if (int.TryParse(folder.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && version > 0
                && folder.Name == version.ToString(CultureInfo.InvariantCulture)
                && (includeLinksOutsideRoot || !_layout.LeadsOutsideRoot(folder)))
            {
                yield return version;
            }
        }
    }

    /// <summary>True when the version's folder exists (whatever its content).</summary>
    public bool Exists(int version) => Directory.Exists(_layout.VersionFolder(version));

    /// <summary>Reads a version's manifest.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The version does not exist.</exception>
    /// <exception cref="InvalidDataException">The manifest is corrupt, too large, or the folder is a link out of the root.</exception>
    public ModelVersionManifest ReadManifest(int version) => ToManifest(ReadManifestDocument(version, out var folder), folder);

    /// <summary>Reads and checks a version's manifest document; <paramref name="folder"/> is its version folder.</summary>
    private ManifestDocument ReadManifestDocument(int version, out string folder)
    {
        folder = _layout.VersionFolder(version);
        var path = Path.Combine(folder, ManifestFileName);
        var info = new DirectoryInfo(folder);
        if (!info.Exists)
        {
            throw new ArgumentOutOfRangeException(
                nameof(version),
                version,
                string.Create(CultureInfo.InvariantCulture, $"Version {version} does not exist in registry '{_layout.RootPath}'."));
        }

        _layout.EnsureInsideRoot(info);
        var manifestInfo = new FileInfo(path);
        if (manifestInfo.Exists)
        {
            _layout.EnsureInsideRoot(manifestInfo);
        }

        ManifestDocument? document;
        try
        {
            var bytes = _layout.ReadDocument(path) ?? throw new InvalidDataException($"The manifest '{path}' is missing.");
            document = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.ManifestDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The manifest '{path}' is corrupt: {ex.Message}", ex);
        }

        var problem = document switch
        {
            null => "it is empty",
            { FormatVersion: not RegistryLayout.FormatVersion } => "its format version is not " + RegistryLayout.FormatVersion.ToString(CultureInfo.InvariantCulture),
            _ when document.Version != version => "its version does not match its folder",
            { PipelineName: null } or { RunId: null } or { Reason: null } => "pipelineName, runId or reason is missing",
            { Metrics: null } => "metrics are missing",
            { ModelFile: null } or { ModelSha256: null } => "modelFile or modelSha256 is missing",
            _ when !IsPlainFileName(document.ModelFile) => "modelFile is not a plain file name in the version's folder",
            _ when document.ReferenceProfileFile is { } profileFile && !IsPlainFileName(profileFile) => "referenceProfileFile is not a plain file name in the version's folder",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException($"The manifest '{path}' is corrupt: {problem}.");
        }

        try
        {
            _ = new TrainingRequest(document!.PipelineName!, document.RunId!, document.Reason!, document.DataWindowStart, document.DataWindowEnd, document.DataWatermark);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The manifest '{path}' is corrupt: {ex.Message}", ex);
        }

        return document;
    }

    /// <summary>Reads the model zip, checking it is inside the root and matches the manifest's SHA-256.</summary>
    public byte[] VerifyModelFile(ModelVersionManifest manifest)
    {
        var info = new FileInfo(manifest.ModelPath);
        if (info.Exists)
        {
            _layout.EnsureInsideRoot(info);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(manifest.ModelPath);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidDataException($"The model file '{manifest.ModelPath}' is missing.", ex);
        }

        if (!string.Equals(Sha256Hex(bytes), manifest.ModelSha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The model file '{manifest.ModelPath}' does not match the SHA-256 in its manifest; it is corrupt or was replaced.");
        }

        return bytes;
    }

    /// <summary>Loads a verified model zip; a zip ML.NET cannot read is reported naming the file.</summary>
    public RegisteredModel Load(ModelVersionManifest manifest)
    {
        var bytes = VerifyModelFile(manifest);
        using var stream = new MemoryStream(bytes, writable: false);
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = _mlContext.Model.Load(stream, out inputSchema);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or InvalidOperationException or IOException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            throw new InvalidDataException(
                $"The model file '{manifest.ModelPath}' matches its manifest's SHA-256 but ML.NET cannot load it ({ex.GetType().Name}: {ex.Message}). It was saved corrupt or by an incompatible ML.NET version; register a new version.",
                ex);
        }

        return new RegisteredModel(manifest, model, inputSchema);
    }

    /// <summary>Under the lock: nobody else is writing, so every temporary folder left behind belongs to a crashed writer.</summary>
    private void RemoveAbandonedTemporaries()
    {
        foreach (var folder in Directory.EnumerateDirectories(_layout.VersionsPath))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith(TempFolderPrefix, StringComparison.Ordinal) || name.StartsWith(RegistryLayout.LegacyTempMarker, StringComparison.Ordinal))
            {
                TryDeleteFolder(folder);
            }
        }

        foreach (var file in Directory.EnumerateFiles(_layout.RootPath))
        {
            var name = Path.GetFileName(file);
            if (name.Contains(RegistryLayout.LegacyTempMarker, StringComparison.Ordinal)
                || (name.StartsWith('.') && name.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal)))
            {
                AtomicFile.TryDelete(file);
            }
        }
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0
        && name != "."
        && name != ".."
        && Path.GetFileName(name) == name
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOfAny(['/', '\\']) < 0;

    private static ModelVersionManifest ToManifest(ManifestDocument d, string folder) =>
        new(
            d.Version,
            d.CreatedAt,
            new TrainingRequest(d.PipelineName!, d.RunId!, d.Reason!, d.DataWindowStart, d.DataWindowEnd, d.DataWatermark),
            d.TrainingRowCount,
            new Dictionary<string, double>(d.Metrics!, StringComparer.Ordinal),
            d.ReferenceProfileFile is not null || d.ReferenceProfile is not null,
            Path.Combine(folder, d.ModelFile!),
            d.ModelSha256!);

    private static string Sha256Hex(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next writer to clean up; it is ignored by readers.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
