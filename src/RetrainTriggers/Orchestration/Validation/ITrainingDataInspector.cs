namespace RetrainTriggers.Orchestration;

/// <summary>Describes the data a training request would train on, so validators can check it before training starts.</summary>
/// <remarks>
/// The host implements this next to its trainer (it knows where the data lives); <see cref="DataSummary.FromProfile"/>
/// turns a <see cref="Drift.DatasetProfile"/> built from the same rows into a summary.
/// </remarks>
public interface ITrainingDataInspector
{
    /// <summary>Summarises the training data of <paramref name="request"/>.</summary>
    /// <param name="request">The training request.</param>
    /// <param name="cancellationToken">Cancels the inspection.</param>
    /// <returns>The row count and per-column statistics.</returns>
    ValueTask<DataSummary> InspectAsync(TrainingRequest request, CancellationToken cancellationToken = default);
}
