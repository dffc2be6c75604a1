namespace RetrainTriggers.Orchestration;

/// <content>The durable signals (metrics, labeled rows, drift) and the trigger state of a pipeline, kept in <c>signals.json</c> and <c>trigger-state.json</c>.</content>
public sealed partial class FileRetrainStore
{
    /// <inheritdoc/>
    public async ValueTask RecordMetricAsync(string pipelineName, string metric, MetricSample sample, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        await UpdateSignalsAsync(pipelineName, signals =>
        {
            if (signals.Metrics.TryGetValue(metric, out var stored) && stored.Timestamp > sample.Timestamp)
            {
                return false;
            }

            signals.Metrics[metric] = new MetricEntry { Value = sample.Value, Timestamp = sample.Timestamp };
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<MetricSample?> GetMetricAsync(string pipelineName, string metric, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(metric);
        var signals = await ReadSignalsAsync(pipelineName, cancellationToken).ConfigureAwait(false);
        return signals is not null && signals.Metrics.TryGetValue(metric, out var entry) ? new MetricSample(entry.Value, entry.Timestamp) : null;
    }

    /// <inheritdoc/>
    public async ValueTask<long> AddLabeledRowsAsync(string pipelineName, long count, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long total = 0;
        await UpdateSignalsAsync(pipelineName, signals =>
        {
            signals.LabeledRows = StoreArguments.AddLabeledRows(signals.LabeledRows, count);
            total = signals.LabeledRows;
            return count > 0;
        }, cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <inheritdoc/>
    public async ValueTask<long> GetLabeledRowTotalAsync(string pipelineName, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        return (await ReadSignalsAsync(pipelineName, cancellationToken).ConfigureAwait(false))?.LabeledRows ?? 0;
    }

    /// <inheritdoc/>
    public async ValueTask RecordDriftAsync(string pipelineName, string? feature, DriftSignal signal, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(signal);
        await UpdateSignalsAsync(pipelineName, signals =>
        {
            if (feature is null)
            {
                signals.DatasetDrift = signal;
            }
            else
            {
                signals.FeatureDrift[feature] = signal;
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DriftSignal?> GetDriftAsync(string pipelineName, string? feature, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        var signals = await ReadSignalsAsync(pipelineName, cancellationToken).ConfigureAwait(false);
        return signals is null ? null : feature is null ? signals.DatasetDrift : signals.FeatureDrift.GetValueOrDefault(feature);
    }

    /// <inheritdoc/>
    public ITriggerStateStore GetTriggerStateStore(string pipelineName)
    {
        StoreArguments.Pipeline(pipelineName);
        return new TriggerState(this, pipelineName);
    }

    /// <summary>A pipeline's trigger state, read from disk on every get so every process sees the latest value.</summary>
    private sealed class TriggerState(FileRetrainStore store, string pipelineName) : ITriggerStateStore
    {
        public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            var document = await store.ReadAsync(Path.Combine(store.Folder(pipelineName), TriggerStateFile), RetrainStoreJsonContext.Default.TriggerStateDocument, cancellationToken)
                .ConfigureAwait(false);
            return document?.Entries.GetValueOrDefault(key);
        }

        public async ValueTask SetAsync(string key, string state, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            ArgumentNullException.ThrowIfNull(state);
            await UpdateAsync(entries =>
            {
                if (entries.TryGetValue(key, out var old) && string.Equals(old, state, StringComparison.Ordinal))
                {
                    return false;
                }

                entries[key] = state;
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            await UpdateAsync(entries => entries.Remove(key), cancellationToken).ConfigureAwait(false);
        }

        private Task<bool> UpdateAsync(Func<Dictionary<string, string>, bool> change, CancellationToken cancellationToken) =>
            store.WithLockAsync(pipelineName, async folder =>
            {
                var path = Path.Combine(folder, TriggerStateFile);
                var document = await store.ReadAsync(path, RetrainStoreJsonContext.Default.TriggerStateDocument, cancellationToken).ConfigureAwait(false)
                    ?? new TriggerStateDocument();
                if (change(document.Entries))
                {
                    await store.WriteAsync(path, document, RetrainStoreJsonContext.Default.TriggerStateDocument, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }, cancellationToken);
    }
}
