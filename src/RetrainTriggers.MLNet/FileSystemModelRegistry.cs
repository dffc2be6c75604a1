using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet;

/// <summary>The embedded default model registry: ML.NET model versions, their manifests and a champion alias with history, in a folder.</summary>
/// <remarks>
/// <para>Layout under the root folder:</para>
/// <code>
/// .retrain-triggers-registry   marker: this folder is a registry (format and version)
/// registry.lock                writers hold it exclusively (FileShare.None) while they change anything
/// champion                     the alias: current champion, earlier champions (for rollback), the last change
/// champion-history.jsonl       append-only history of alias changes, one JSON object per line
/// versions/1/model.zip         mlContext.Model.Save output
/// versions/1/manifest.json     metrics, data window/watermark, reason, run id, created-at, reference profile
/// </code>
/// <para>
/// Crash safety: a version is written completely into a temporary folder and then renamed to its number, so a
/// version folder is either complete or absent; the alias is replaced by writing a temporary file, flushing it
/// to disk and renaming it over the old one, so it always names a complete version. A crash between registering
/// a version and promoting it leaves the old champion in force. The alias is written before the history line;
/// a crash between the two is repaired on the next write (the alias carries its change record).
/// </para>
/// <para>
/// Concurrency: writers (register, promote, rollback) in any process serialise on the lock file and retry with
/// back-off until <see cref="FileSystemModelRegistryOptions.LockTimeout"/>. Readers take no lock: everything they
/// read is replaced only by atomic renames. The registry never deletes a version. The lock relies on the operating
/// system's exclusive file locks, so the root should be on a local file system (not every network file system honours them).
/// </para>
/// </remarks>
public sealed class FileSystemModelRegistry
{
    /// <summary>The name of the marker file that identifies a registry folder.</summary>
    public const string MarkerFileName = ".retrain-triggers-registry";

    private const int FormatVersion = 1;
    private const string LockFileName = "registry.lock";
    private const string AliasFileName = "champion";
    private const string HistoryFileName = "champion-history.jsonl";
    private const string VersionsFolderName = "versions";
    private const string ManifestFileName = "manifest.json";
    private const string ModelFileName = "model.zip";
    private const string TempMarker = ".tmp-";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    private readonly MLContext _mlContext;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lockTimeout;
    private readonly string _actor;
    private readonly string _markerPath;
    private readonly string _lockPath;
    private readonly string _aliasPath;
    private readonly string _historyPath;
    private readonly string _versionsPath;

    /// <summary>Opens (or prepares to create) a registry in <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The registry folder. It may be missing or empty (the first write creates the registry) or an existing registry.</param>
    /// <param name="mlContext">The ML.NET context used to save and load models.</param>
    /// <param name="options">The clock, lock timeout and actor; <see langword="null"/> uses the defaults. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rootPath"/> or <paramref name="mlContext"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rootPath"/> is empty, or is an existing folder with content that is not a registry; an option is invalid.</exception>
    public FileSystemModelRegistry(string rootPath, MLContext mlContext, FileSystemModelRegistryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(mlContext);
        options ??= new FileSystemModelRegistryOptions();
        options.Validate();

        RootPath = Path.GetFullPath(rootPath);
        _mlContext = mlContext;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _lockTimeout = options.LockTimeout;
        _actor = options.Actor ?? $"{Environment.UserName}@{Environment.MachineName}";
        _markerPath = Path.Combine(RootPath, MarkerFileName);
        _lockPath = Path.Combine(RootPath, LockFileName);
        _aliasPath = Path.Combine(RootPath, AliasFileName);
        _historyPath = Path.Combine(RootPath, HistoryFileName);
        _versionsPath = Path.Combine(RootPath, VersionsFolderName);

        // Fail at configuration time when pointed at the wrong folder, not at the first promotion.
        if (File.Exists(RootPath))
        {
            throw new ArgumentException($"The registry root '{RootPath}' is a file, not a folder.", nameof(rootPath));
        }

        if (!File.Exists(_markerPath) && HasForeignContent())
        {
            throw new ArgumentException(NotARegistryMessage(), nameof(rootPath));
        }
    }

    /// <summary>Gets the full path of the registry folder.</summary>
    public string RootPath { get; }

