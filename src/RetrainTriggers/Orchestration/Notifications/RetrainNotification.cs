namespace RetrainTriggers.Orchestration;

/// <summary>One notification of the retrain loop: the kind, a readable message and the run it concerns.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="PipelineName">The pipeline it happened in.</param>
/// <param name="Message">A one-paragraph, human-readable account.</param>
/// <param name="Run">The run as recorded in the history.</param>
public sealed record RetrainNotification(RetrainNotificationKind Kind, string PipelineName, string Message, RetrainRun Run);
