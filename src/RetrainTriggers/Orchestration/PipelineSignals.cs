namespace RetrainTriggers.Orchestration;

/// <summary>The durable signals of one pipeline: hosts record metrics, labeled rows and drift here, triggers read them, and everything survives a restart.</summary>
/// <remarks>
/// Metrics and drift signals are kept in the pipeline's <see cref="IRetrainStore"/> with their timestamps. The last
/// retrain comes from the registry (the champion's promotion time, training rows and holdout baseline), and the
/// new-row count is the store's running total minus the mark recorded by the run that trained the champion, so a
/// promotion resets it and a rollback restores the restored champion's count. Nothing is kept in process memory.
/// </remarks>
public sealed class PipelineSignals : IMetricSource, IDataVolumeSource, IRetrainHistorySource, IDriftSignalSource
{
    private readonly string pipelineName;
    private readonly IRetrainStore store;
    private readonly Func<CancellationToken, ValueTask<ChampionInfo?>> champion;
    private readonly TimeProvider timeProvider;

    internal PipelineSignals(string pipelineName, IRetrainStore store, Func<CancellationToken, ValueTask<ChampionInfo?>> champion, TimeProvider timeProvider)
    {
        this.pipelineName = pipelineName;
        this.store = store;
        this.champion = champion;
        this.timeProvider = timeProvider;
    }

    /// <summary>Records the latest value of a metric, stamped with the pipeline's clock.</summary>
    /// <param name="metric">The metric name, as the evaluator reports it (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is durable.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is empty.</exception>
    public ValueTask RecordMetricAsync(string metric, double value, CancellationToken cancellationToken = default) =>
        RecordMetricAsync(metric, new MetricSample(value, timeProvider.GetUtcNow()), cancellationToken);

    /// <summary>Records a value of a metric measured at a given time; an older sample than the stored one is ignored.</summary>
    /// <param name="metric">The metric name (ordinal).</param>
    /// <param name="sample">The value and when it was measured.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is durable.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is empty.</exception>
    public ValueTask RecordMetricAsync(string metric, MetricSample sample, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        return store.RecordMetricAsync(pipelineName, metric, sample, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<MetricSample?> GetMetricAsync(string metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return store.GetMetricAsync(pipelineName, metric, cancellationToken);
    }

    /// <summary>Adds newly labeled rows to the count since the last retrain.</summary>
    /// <param name="count">How many rows; not negative, and the running total stays at most <see cref="long.MaxValue"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the count is durable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or would take the running total past <see cref="long.MaxValue"/>; the total is then unchanged.</exception>
    public async ValueTask AddLabeledRowsAsync(long count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await store.AddLabeledRowsAsync(pipelineName, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the latest drift signal of the dataset (<paramref name="feature"/> <see langword="null"/>) or of one feature.</summary>
    /// <param name="feature">The feature, or <see langword="null"/> for the dataset verdict.</param>
    /// <param name="signal">The signal.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the signal is durable.</returns>
    public ValueTask RecordDriftAsync(string? feature, DriftSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (feature is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        }

        return store.RecordDriftAsync(pipelineName, feature, signal, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<long?> GetNewLabeledRowCountAsync(CancellationToken cancellationToken = default)
    {
        var total = await store.GetLabeledRowTotalAsync(pipelineName, cancellationToken).ConfigureAwait(false);
        var current = await champion(cancellationToken).ConfigureAwait(false);
        var mark = current?.LabeledRowMark ?? 0;
        return Math.Max(0, total - mark);
    }

    /// <inheritdoc/>
    public async ValueTask<RetrainRecord?> GetLastRetrainAsync(CancellationToken cancellationToken = default)
    {
        var current = await champion(cancellationToken).ConfigureAwait(false);
        return current?.ToRecord();
    }

    /// <inheritdoc/>
    public ValueTask<DriftSignal?> GetDriftAsync(string? feature, CancellationToken cancellationToken = default) =>
        store.GetDriftAsync(pipelineName, feature, cancellationToken);
}
