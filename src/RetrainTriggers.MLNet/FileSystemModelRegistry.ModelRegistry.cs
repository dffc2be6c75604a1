using System.Globalization;
using Microsoft.ML;
using RetrainTriggers.Drift;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet;

/// <summary>The core <see cref="IModelRegistry{TModel}"/> contract on the file-system registry: versions, aliases (the champion and any other), alias history, rollback and tags.</summary>
public sealed partial class FileSystemModelRegistry : IModelRegistry<ITransformer>
{
    /// <inheritdoc/>
    /// <remarks>The model is saved without an input schema; use <see cref="RegisterAsync(TrainedModel{ITransformer}, TrainingRequest, DataViewSchema?, CancellationToken)"/> to save one.</remarks>
    public async ValueTask<ModelVersion> RegisterAsync(ModelRegistration<ITransformer> registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var gate = await AcquireLockAsync(create: true, cancellationToken).ConfigureAwait(false);
        await using (gate.ConfigureAwait(false))
        {
            var manifest = Writing(() => _versions.Register(
                registration.Trained,
                registration.Request,
                inputSchema: null,
                _timeProvider.GetUtcNow(),
                new VersionExtras(registration.Holdout, registration.Decision, registration.Tags)));
            return _versions.ReadRecord(manifest.Version);
        }
    }

    /// <inheritdoc/>
    async ValueTask<ModelVersion?> IModelRegistry<ITransformer>.GetVersionAsync(int version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.CompletedTask.ConfigureAwait(false);
        return version > 0 && _layout.EnsureReadable() && _versions.Exists(version) ? _versions.ReadRecord(version) : null;
    }

    /// <inheritdoc/>
    public ValueTask<ModelVersion?> GetByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return ValueTask.FromResult<ModelVersion?>(null);
        }

        var current = _journal.ReadAlias(alias);
        return ValueTask.FromResult<ModelVersion?>(current is null ? null : RecordNamedByAlias(alias, current.Version));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ModelVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return ValueTask.FromResult<IReadOnlyList<ModelVersion>>([]);
        }

        return ValueTask.FromResult<IReadOnlyList<ModelVersion>>(_versions.VersionNumbers().Order().Select(_versions.ReadRecord).ToArray());
    }

    /// <inheritdoc/>
    public async ValueTask<ITransformer> LoadAsync(int version, CancellationToken cancellationToken = default) =>
        (await LoadModelAsync(version, cancellationToken).ConfigureAwait(false)).Model;

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The profile file is corrupt or larger than <see cref="FileSystemModelRegistryOptions.MaxDocumentBytes"/>.</exception>
    public ValueTask<DatasetProfile?> LoadReferenceProfileAsync(int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        cancellationToken.ThrowIfCancellationRequested();
        _layout.EnsureReadable();
        return ValueTask.FromResult(_versions.ReadReferenceProfile(version));
    }

    /// <inheritdoc/>
    public async ValueTask<ModelAliasChange> SetAliasAsync(string alias, int version, string reason, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var gate = await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false);
        await using (gate.ConfigureAwait(false))
        {
            var manifest = _versions.ReadManifest(version);
            _versions.VerifyModelFile(manifest);
            return ToAliasChange(MoveAlias(alias, version, ChampionChangeKind.Promote, reason));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ModelAliasChange>> GetAliasHistoryAsync(string? alias = null, CancellationToken cancellationToken = default)
    {
        if (alias is not null)
        {
            RegistryNames.ValidateAlias(alias, nameof(alias));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_layout.EnsureReadable())
        {
            return ValueTask.FromResult<IReadOnlyList<ModelAliasChange>>([]);
        }

        var changes = _journal.ReadFullHistory()
            .Where(c => alias is null || string.Equals(ChampionJournal.AliasOf(c), alias, StringComparison.Ordinal))
            .Select(ToAliasChange)
            .ToArray();
        return ValueTask.FromResult<IReadOnlyList<ModelAliasChange>>(changes);
    }

    /// <inheritdoc/>
    public async ValueTask<ModelAliasChange> RollbackAsync(string alias, int? toVersion, string reason, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var gate = await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false);
        await using (gate.ConfigureAwait(false))
        {
            var current = _journal.ReadAlias(alias);
            var history = _journal.ReadFullHistory().Select(ToAliasChange).ToArray();
            var target = RegistryNames.RollbackTarget(alias, toVersion, history, current?.Version);
            if (!_versions.Exists(target))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Version {target} does not exist in registry '{RootPath}'."),
                    nameof(toVersion));
            }

            var manifest = _versions.ReadManifest(target);
            _versions.VerifyModelFile(manifest);
            return ToAliasChange(MoveAlias(alias, target, ChampionChangeKind.Rollback, reason));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ModelVersion> SetTagAsync(int version, string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var gate = await AcquireLockAsync(create: false, cancellationToken).ConfigureAwait(false);
        await using (gate.ConfigureAwait(false))
        {
            if (!_versions.Exists(version))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Version {version} does not exist in registry '{RootPath}'."),
                    nameof(version));
            }

            Writing(() => _versions.SetTag(version, key, value));
            return _versions.ReadRecord(version);
        }
    }

    private static ModelAliasChange ToAliasChange(ChangeDocument d) =>
        new()
        {
            Sequence = d.Sequence,
            Alias = ChampionJournal.AliasOf(d),
            Version = d.Version,
            PreviousVersion = d.PreviousVersion,
            IsRollback = d.Kind == ChampionChangeKind.Rollback,
            Reason = d.Reason!,
            ChangedAt = d.ChangedAt,
        };

    private ModelVersion RecordNamedByAlias(string alias, int version)
    {
        if (!_versions.Exists(version))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The alias '{alias}' ('{_journal.AliasPath(alias)}') names version {version}, which does not exist in registry '{RootPath}'; restore the version folder or set the alias to an existing version."));
        }

        return _versions.ReadRecord(version);
    }

    /// <summary>Under the lock: moves an alias (keeping its earlier versions for rollback) and records the change; after the switch nothing reports failure.</summary>
    private ChangeDocument MoveAlias(string alias, int version, ChampionChangeKind kind, string reason)
    {
        var current = _journal.ReadAlias(alias);
        var lastSequence = Writing(_journal.RepairHistory);
        var previous = new List<int>();
        if (current is not null)
        {
            if (kind == ChampionChangeKind.Rollback && current.PreviousVersions is { Count: > 0 } stack && stack[0] == version)
            {
                previous.AddRange(stack.Skip(1));
            }
            else
            {
                previous.Add(current.Version);
                previous.AddRange(current.PreviousVersions ?? []);
            }
        }

        var change = NewChange(lastSequence, kind, version, current?.Version, reason);
        change.Alias = alias == Orchestration.ModelAliases.Champion ? null : alias;
        Writing(() => _journal.SwitchAlias(alias, new AliasDocument { FormatVersion = RegistryLayout.FormatVersion, Version = version, PreviousVersions = previous, Change = change }));
        _journal.TryAppendHistory(change);
        return change;
    }
}
