namespace RetrainTriggers.Orchestration;

/// <summary>A thread-safe <see cref="IRetrainStore"/> in process memory, for tests and single-process hosts that accept losing history on restart.</summary>
public sealed class InMemoryRetrainStore : IRetrainStore
{
    private readonly object gate = new();
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<string, PipelineData> pipelines = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides lease expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryRetrainStore(TimeProvider? timeProvider = null)
    {
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public ValueTask<RetrainLease?> TryAcquireLeaseAsync(string pipelineName, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        StoreArguments.Duration(duration);
        lock (gate)
        {
            var data = Data(pipelineName);
            var now = timeProvider.GetUtcNow();
            var lease = LeaseRules.TryAcquire(data.Lease, data.LastToken, pipelineName, owner, duration, now);
            if (lease is not null)
            {
                data.Lease = lease;
                data.LastToken = lease.FencingToken;
            }

            return new(lease);
        }
    }

    /// <inheritdoc/>
    public ValueTask<RetrainLease?> RenewLeaseAsync(RetrainLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StoreArguments.Duration(duration);
        lock (gate)
        {
            var data = Data(lease.PipelineName);
            if (lease.FencingToken != data.LastToken)
            {
                return new((RetrainLease?)null);
            }

            data.Lease = lease with { ExpiresAt = timeProvider.GetUtcNow() + duration };
            return new(data.Lease);
        }
    }

    /// <inheritdoc/>
    public ValueTask ReleaseLeaseAsync(RetrainLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (gate)
        {
            var data = Data(lease.PipelineName);
            if (lease.FencingToken == data.LastToken)
            {
                data.Lease = null;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryRecordFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        lock (gate)
        {
            var data = Fenced(lease);
            return new(data.FireKeys.TryAdd(fireKey, new FireKeyRecord(fireKey, runId, timeProvider.GetUtcNow())));
        }
    }

    /// <inheritdoc/>
    public ValueTask ReleaseFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        lock (gate)
        {
            var data = Fenced(lease);
            if (data.FireKeys.TryGetValue(fireKey, out var record) && string.Equals(record.RunId, runId, StringComparison.Ordinal))
            {
                data.FireKeys.Remove(fireKey);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<FireKeyRecord?> GetFireKeyAsync(string pipelineName, string fireKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(fireKey);
        lock (gate)
        {
            return new(Data(pipelineName).FireKeys.GetValueOrDefault(fireKey));
        }
    }

    /// <inheritdoc/>
    public ValueTask SaveRunAsync(RetrainLease lease, RetrainRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StoreArguments.Run(lease, run);
        lock (gate)
        {
            Fenced(lease).Runs[run.RunId] = run;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<RetrainRun?> GetRunAsync(string pipelineName, string runId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(runId);
        lock (gate)
        {
            return new(Data(pipelineName).Runs.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RetrainRun>> QueryRunsAsync(string pipelineName, RetrainRunQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        StoreArguments.Query(query);
        lock (gate)
        {
            return new(RunOrder.Select(Data(pipelineName).Runs.Values, query));
        }
    }

    /// <inheritdoc/>
    public ValueTask RecordMetricAsync(string pipelineName, string metric, MetricSample sample, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        lock (gate)
        {
            var metrics = Data(pipelineName).Metrics;
            if (!metrics.TryGetValue(metric, out var stored) || stored.Timestamp <= sample.Timestamp)
            {
                metrics[metric] = sample;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<MetricSample?> GetMetricAsync(string pipelineName, string metric, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(metric);
        lock (gate)
        {
            return new(Data(pipelineName).Metrics.TryGetValue(metric, out var sample) ? sample : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> AddLabeledRowsAsync(string pipelineName, long count, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            var data = Data(pipelineName);
            data.LabeledRows = StoreArguments.AddLabeledRows(data.LabeledRows, count);
            return new(data.LabeledRows);
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> GetLabeledRowTotalAsync(string pipelineName, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        lock (gate)
        {
            return new(Data(pipelineName).LabeledRows);
        }
    }

    /// <inheritdoc/>
    public ValueTask RecordDriftAsync(string pipelineName, string? feature, DriftSignal signal, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(signal);
        lock (gate)
        {
            Data(pipelineName).Drift[feature ?? string.Empty] = signal;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<DriftSignal?> GetDriftAsync(string pipelineName, string? feature, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        lock (gate)
        {
            return new(Data(pipelineName).Drift.GetValueOrDefault(feature ?? string.Empty));
        }
    }

    /// <inheritdoc/>
    public ITriggerStateStore GetTriggerStateStore(string pipelineName)
    {
        StoreArguments.Pipeline(pipelineName);
        lock (gate)
        {
            return Data(pipelineName).TriggerState;
        }
    }

    private PipelineData Data(string pipelineName)
    {
        if (!pipelines.TryGetValue(pipelineName, out var data))
        {
            data = new PipelineData();
            pipelines[pipelineName] = data;
        }

        return data;
    }

    private PipelineData Fenced(RetrainLease lease)
    {
        var data = Data(lease.PipelineName);
        LeaseRules.EnsureCurrent(lease, data.LastToken);
        return data;
    }

    private sealed class PipelineData
    {
        public RetrainLease? Lease { get; set; }

        public long LastToken { get; set; }

        public long LabeledRows { get; set; }

        public Dictionary<string, FireKeyRecord> FireKeys { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RetrainRun> Runs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, MetricSample> Metrics { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DriftSignal> Drift { get; } = new(StringComparer.Ordinal);

        public InMemoryTriggerStateStore TriggerState { get; } = new();
    }
}
