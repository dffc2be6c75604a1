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
