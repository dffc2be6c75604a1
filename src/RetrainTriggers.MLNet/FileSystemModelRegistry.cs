using System.Globalization;
using Microsoft.ML;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Storage;

namespace RetrainTriggers.MLNet;

/// <summary>The embedded default model registry: ML.NET model versions, their manifests and a champion alias with history, in a folder.</summary>
/// <remarks>
/// <para>Layout under the root folder:</para>
/// <code>
/// .retrain-triggers-registry   marker: this folder is a registry (format and version)
/// registry.lock                writers hold it exclusively while they change anything (waiters queue registry.lock.wait-* tickets)
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
/// Concurrency: writers (register, promote, rollback) in any process serialise on the lock file, waiting in line
/// (first come, first served, so no writer starves) until <see cref="FileSystemModelRegistryOptions.LockTimeout"/>.
/// Readers take no lock and never fail because a writer is writing: everything they read is replaced only by atomic
/// renames or appended to, and no data file is ever opened exclusively. An operation that reports failure did not take
/// effect; one that took effect (the alias was switched) does not report failure, even when appending its history line
/// failed (the next write repairs the history, and readers already show the change). The registry never deletes a
/// version. The lock relies on the operating system's exclusive file locks, so the root should be on a local file
/// system (not every network file system honours them).
/// </para>
/// <para>
/// Untrusted content: manifests, the alias and the history are read within size limits
/// (<see cref="FileSystemModelRegistryOptions.MaxDocumentBytes"/>, <see cref="FileSystemModelRegistryOptions.MaxHistoryBytes"/>);
/// a manifest's model file must be a plain file name in its version folder, and version folders or files that are
/// links leading outside the root are neither listed nor loaded.
/// </para>
/// <para>
/// A root this process may not write (denied access, a read-only folder or file system) still serves every read; each
/// write (register, promote, roll back, set an alias or tag) raises <see cref="UnauthorizedAccessException"/> (denied
/// access) or <see cref="IOException"/> (read-only file system) naming the root and what to do, at once and before
/// anything is written.
/// </para>
/// </remarks>
public sealed partial class FileSystemModelRegistry
{
    /// <summary>The name of the marker file that identifies a registry folder.</summary>
    public const string MarkerFileName = ".retrain-triggers-registry";

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lockTimeout;
    private readonly string _actor;
    private readonly RegistryLayout _layout;
    private readonly VersionStore _versions;
    private readonly ChampionJournal _journal;

    /// <summary>Opens (or prepares to create) a registry in <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The registry folder. It may be missing or empty (the first write creates the registry) or an existing registry.</param>
    /// <param name="mlContext">The ML.NET context used to save and load models.</param>
    /// <param name="options">The clock, lock timeout, size limits and actor; <see langword="null"/> uses the defaults. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rootPath"/> or <paramref name="mlContext"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rootPath"/> is empty, or is an existing folder with content that is not a registry; an option is invalid.</exception>
    public FileSystemModelRegistry(string rootPath, MLContext mlContext, FileSystemModelRegistryOptions? options = null)
        : this(rootPath, mlContext, options, betweenForeignChecks: null)
    {
    }

    /// <summary>Opens a registry, running <paramref name="betweenForeignChecks"/> between the content and marker checks (tests of the creation race).</summary>
    internal FileSystemModelRegistry(string rootPath, MLContext mlContext, FileSystemModelRegistryOptions? options, Action? betweenForeignChecks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(mlContext);
        options ??= new FileSystemModelRegistryOptions();
        options.Validate();

        _layout = new RegistryLayout(rootPath, options.MaxDocumentBytes) { BetweenForeignChecks = betweenForeignChecks };
        _versions = new VersionStore(_layout, mlContext);
        _journal = new ChampionJournal(_layout, options.MaxHistoryBytes);
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _lockTimeout = options.LockTimeout;
        _actor = options.Actor ?? $"{Environment.UserName}@{Environment.MachineName}";

        // Fail at configuration time when pointed at the wrong folder, not at the first promotion.
        if (File.Exists(RootPath))
        {
            throw new ArgumentException($"The registry root '{RootPath}' is a file, not a folder.", nameof(rootPath));
        }

        // Content before marker (see RegistryLayout.IsForeignFolder): the other order races with a writer creating the registry.
        if (_layout.IsForeignFolder())
        {
            throw new ArgumentException(_layout.NotARegistryMessage(), nameof(rootPath));
        }
    }