    /// <summary>Saves a trained model as the next version, with its manifest. The champion does not change.</summary>
    /// <param name="trainedModel">The trained model, its metrics, row count and reference profile.</param>
    /// <param name="request">The training request (pipeline, run id, reason, data window/watermark) recorded in the manifest.</param>
    /// <param name="inputSchema">The model's input schema to save with it (usually the training data's schema), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The new version's manifest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainedModel"/> or <paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">Another writer held the lock longer than the lock timeout.</exception>
    /// <exception cref="InvalidOperationException">The root folder is not a registry.</exception>
    public async Task<ModelVersionManifest> RegisterAsync(
        TrainedModel<ITransformer> trainedModel,
        TrainingRequest request,
        DataViewSchema? inputSchema = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainedModel);
        ArgumentNullException.ThrowIfNull(request);

        using var gate = await AcquireLockAsync(create: true, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(_versionsPath);
        RemoveAbandonedTemporaries();

        var version = checked(HighestVersion() + 1);
        var tempFolder = Path.Combine(_versionsPath, TempMarker + Guid.NewGuid().ToString("N"));
        var finalFolder = VersionFolder(version);
        Directory.CreateDirectory(tempFolder);
        try
        {
            byte[] modelBytes;
            using (var buffer = new MemoryStream())
            {
                _mlContext.Model.Save(trainedModel.Model, inputSchema, buffer);
                modelBytes = buffer.ToArray();
            }

            WriteDurably(Path.Combine(tempFolder, ModelFileName), modelBytes);

            var document = new ManifestDocument
            {
                FormatVersion = FormatVersion,
                Version = version,
                CreatedAt = _timeProvider.GetUtcNow(),
                PipelineName = request.PipelineName,
                RunId = request.RunId,
                Reason = request.Reason,
                DataWindowStart = request.DataWindowStart,
                DataWindowEnd = request.DataWindowEnd,
                DataWatermark = request.DataWatermark,
                TrainingRowCount = trainedModel.TrainingRowCount,
                Metrics = new Dictionary<string, double>(trainedModel.Metrics, StringComparer.Ordinal),
                ReferenceProfile = trainedModel.ReferenceProfile is null ? null : JsonNode.Parse(trainedModel.ReferenceProfile.ToUtf8Json())!.AsObject(),
                ModelFile = ModelFileName,
                ModelSha256 = Sha256Hex(modelBytes),
            };
            WriteDurably(
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

    /// <summary>Makes <paramref name="version"/> the champion, switching the alias atomically and appending to the history.</summary>
    /// <param name="version">An existing version. Promoting the current champion changes nothing and records nothing.</param>
    /// <param name="reason">Why (usually the promotion decision's summary); not empty.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The new champion's manifest.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a registered version.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or whitespace.</exception>
    /// <exception cref="InvalidDataException">The version's manifest or model is corrupt (the champion is unchanged), or the alias or history file is corrupt.</exception>
    /// <exception cref="TimeoutException">Another writer held the lock longer than the lock timeout.</exception>
    /// <exception cref="InvalidOperationException">The root folder is not a registry, or no version was registered yet.</exception>
    public async Task<ModelVersionManifest> PromoteAsync(int version, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        using var gate = await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false);
        var manifest = ReadManifest(version);
        VerifyModelFile(manifest);

        var alias = ReadAlias();
        var lastSequence = RepairHistory(alias);
        if (alias is not null && alias.Version == version)
        {
            return manifest;
        }

        var previous = new List<int>();
        if (alias is not null)
        {
            previous.Add(alias.Version);
            previous.AddRange(alias.PreviousVersions ?? []);
        }

        var change = NewChange(lastSequence, ChampionChangeKind.Promote, version, alias?.Version, reason);
        SwitchAlias(new AliasDocument { FormatVersion = FormatVersion, Version = version, PreviousVersions = previous, Change = change });
        AppendHistory(change);
        return manifest;
    }

    /// <summary>Restores the previous champion (the one before the current champion was promoted), switching the alias atomically.</summary>
    /// <param name="reason">Why; not empty.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The restored champion's manifest.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or whitespace.</exception>
    /// <exception cref="InvalidOperationException">The root folder is not a registry, there is no champion, or no earlier champion to return to.</exception>
    /// <exception cref="InvalidDataException">The earlier champion's manifest or model is corrupt (the champion is unchanged), or the alias or history file is corrupt.</exception>
    /// <exception cref="TimeoutException">Another writer held the lock longer than the lock timeout.</exception>
    public async Task<ModelVersionManifest> RollbackAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        using var gate = await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false);
        var alias = ReadAlias()
            ?? throw new InvalidOperationException($"Registry '{RootPath}' has no champion to roll back.");
        if (alias.PreviousVersions is not { Count: > 0 } previous)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Registry '{RootPath}' has no earlier champion to roll back to; version {alias.Version} is the only one ever promoted."));
        }

