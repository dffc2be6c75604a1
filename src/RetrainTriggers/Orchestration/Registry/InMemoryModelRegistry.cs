using RetrainTriggers.Drift;

namespace RetrainTriggers.Orchestration;

/// <summary>A thread-safe model registry in process memory, for tests, demos and hosts that keep models elsewhere.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
/// <remarks>Everything is lost when the process ends; use a durable registry (the ML.NET package's file-system registry, or your own) in production.</remarks>
public sealed class InMemoryModelRegistry<TModel> : IModelRegistry<TModel>
{
    private readonly object gate = new();
    private readonly TimeProvider timeProvider;
    private readonly string? pipelineName;
    private readonly List<Entry> versions = [];
    private readonly Dictionary<string, int> aliases = new(StringComparer.Ordinal);
    private readonly List<ModelAliasChange> history = [];

    /// <summary>Creates an empty registry.</summary>
    /// <param name="timeProvider">The clock that stamps versions and alias changes; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="pipelineName">The pipeline this registry belongs to; when set, registrations for another pipeline are refused.</param>
    public InMemoryModelRegistry(TimeProvider? timeProvider = null, string? pipelineName = null)
    {
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.pipelineName = pipelineName;
    }

    /// <inheritdoc/>
    public ValueTask<ModelVersion> RegisterAsync(ModelRegistration<TModel> registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        cancellationToken.ThrowIfCancellationRequested();
        var request = registration.Request;
        if (pipelineName is not null && !string.Equals(pipelineName, request.PipelineName, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"This registry holds pipeline '{pipelineName}'; a model of pipeline '{request.PipelineName}' cannot be registered in it.",
                nameof(registration));
        }

        var trained = registration.Trained;
        lock (gate)
        {
            var record = new ModelVersion
            {
                Version = versions.Count + 1,
                RegisteredAt = timeProvider.GetUtcNow(),
                PipelineName = request.PipelineName,
                RunId = request.RunId,
                Reason = request.Reason,
                DataWindowStart = request.DataWindowStart,
                DataWindowEnd = request.DataWindowEnd,
                DataWatermark = request.DataWatermark,
                TrainingRowCount = trained.TrainingRowCount,
                TrainingMetrics = trained.Metrics,
                Holdout = registration.Holdout,
                Decision = registration.Decision,
                ArtifactPath = trained.ArtifactPath,
                HasReferenceProfile = trained.ReferenceProfile is not null,
                Tags = new Dictionary<string, string>(registration.Tags, StringComparer.Ordinal),
            };
            versions.Add(new Entry(record, trained.Model, trained.ReferenceProfile));
            return new(record);
        }
    }

    /// <inheritdoc/>
    public ValueTask<ModelVersion?> GetVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return new(Find(version)?.Record);
        }
    }

    /// <inheritdoc/>
    public ValueTask<ModelVersion?> GetByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        lock (gate)
        {
            return new(aliases.TryGetValue(alias, out var version) ? Find(version)!.Record : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ModelVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return new(versions.ConvertAll(static e => e.Record).AsReadOnly());
        }
    }

    /// <inheritdoc/>
    public ValueTask<TModel> LoadAsync(int version, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return new(Require(version, nameof(version)).Model);
        }
    }

    /// <inheritdoc/>
    public ValueTask<DatasetProfile?> LoadReferenceProfileAsync(int version, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return new(Require(version, nameof(version)).Profile);
        }
    }

    /// <inheritdoc/>
    public ValueTask<ModelAliasChange> SetAliasAsync(string alias, int version, string reason, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            Require(version, nameof(version));
            return new(Move(alias, version, reason, isRollback: false));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ModelAliasChange>> GetAliasHistoryAsync(string? alias = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var changes = alias is null ? [.. history] : history.FindAll(c => string.Equals(c.Alias, alias, StringComparison.Ordinal));
            return new(changes.AsReadOnly());
        }
    }

    /// <inheritdoc/>
    public ValueTask<ModelAliasChange> RollbackAsync(string alias, int? toVersion, string reason, CancellationToken cancellationToken = default)
    {
        RegistryNames.ValidateAlias(alias, nameof(alias));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var target = RegistryNames.RollbackTarget(alias, toVersion, history, aliases.TryGetValue(alias, out var current) ? current : null);
            Require(target, nameof(toVersion));
            return new(Move(alias, target, reason, isRollback: true));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ModelVersion> SetTagAsync(int version, string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (gate)
        {
            var entry = Require(version, nameof(version));
            var tags = new Dictionary<string, string>(entry.Record.Tags, StringComparer.Ordinal);
            if (value is null)
            {
                tags.Remove(key);
            }
            else
            {
                tags[key] = value;
            }

            var record = entry.Record with { Tags = tags };
            versions[version - 1] = entry with { Record = record };
            return new(record);
        }
    }

    private ModelAliasChange Move(string alias, int version, string reason, bool isRollback)
    {
        int? previous = aliases.TryGetValue(alias, out var current) ? current : null;
        var change = new ModelAliasChange
        {
            Sequence = history.Count + 1,
            Alias = alias,
            Version = version,
            PreviousVersion = previous,
            IsRollback = isRollback,
            Reason = reason,
            ChangedAt = timeProvider.GetUtcNow(),
        };
        aliases[alias] = version;
        history.Add(change);
        return change;
    }

    private Entry? Find(int version) => version >= 1 && version <= versions.Count ? versions[version - 1] : null;

    private Entry Require(int version, string paramName) =>
        Find(version) ?? throw new ArgumentException($"Model version {version} does not exist; the registry holds versions 1 to {versions.Count}.", paramName);

    private sealed record Entry(ModelVersion Record, TModel Model, DatasetProfile? Profile);
}
