namespace RetrainTriggers;

/// <summary>Supplies the latest reading of named model metrics (accuracy, error rate, a drift score…) with when it was measured.</summary>
public interface IMetricSource
{
    /// <summary>Gets the latest reading of <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric name (ordinal, case-sensitive).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value and its timestamp, or <see langword="null"/> when the metric has never been recorded.</returns>
    ValueTask<MetricSample?> GetMetricAsync(string metric, CancellationToken cancellationToken = default);
}

/// <summary>Supplies how many new labeled rows have arrived since the last retrain.</summary>
public interface IDataVolumeSource
{
    /// <summary>Gets the number of new labeled rows since the last retrain.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The row count, or <see langword="null"/> when it is unknown.</returns>
    ValueTask<long?> GetNewLabeledRowCountAsync(CancellationToken cancellationToken = default);
}

/// <summary>Supplies the facts recorded at the last retrain (when, on how many rows, with which metric baselines).</summary>
public interface IRetrainHistorySource
{
    /// <summary>Gets the last completed retrain.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last retrain, or <see langword="null"/> when the model has never been retrained.</returns>
    ValueTask<RetrainRecord?> GetLastRetrainAsync(CancellationToken cancellationToken = default);
}
