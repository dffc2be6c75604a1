namespace RetrainTriggers.Orchestration;

/// <summary>When one stage of a run started, how long it took, and how it ended.</summary>
/// <param name="Stage">The stage: <c>validate</c>, <c>train</c>, <c>evaluate</c>, <c>register</c>, <c>promote</c> or <c>rollback</c>.</param>
/// <param name="StartedAt">When the stage started.</param>
/// <param name="Duration">How long it took, retries and back-off included.</param>
/// <param name="Outcome">How it ended: <c>ok</c>, or the error type, <c>timeout</c>, <c>cancelled</c>, <c>rejected</c>.</param>
public sealed record RetrainStageTiming(string Stage, DateTimeOffset StartedAt, TimeSpan Duration, string Outcome);