    /// <summary>Gets the full path of the registry folder.</summary>
    public string RootPath => _layout.RootPath;

    /// <summary>Saves a trained model as the next version, with its manifest. The champion does not change.</summary>
    /// <param name="trainedModel">The trained model, its metrics, row count and reference profile.</param>
    /// <param name="request">The training request (pipeline, run id, reason, data window/watermark) recorded in the manifest.</param>
    /// <param name="inputSchema">The model's input schema to save with it (usually the training data's schema), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The new version's manifest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainedModel"/> or <paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="TimeoutException">Another writer held the lock longer than the lock timeout.</exception>
    /// <exception cref="InvalidOperationException">The root folder is not a registry, or the highest version number is taken.</exception>
    public async Task<ModelVersionManifest> RegisterAsync(
        TrainedModel<ITransformer> trainedModel,
        TrainingRequest request,
        DataViewSchema? inputSchema = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainedModel);
        ArgumentNullException.ThrowIfNull(request);

        await using var gate = (await AcquireLockAsync(create: true, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return Writing(() => _versions.Register(trainedModel, request, inputSchema, _timeProvider.GetUtcNow()));
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

        await using var gate = (await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var manifest = _versions.ReadManifest(version);
        _versions.VerifyModelFile(manifest);

        var alias = _journal.ReadAlias();
        var lastSequence = Writing(_journal.RepairHistory);
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
        Writing(() => _journal.SwitchAlias(new AliasDocument { FormatVersion = RegistryLayout.FormatVersion, Version = version, PreviousVersions = previous, Change = change }));

        // Committed: from here on nothing may report failure.
        _journal.TryAppendHistory(change);
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

        await using var gate = (await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var alias = _journal.ReadAlias()
            ?? throw new InvalidOperationException($"Registry '{RootPath}' has no champion to roll back.");
        if (alias.PreviousVersions is not { Count: > 0 } previous)
        {
            var why = alias.Change!.Kind == ChampionChangeKind.Rollback
                ? "it was itself restored by a rollback, and every champion before it has been rolled back already"
                : "it was the first version promoted";
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Registry '{RootPath}' has no earlier champion to roll back to from version {alias.Version}: {why}. Promote a specific version instead."));
        }

        var target = previous[0];
        var manifest = ReadManifestNamedByAlias(target);
        _versions.VerifyModelFile(manifest);
        var lastSequence = Writing(_journal.RepairHistory);

        var change = NewChange(lastSequence, ChampionChangeKind.Rollback, target, alias.Version, reason);
        Writing(() => _journal.SwitchAlias(new AliasDocument { FormatVersion = RegistryLayout.FormatVersion, Version = target, PreviousVersions = previous.GetRange(1, previous.Count - 1), Change = change }));

        // Committed: from here on nothing may report failure.
        _journal.TryAppendHistory(change);
        return manifest;
    }

    /// <summary>Gets the current champion's manifest.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The champion's manifest, or <see langword="null"/> when nothing was promoted yet.</returns>
    /// <exception cref="InvalidOperationException">The root folder is not a registry.</exception>
    /// <exception cref="InvalidDataException">The alias or the champion's manifest is corrupt, or the alias names a version that does not exist.</exception>
    public Task<ModelVersionManifest?> GetChampionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return Task.FromResult<ModelVersionManifest?>(null);
        }

        var alias = _journal.ReadAlias();
        return Task.FromResult(alias is null ? null : ReadManifestNamedByAlias(alias.Version));
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
        _layout.EnsureReadable();
        return Task.FromResult(_versions.ReadManifest(version));
    }

    /// <summary>Gets every registered version's manifest, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifests in version order; empty for a new registry.</returns>
    /// <exception cref="InvalidDataException">A manifest is corrupt; the message names the file.</exception>
    public Task<IReadOnlyList<ModelVersionManifest>> GetVersionsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return Task.FromResult<IReadOnlyList<ModelVersionManifest>>([]);
        }