        var target = previous[0];
        var manifest = ReadManifest(target);
        VerifyModelFile(manifest);
        var lastSequence = RepairHistory(alias);

        var change = NewChange(lastSequence, ChampionChangeKind.Rollback, target, alias.Version, reason);
        SwitchAlias(new AliasDocument { FormatVersion = FormatVersion, Version = target, PreviousVersions = previous.GetRange(1, previous.Count - 1), Change = change });
        AppendHistory(change);
        return manifest;
    }

    /// <summary>Gets the current champion's manifest.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The champion's manifest, or <see langword="null"/> when nothing was promoted yet.</returns>
    /// <exception cref="InvalidOperationException">The root folder is not a registry.</exception>
    /// <exception cref="InvalidDataException">The alias or the champion's manifest is corrupt.</exception>
    public Task<ModelVersionManifest?> GetChampionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!EnsureReadable())
        {
            return Task.FromResult<ModelVersionManifest?>(null);
        }

        var alias = ReadAlias();
        return Task.FromResult(alias is null ? null : ReadManifest(alias.Version));
    }

    /// <summary>Gets a version's manifest.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a registered version.</exception>
    /// <exception cref="InvalidDataException">The manifest is corrupt; the message names the file.</exception>
    public Task<ModelVersionManifest> GetVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureReadable();
        return Task.FromResult(ReadManifest(version));
    }

    /// <summary>Gets every registered version's manifest, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifests in version order; empty for a new registry.</returns>
    /// <exception cref="InvalidDataException">A manifest is corrupt; the message names the file.</exception>
    public Task<IReadOnlyList<ModelVersionManifest>> GetVersionsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!EnsureReadable())
        {
            return Task.FromResult<IReadOnlyList<ModelVersionManifest>>([]);
        }

        var manifests = VersionNumbers().Order().Select(ReadManifest).ToArray();
        return Task.FromResult<IReadOnlyList<ModelVersionManifest>>(manifests);
    }

    /// <summary>Gets the champion history, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every champion change; empty when nothing was promoted yet.</returns>
    /// <exception cref="InvalidDataException">The history or alias file is corrupt; the message names the file and line.</exception>
    public Task<IReadOnlyList<ChampionChange>> GetChampionHistoryAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!EnsureReadable())
        {
            return Task.FromResult<IReadOnlyList<ChampionChange>>([]);
        }

        // The alias first: every change up to the alias's is in the history by the time the history is read,
        // except the alias's own when its writer crashed (or is still running) before appending it.
        var alias = ReadAlias();
        var changes = ReadHistory(out _);
        if (alias?.Change is { } aliasChange && (changes.Count == 0 || changes[^1].Sequence < aliasChange.Sequence))
        {
            changes.Add(aliasChange);
        }

        return Task.FromResult<IReadOnlyList<ChampionChange>>(changes.Select(ToChange).ToArray());
    }

    /// <summary>Loads a version's model, checking the zip against the SHA-256 in its manifest.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The model, its input schema and manifest.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a registered version.</exception>
    /// <exception cref="InvalidDataException">The manifest or model file is corrupt; the message names the file.</exception>
    public Task<RegisteredModel> LoadModelAsync(int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureReadable();
        var manifest = ReadManifest(version);
        var bytes = VerifyModelFile(manifest);
        using var stream = new MemoryStream(bytes, writable: false);
        var model = _mlContext.Model.Load(stream, out var inputSchema);
        return Task.FromResult(new RegisteredModel(manifest, model, inputSchema));
    }

    /// <summary>Loads the current champion's model.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The champion, or <see langword="null"/> when nothing was promoted yet.</returns>
    /// <exception cref="InvalidDataException">The alias, manifest or model file is corrupt; the message names the file.</exception>
    public async Task<RegisteredModel?> LoadChampionAsync(CancellationToken cancellationToken = default)
    {
        var champion = await GetChampionAsync(cancellationToken).ConfigureAwait(false);
        return champion is null ? null : await LoadModelAsync(champion.Version, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteDurably(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            WriteDurably(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
    }

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

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is ignored by readers and removed by the next writer.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static ChampionChange ToChange(ChangeDocument d) =>
        new(d.Sequence, d.Kind, d.Version, d.PreviousVersion, d.Reason!, d.Actor!, d.ChangedAt);

    private async Task<FileStream> AcquireLockAsync(bool create, CancellationToken cancellationToken)
    {
        // Checked before the lock file is created, so a foreign folder is left untouched.
        if (IsForeignFolder())
        {
            throw new InvalidOperationException(NotARegistryMessage());
        }

        if (create)
        {
            Directory.CreateDirectory(RootPath);
        }
        else if (!Directory.Exists(RootPath))
        {
            throw new InvalidOperationException($"Registry '{RootPath}' does not exist yet: register a version first.");
        }

        var started = _timeProvider.GetTimestamp();
        var backoff = InitialBackoff;
        FileStream gate;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                gate = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                break;
            }
            catch (IOException ex) when (ex is not DirectoryNotFoundException and not FileNotFoundException and not PathTooLongException)
            {
                var waited = _timeProvider.GetElapsedTime(started);
                if (waited >= _lockTimeout)
                {
                    throw new TimeoutException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Timed out after {_lockTimeout.TotalSeconds:0.###} s waiting for the registry lock file '{_lockPath}'; another writer holds it."),
                        ex);
                }

                var delay = backoff < _lockTimeout - waited ? backoff : _lockTimeout - waited;
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }

        try
        {
            EnsureRegistry(create);
            return gate;
        }
        catch
        {
            await gate.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Under the lock: checks the marker, creating the registry in an empty folder when asked to.</summary>
    private void EnsureRegistry(bool create)
    {
        if (File.Exists(_markerPath))
        {
            ReadMarker();
            return;
        }

        if (HasForeignContent())
        {
            throw new InvalidOperationException(NotARegistryMessage());
        }

        if (!create)
        {
            throw new InvalidOperationException($"Registry '{RootPath}' is empty: register a version first.");
        }

        var marker = new RegistryMarkerDocument { Format = RegistryMarkerDocument.ExpectedFormat, FormatVersion = FormatVersion };
        WriteAtomically(_markerPath, JsonSerializer.SerializeToUtf8Bytes(marker, RegistryJsonContext.Default.RegistryMarkerDocument));
    }

    /// <summary>Without the lock: false when the registry does not exist yet; throws when the folder is not a registry.</summary>
    private bool EnsureReadable()
    {
        if (IsForeignFolder())
        {
            throw new InvalidOperationException(NotARegistryMessage());
        }

        if (!File.Exists(_markerPath))
        {
            return false;
        }

        ReadMarker();
        return true;
    }

    private void ReadMarker()
    {
        RegistryMarkerDocument? marker;
        try
        {
            marker = JsonSerializer.Deserialize(File.ReadAllBytes(_markerPath), RegistryJsonContext.Default.RegistryMarkerDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The registry marker '{_markerPath}' is not valid JSON: {ex.Message}", ex);
        }

        if (marker is null || marker.Format != RegistryMarkerDocument.ExpectedFormat)
        {
            throw new InvalidDataException($"The registry marker '{_markerPath}' does not describe a {RegistryMarkerDocument.ExpectedFormat} folder.");
        }

        if (marker.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The registry '{RootPath}' has format version {marker.FormatVersion}; this library reads version {FormatVersion}."));
        }
    }

    /// <summary>True when the root holds anything besides what a registry being created may contain.</summary>
    /// <summary>True when the folder has content but no marker: not a registry.</summary>
    /// <remarks>
    /// Content is looked at before the marker: a writer creating the registry writes the marker before anything else
    /// (the lock file and the temporary marker are not content), so content seen first means the marker already exists.
    /// The other order races with such a writer: no marker yet, then its first version already there.
    /// </remarks>
    private bool IsForeignFolder() => HasForeignContent() && !File.Exists(_markerPath);

    private bool HasForeignContent()
    {
        if (!Directory.Exists(RootPath))
        {
            return false;
        }

        // The lock file and a temporary marker appear before the marker itself while another writer creates the registry.
        return Directory.EnumerateFileSystemEntries(RootPath)
            .Select(Path.GetFileName)
            .Any(name => name != LockFileName && !(name ?? string.Empty).StartsWith(MarkerFileName + TempMarker, StringComparison.Ordinal));
    }

    private string NotARegistryMessage() =>
        $"The folder '{RootPath}' is not a model registry: it has content but no marker file '{MarkerFileName}'. Point the registry at an empty or new folder, or at an existing registry.";

    private string VersionFolder(int version) =>
        Path.Combine(_versionsPath, version.ToString(CultureInfo.InvariantCulture));

    private IEnumerable<int> VersionNumbers()
    {
        if (!Directory.Exists(_versionsPath))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_versionsPath))
        {
            var name = Path.GetFileName(folder);

            // Only canonical numbers: temporary folders and anything else are not versions.
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && version > 0
                && name == version.ToString(CultureInfo.InvariantCulture))
            {
                yield return version;
            }
        }
    }

    private int HighestVersion()
    {
        var highest = 0;
        foreach (var version in VersionNumbers())
        {
            highest = Math.Max(highest, version);
        }

        return highest;
    }

    /// <summary>Under the lock: nobody else is writing, so every temporary left behind belongs to a crashed writer.</summary>
    private void RemoveAbandonedTemporaries()
    {
        foreach (var folder in Directory.EnumerateDirectories(_versionsPath, TempMarker + "*"))
        {
            TryDeleteFolder(folder);
        }

        foreach (var file in Directory.EnumerateFiles(RootPath, "*" + TempMarker + "*"))
        {
            TryDeleteFile(file);
        }
    }

    private ModelVersionManifest ReadManifest(int version)
    {
        var folder = VersionFolder(version);
        var path = Path.Combine(folder, ManifestFileName);
        if (!Directory.Exists(folder))
        {
            throw new ArgumentOutOfRangeException(
                nameof(version),
                version,
                string.Create(CultureInfo.InvariantCulture, $"Version {version} does not exist in registry '{RootPath}'."));
        }

        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllBytes(path), RegistryJsonContext.Default.ManifestDocument);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidDataException($"The manifest '{path}' is missing.", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The manifest '{path}' is corrupt: {ex.Message}", ex);
        }

        var problem = document switch
        {
            null => "it is empty",
            { FormatVersion: not FormatVersion } => "its format version is not " + FormatVersion.ToString(CultureInfo.InvariantCulture),
            _ when document.Version != version => "its version does not match its folder",
            { PipelineName: null } or { RunId: null } or { Reason: null } => "pipelineName, runId or reason is missing",
            { Metrics: null } => "metrics are missing",
            { ModelFile: null } or { ModelSha256: null } => "modelFile or modelSha256 is missing",
            _ when Path.GetFileName(document.ModelFile) != document.ModelFile => "modelFile is not a plain file name",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException($"The manifest '{path}' is corrupt: {problem}.");
        }

        return ToManifest(document!, folder);
    }

    private static ModelVersionManifest ToManifest(ManifestDocument d, string folder) =>
        new(
            d.Version,
            d.CreatedAt,
            d.PipelineName!,
            d.RunId!,
            d.Reason!,
            d.DataWindowStart,
            d.DataWindowEnd,
            d.DataWatermark,
            d.TrainingRowCount,
            new Dictionary<string, double>(d.Metrics!, StringComparer.Ordinal),
            d.ReferenceProfile is null ? null : (JsonObject)d.ReferenceProfile.DeepClone(),
            Path.Combine(folder, d.ModelFile!),
            d.ModelSha256!);

    private static byte[] VerifyModelFile(ModelVersionManifest manifest)
    {
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

    private AliasDocument? ReadAlias()
    {
        if (!File.Exists(_aliasPath))
        {
            return null;
        }

        AliasDocument? alias;
        try
        {
            alias = JsonSerializer.Deserialize(File.ReadAllBytes(_aliasPath), RegistryJsonContext.Default.AliasDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The champion alias '{_aliasPath}' is corrupt: {ex.Message}", ex);
        }

        if (alias is null || alias.FormatVersion != FormatVersion || alias.Version <= 0 || alias.Change is null || !IsValid(alias.Change))
        {
            throw new InvalidDataException($"The champion alias '{_aliasPath}' is corrupt: it does not name a version and the change that set it.");
        }

        return alias;
    }

    private static bool IsValid(ChangeDocument change) =>
        change.Sequence > 0 && change.Version > 0 && change.Reason is not null && change.Actor is not null && Enum.IsDefined(change.Kind);

    private List<ChangeDocument> ReadHistory(out long validLength)
    {
        var changes = new List<ChangeDocument>();
        validLength = 0;
        if (!File.Exists(_historyPath))
        {
            return changes;
        }

        var bytes = File.ReadAllBytes(_historyPath);
        var start = 0;
        var line = 0;
        while (start < bytes.Length)
        {
            line++;
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var complete = newline >= 0;
            var end = complete ? newline : bytes.Length;
            var segment = new ReadOnlySpan<byte>(bytes, start, end - start);
            ChangeDocument? change = null;
            try
            {
                change = segment.Trim((byte)'\r').IsEmpty ? null : JsonSerializer.Deserialize(segment, RegistryJsonContext.Default.ChangeDocument);
            }
            catch (JsonException) when (!complete)
            {
                // A torn final line from a writer that crashed mid-append; the alias still has that change.
                break;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException(
                    string.Create(CultureInfo.InvariantCulture, $"The champion history '{_historyPath}' is corrupt at line {line}: {ex.Message}"), ex);
            }

            if (change is not null)
            {
                if (!IsValid(change) || (changes.Count > 0 && change.Sequence <= changes[^1].Sequence))
                {
                    throw new InvalidDataException(
                        string.Create(CultureInfo.InvariantCulture, $"The champion history '{_historyPath}' is corrupt at line {line}: an invalid or out-of-order entry."));
                }

                changes.Add(change);
            }

            if (!complete)
            {
                // A complete JSON object without its newline: keep it, and let the next append add the newline.
                validLength = bytes.Length;
                break;
            }

            start = newline + 1;
            validLength = start;
        }

        return changes;
    }

    /// <summary>Under the lock: trims a torn tail and appends the alias's change if a crash kept it out of the history.</summary>
    private long RepairHistory(AliasDocument? alias)
    {
        var changes = ReadHistory(out var validLength);
        if (File.Exists(_historyPath))
        {
            using var stream = new FileStream(_historyPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            if (stream.Length > validLength)
            {
                stream.SetLength(validLength);
            }

            if (validLength > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n')
                {
                    stream.WriteByte((byte)'\n');
                }
            }

            stream.Flush(flushToDisk: true);
        }

        var last = changes.Count == 0 ? 0 : changes[^1].Sequence;
        if (alias?.Change is { } aliasChange && aliasChange.Sequence > last)
        {
            AppendHistory(aliasChange);
            last = aliasChange.Sequence;
        }

        return last;
    }

    private ChangeDocument NewChange(long lastSequence, ChampionChangeKind kind, int version, int? previousVersion, string reason) =>
        new()
        {
            Sequence = lastSequence + 1,
            Kind = kind,
            Version = version,
            PreviousVersion = previousVersion,
            Reason = reason,
            Actor = _actor,
            ChangedAt = _timeProvider.GetUtcNow(),
        };

    private void SwitchAlias(AliasDocument alias) =>
        WriteAtomically(_aliasPath, JsonSerializer.SerializeToUtf8Bytes(alias, RegistryJsonContext.Default.AliasDocument));

    private void AppendHistory(ChangeDocument change)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            JsonSerializer.Serialize(writer, change, RegistryJsonContext.Default.ChangeDocument);
        }

        buffer.WriteByte((byte)'\n');
        using var stream = new FileStream(_historyPath, FileMode.Append, FileAccess.Write, FileShare.None);
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        stream.Flush(flushToDisk: true);
    }
}
