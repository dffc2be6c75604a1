namespace RetrainTriggers;

/// <summary>Thread-safe in-memory signals a host pushes into (metrics, labeled rows, retrains, drift) and triggers read from.</summary>
/// <remarks>
/// Implements every signal source a built-in trigger reads. <see cref="RecordRetrain"/> resets the new-row count, because
/// volume is measured since the last retrain; metrics and drift signals are kept until the host records new ones.
/// </remarks>
public sealed class InMemorySignals : IMetricSource, IDataVolumeSource, IRetrainHistorySource, IDriftSignalSource
{
    private readonly object gate = new();
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<string, MetricSample> metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DriftSignal> featureDrift = new(StringComparer.Ordinal);
    private long newLabeledRows;
    private RetrainRecord? lastRetrain;
    private DriftSignal? datasetDrift;

    /// <summary>Creates empty signals whose <see cref="Record(string, double)"/> stamps readings with <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock that stamps recorded metrics; default <see cref="TimeProvider.System"/>.</param>
    public InMemorySignals(TimeProvider? timeProvider = null) => this.timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Gets the number of new labeled rows since the last retrain.</summary>
    public long NewLabeledRowCount
    {
        get
        {
            lock (gate)
            {
                return newLabeledRows;
            }
        }
    }

    /// <summary>Gets the last recorded retrain, or <see langword="null"/> when none was recorded.</summary>
    public RetrainRecord? LastRetrain
    {
        get
        {
            lock (gate)
            {
                return lastRetrain;
            }
        }
    }

    /// <summary>Records the latest value of a metric, measured now by the clock given to the constructor, replacing the previous one.</summary>
    /// <param name="metric">The metric name (ordinal, case-sensitive).</param>
    /// <param name="value">The value; NaN is kept (triggers report it as insufficient data).</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null, empty or whitespace.</exception>
    public void Record(string metric, double value) => Record(metric, value, timeProvider.GetUtcNow());

    /// <summary>Records the latest value of a metric measured at <paramref name="timestamp"/>, replacing the previous one.</summary>
    /// <param name="metric">The metric name (ordinal, case-sensitive).</param>
    /// <param name="value">The value; NaN is kept (triggers report it as insufficient data).</param>
    /// <param name="timestamp">When the value was measured; triggers with a <c>MaxAge</c> ignore readings older than it.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is null, empty or whitespace.</exception>
    public void Record(string metric, double value, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        lock (gate)
        {
            metrics[metric] = new MetricSample(value, timestamp);
        }
    }

    /// <summary>Forgets a metric, so triggers on it report insufficient data.</summary>
    /// <param name="metric">The metric name.</param>
    /// <returns><see langword="true"/> when the metric was recorded.</returns>
    public bool Forget(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        lock (gate)
        {
            return metrics.Remove(metric);
        }
    }

    /// <summary>Adds newly labeled rows to the count since the last retrain.</summary>
    /// <param name="count">How many rows; at least 0, and the count since the last retrain stays at most <see cref="long.MaxValue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or would take the count past <see cref="long.MaxValue"/> (the count is then unchanged).</exception>
    public void AddLabeledRows(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            newLabeledRows = Orchestration.StoreArguments.AddLabeledRows(newLabeledRows, count);
        }
    }

    /// <summary>Records a completed retrain and resets the new-row count to zero.</summary>
    /// <param name="completedAt">When the retrained model went into service.</param>
    /// <param name="trainingRowCount">How many rows it was trained on; at least 0.</param>
    /// <param name="baselineMetrics">Metric values measured at that time (copied); relative thresholds compare against them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainingRowCount"/> is negative.</exception>
    public void RecordRetrain(DateTimeOffset completedAt, long trainingRowCount, IReadOnlyDictionary<string, double>? baselineMetrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainingRowCount);
        var baselines = baselineMetrics is null
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : new Dictionary<string, double>(baselineMetrics, StringComparer.Ordinal);
        lock (gate)
        {
            lastRetrain = new RetrainRecord(completedAt, trainingRowCount, baselines.AsReadOnly());
            newLabeledRows = 0;
        }
    }

    /// <summary>Records the latest dataset-level drift signal.</summary>
    /// <param name="signal">The signal.</param>
    public void RecordDrift(DriftSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (gate)
        {
            datasetDrift = signal;
        }
    }

    /// <summary>Records the latest drift signal of one feature.</summary>
    /// <param name="feature">The feature name (ordinal, case-sensitive).</param>
    /// <param name="signal">The signal.</param>
    public void RecordDrift(string feature, DriftSignal signal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        ArgumentNullException.ThrowIfNull(signal);
        lock (gate)
        {
            featureDrift[feature] = signal;
        }
    }

    /// <inheritdoc/>
    ValueTask<MetricSample?> IMetricSource.GetMetricAsync(string metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metric);
        lock (gate)
        {
            return new(metrics.TryGetValue(metric, out var sample) ? sample : null);
        }
    }

    /// <inheritdoc/>
    ValueTask<long?> IDataVolumeSource.GetNewLabeledRowCountAsync(CancellationToken cancellationToken) => new(NewLabeledRowCount);

    /// <inheritdoc/>
    ValueTask<RetrainRecord?> IRetrainHistorySource.GetLastRetrainAsync(CancellationToken cancellationToken) => new(LastRetrain);

    /// <inheritdoc/>
    ValueTask<DriftSignal?> IDriftSignalSource.GetDriftAsync(string? feature, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return new(feature is null ? datasetDrift : featureDrift.GetValueOrDefault(feature));
        }
    }
}