        var manifests = _versions.VersionNumbers().Order().Select(_versions.ReadManifest).ToArray();
        return Task.FromResult<IReadOnlyList<ModelVersionManifest>>(manifests);
    }

    /// <summary>Gets the champion history, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every champion change; empty when nothing was promoted yet.</returns>
    /// <exception cref="InvalidDataException">The history or alias file is corrupt; the message names the file and line.</exception>
    public Task<IReadOnlyList<ChampionChange>> GetChampionHistoryAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return Task.FromResult<IReadOnlyList<ChampionChange>>([]);
        }

        return Task.FromResult<IReadOnlyList<ChampionChange>>(_journal.ReadFullHistory().Select(ToChange).ToArray());
    }

    /// <summary>Loads a version's model, checking the zip against the SHA-256 in its manifest.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The model, its input schema and manifest.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a registered version.</exception>
    /// <exception cref="InvalidDataException">The manifest or model file is corrupt (including a zip ML.NET cannot load); the message names the file.</exception>
    public Task<RegisteredModel> LoadModelAsync(int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        cancellationToken.ThrowIfCancellationRequested();
        _layout.EnsureReadable();
        return Task.FromResult(_versions.Load(_versions.ReadManifest(version)));
    }

    /// <summary>Loads the current champion's model.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The champion, or <see langword="null"/> when nothing was promoted yet.</returns>
    /// <exception cref="InvalidDataException">The alias, manifest or model file is corrupt, or the alias names a missing version; the message names the file.</exception>
    public async Task<RegisteredModel?> LoadChampionAsync(CancellationToken cancellationToken = default)
    {
        var champion = await GetChampionAsync(cancellationToken).ConfigureAwait(false);
        return champion is null ? null : _versions.Load(champion);
    }

    private static ChampionChange ToChange(ChangeDocument d) =>
        new(d.Sequence, d.Kind, d.Version, d.PreviousVersion, d.Reason!, d.Actor!, d.ChangedAt);

    /// <summary>A version the alias names must exist: a missing one means the alias (or the versions folder) is corrupt.</summary>
    private ModelVersionManifest ReadManifestNamedByAlias(int version)
    {
        if (!_versions.Exists(version))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The champion alias '{_layout.AliasPath}' names version {version}, which does not exist in registry '{RootPath}'; restore the version folder or promote an existing version."));
        }

        return _versions.ReadManifest(version);
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

    /// <summary>The registry's answer to a write this process may not make: its folder and the remedy, with the same exception type.</summary>
    private Exception WriteRefused(Exception cause)
    {
        var message = $"The model registry '{RootPath}' cannot be written: {FileErrors.DescribeRefusal(cause, RootPath, "its lock file, version folders and temporary files")}. Nothing was changed; reads still work.";
        return cause is UnauthorizedAccessException ? new UnauthorizedAccessException(message, cause) : new IOException(message, cause);
    }

    /// <summary>Runs one write step (under the lock), reporting a refused write in the registry's terms; every step writes whole files or folders, so a refused one changed nothing.</summary>
    private T Writing<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (FileErrors.IsWriteRefused(ex))
        {
            throw WriteRefused(ex);
        }
    }

    private void Writing(Action write) => Writing(() =>
    {
        write();
        return true;
    });

    private async Task<FileLock> AcquireLockAsync(bool create, CancellationToken cancellationToken)
    {
        // Checked before the lock file is created, so a foreign folder is left untouched.
        if (_layout.IsForeignFolder())
        {
            throw new InvalidOperationException(_layout.NotARegistryMessage());
        }

        if (!create && !Directory.Exists(RootPath))
        {
            throw new InvalidOperationException($"Registry '{RootPath}' does not exist yet: register a version first.");
        }

        FileLock gate;
        try
        {
            if (create)
            {
                Directory.CreateDirectory(RootPath);
            }

            gate = await FileLock.AcquireAsync(_layout.LockPath, _lockTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FileErrors.IsWriteRefused(ex))
        {
            throw WriteRefused(ex);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Timed out after {_lockTimeout.TotalSeconds:0.###} s waiting for the registry lock file '{_layout.LockPath}'; another writer holds it. Retry later or raise FileSystemModelRegistryOptions.LockTimeout."),
                ex);
        }

        try
        {
            _layout.EnsureRegistry(create);
            return gate;
        }
        catch
        {
            await gate.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
