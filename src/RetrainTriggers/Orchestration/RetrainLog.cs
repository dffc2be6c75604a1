using Microsoft.Extensions.Logging;

namespace RetrainTriggers.Orchestration;

/// <summary>The retrain loop's log messages, with stable event ids (1000–1099).</summary>
internal static partial class RetrainLog
{
    [LoggerMessage(EventId = 1000, EventName = "TriggersEvaluated", Level = LogLevel.Debug, Message = "Pipeline {Pipeline}: triggers {Outcome}, verdict {Verdict}")]
    public static partial void Evaluated(ILogger logger, string pipeline, TriggerOutcome outcome, RetrainVerdict verdict);

    [LoggerMessage(EventId = 1001, EventName = "RunStarted", Level = LogLevel.Information, Message = "Pipeline {Pipeline}: run {RunId} started ({Reason}), fire key {FireKey}")]
    public static partial void RunStarted(ILogger logger, string pipeline, string runId, string reason, string? fireKey);

    [LoggerMessage(EventId = 1002, EventName = "RunCompleted", Level = LogLevel.Information, Message = "Pipeline {Pipeline}: run {RunId} ended {State} after {Seconds:0.###} s")]
    public static partial void RunCompleted(ILogger logger, string pipeline, string runId, RetrainRunState state, double seconds);

    [LoggerMessage(EventId = 1003, EventName = "TrainingAttemptFailed", Level = LogLevel.Warning, Message = "Pipeline {Pipeline}: run {RunId} training attempt {Attempt} of {MaxAttempts} failed; next attempt in {Delay}")]
    public static partial void TrainingAttemptFailed(ILogger logger, string pipeline, string runId, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1004, EventName = "RunFailed", Level = LogLevel.Error, Message = "Pipeline {Pipeline}: run {RunId} failed in stage {Stage}")]
    public static partial void RunFailed(ILogger logger, string pipeline, string runId, string stage, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "RunInterrupted", Level = LogLevel.Warning, Message = "Pipeline {Pipeline}: run {RunId}, started {StartedAt:O}, was cut off and is marked Interrupted")]
    public static partial void RunInterrupted(ILogger logger, string pipeline, string runId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 1006, EventName = "Promoted", Level = LogLevel.Information, Message = "Pipeline {Pipeline}: version {Version} promoted to champion by run {RunId}")]
    public static partial void Promoted(ILogger logger, string pipeline, int version, string runId);

    [LoggerMessage(EventId = 1007, EventName = "RolledBack", Level = LogLevel.Warning, Message = "Pipeline {Pipeline}: version {Version} rolled back to {RestoredVersion}: {Reason}")]
    public static partial void RolledBack(ILogger logger, string pipeline, int version, int restoredVersion, string reason);

    [LoggerMessage(EventId = 1008, EventName = "NotifierFailed", Level = LogLevel.Error, Message = "Pipeline {Pipeline}: notifier {Notifier} failed for {Kind} of run {RunId}")]
    public static partial void NotifierFailed(ILogger logger, string pipeline, string notifier, RetrainNotificationKind kind, string runId, Exception exception);

    [LoggerMessage(EventId = 1009, EventName = "LeaseLost", Level = LogLevel.Error, Message = "Pipeline {Pipeline}: run {RunId} lost its lease; another instance took over and this run stops without further writes")]
    public static partial void LeaseLost(ILogger logger, string pipeline, string runId, Exception exception);

    [LoggerMessage(EventId = 1010, EventName = "WatchCheckFailed", Level = LogLevel.Error, Message = "Pipeline {Pipeline}: the post-promotion watch of run {RunId} could not roll back")]
    public static partial void WatchFailed(ILogger logger, string pipeline, string runId, Exception exception);
}
