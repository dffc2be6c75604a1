namespace RetrainTriggers.Orchestration;

/// <summary>A model's metrics on a holdout and the number of rows they were measured on; the baseline later live metrics are compared with.</summary>
/// <param name="RowCount">The number of holdout rows.</param>
/// <param name="Metrics">The metric values by name (ordinal).</param>
public sealed record HoldoutMetrics(long RowCount, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Summarises an evaluation, dropping its per-row outcomes.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The row count and a copy of the metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is <see langword="null"/>.</exception>
    public static HoldoutMetrics From(Evaluation.ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new HoldoutMetrics(evaluation.RowCount, new Dictionary<string, double>(evaluation.Metrics, StringComparer.Ordinal));
    }
}
