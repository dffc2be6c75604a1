namespace RetrainTriggers.Drift.Performance;

/// <summary>The estimated binary-classification performance of a window without labels (see <see cref="PerformanceEstimator.Estimate"/>).</summary>
/// <param name="Count">The number of predictions in the window.</param>
/// <param name="Accuracy">Estimated accuracy (E[TP] + E[TN]) / n.</param>
/// <param name="Precision">Estimated precision E[TP] / (E[TP] + E[FP]).</param>
/// <param name="Recall">Estimated recall E[TP] / (E[TP] + E[FN]).</param>
/// <param name="F1">Estimated F1 2·E[TP] / (2·E[TP] + E[FP] + E[FN]).</param>
/// <param name="RocAuc">Estimated ROC AUC from the expected true- and false-positive rates along the sorted scores.</param>
public sealed record PerformanceEstimate(
    int Count,
    EstimatedMetric Accuracy,
    EstimatedMetric Precision,
    EstimatedMetric Recall,
    EstimatedMetric F1,
    EstimatedMetric RocAuc)
{
    /// <summary>Gets a metric by its name: <c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c> or <c>roc_auc</c> (ordinal, case-insensitive).</summary>
    /// <param name="name">The metric name.</param>
    /// <returns>The estimate, or null for an unknown name.</returns>
    public EstimatedMetric? Get(string name) => name?.ToUpperInvariant() switch
    {
        "ACCURACY" => Accuracy,
        "PRECISION" => Precision,
        "RECALL" => Recall,
        "F1" => F1,
        "ROC_AUC" => RocAuc,
        _ => null,
    };
}
