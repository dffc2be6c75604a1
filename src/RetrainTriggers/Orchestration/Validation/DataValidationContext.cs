namespace RetrainTriggers.Orchestration;

/// <summary>What a data validator sees: the training request and the summary of its data.</summary>
/// <param name="Request">The training request about to run.</param>
/// <param name="Data">The summary of the data it would train on.</param>
public sealed record DataValidationContext(TrainingRequest Request, DataSummary Data);
