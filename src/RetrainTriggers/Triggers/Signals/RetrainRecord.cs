namespace RetrainTriggers;

/// <summary>The facts recorded when a retrain completed; relative thresholds and volume growth are measured against them.</summary>
public sealed class RetrainRecord
{
    /// <summary>Creates the record of a completed retrain.</summary>
    /// <param name="completedAt">When the retrained model went into service.</param>
    /// <param name="trainingRowCount">How many rows the model was trained on; at least 0.</param>
    /// <param name="baselineMetrics">Metric values measured at that time, by name (ordinal, case-sensitive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="baselineMetrics"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainingRowCount"/> is negative.</exception>
    public RetrainRecord(DateTimeOffset completedAt, long trainingRowCount, IReadOnlyDictionary<string, double> baselineMetrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainingRowCount);
        ArgumentNullException.ThrowIfNull(baselineMetrics);
        CompletedAt = completedAt;
        TrainingRowCount = trainingRowCount;
        BaselineMetrics = baselineMetrics;
    }

    /// <summary>Gets when the retrained model went into service.</summary>
    public DateTimeOffset CompletedAt { get; }

    /// <summary>Gets how many rows the model was trained on.</summary>
    public long TrainingRowCount { get; }

    /// <summary>Gets the metric values measured at that time, by name.</summary>
    public IReadOnlyDictionary<string, double> BaselineMetrics { get; }
}
