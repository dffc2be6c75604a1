using System.Globalization;
using System.Text;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>One run of the retrain loop as the history keeps it: why it started, what each stage found and decided, and how it ended.</summary>
/// <remarks>Runs are immutable snapshots; the pipeline saves a new snapshot at each stage, so a crash leaves the last completed stage on record.</remarks>
public sealed record RetrainRun
{
    /// <summary>Gets the run id (unique; also the training request's run id).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline that ran.</summary>
    public required string PipelineName { get; init; }

    /// <summary>Gets where the run is, or how it ended.</summary>
    public required RetrainRunState State { get; init; }

    /// <summary>Gets a value indicating whether the run was started by hand (<c>RetrainNowAsync</c>) rather than by the triggers.</summary>
    public required bool IsManual { get; init; }

    /// <summary>Gets why the run started: the manual reason, or the fired trigger's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the fire key (pipeline, trigger path and cause identity) recorded before training, or <see langword="null"/> for a manual run.</summary>
    public string? FireKey { get; init; }

    /// <summary>Gets the trigger explanation tree that fired the run, or <see langword="null"/> for a manual run.</summary>
    public TriggerResult? Trigger { get; init; }

    /// <summary>Gets when the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the run reached its final state, or <see langword="null"/> while running.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the champion version when the run started, or <see langword="null"/> when there was none.</summary>
    public int? ChampionVersion { get; init; }

    /// <summary>Gets the data validation result, or <see langword="null"/> when no validator is configured or validation did not run.</summary>
    public DataValidationResult? Validation { get; init; }

    /// <summary>Gets how many times training was attempted (retries included).</summary>
    public int TrainingAttempts { get; init; }

    /// <summary>Gets how many rows the challenger was trained on, or <see langword="null"/> before training completed.</summary>
    public long? TrainingRowCount { get; init; }

    /// <summary>Gets the pipeline's count of labeled rows recorded up to the start of training, the mark the new-row count restarts from after a promotion.</summary>
    public long? LabeledRowMark { get; init; }

    /// <summary>Gets the champion's metrics on the holdout, or <see langword="null"/> without a champion or before evaluation.</summary>
    public HoldoutMetrics? ChampionEvaluation { get; init; }

    /// <summary>Gets the challenger's metrics on the same holdout, or <see langword="null"/> before evaluation.</summary>
    public HoldoutMetrics? ChallengerEvaluation { get; init; }

    /// <summary>Gets the full promotion decision, or <see langword="null"/> before the decision.</summary>
    public PromotionDecision? Decision { get; init; }

    /// <summary>Gets the version the challenger was registered as, or <see langword="null"/> before registration.</summary>
    public int? ChallengerVersion { get; init; }

    /// <summary>Gets when the challenger became champion, or <see langword="null"/> when it did not.</summary>
    public DateTimeOffset? PromotedAt { get; init; }

    /// <summary>Gets why the promoted challenger was rolled back, or <see langword="null"/> when it was not.</summary>
    public string? RollbackReason { get; init; }

    /// <summary>Gets the type of the error that ended the run (<c>TimeoutException</c>, …), or <see langword="null"/>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the message of the error that ended the run, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets each stage's start, duration and outcome, in order.</summary>
    public IReadOnlyList<RetrainStageTiming> Stages { get; init; } = [];

    /// <summary>Explains the run in a few lines: outcome, why it started (the trigger tree), validation, the decision and any error or rollback.</summary>
    /// <returns>The explanation.</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run {RunId} of pipeline {PipelineName}: {State}, started {StartedAt:O}");
        if (CompletedAt is { } completed)
        {
            text.Append(CultureInfo.InvariantCulture, $", completed {completed:O}");
        }

        text.Append('\n').Append(IsManual ? "Started by hand: " : "Started by the triggers: ").Append(Reason).Append('\n');
        if (Trigger is not null)
        {
            foreach (var line in Trigger.Explain().Split('\n'))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        if (Validation is not null)
        {
            text.Append("Validation: ").Append(Validation).Append('\n');
        }

        if (Decision is not null)
        {
            text.Append("Decision: ").Append(Decision.Summary).Append('\n');
        }

        if (ChallengerVersion is { } version)
        {
            text.Append(CultureInfo.InvariantCulture, $"Challenger: version {version}");
            text.Append(ChampionVersion is { } champion ? string.Create(CultureInfo.InvariantCulture, $", champion was version {champion}") : ", no champion before").Append('\n');
        }

        if (RollbackReason is not null)
        {
            text.Append("Rolled back: ").Append(RollbackReason).Append('\n');
        }

        if (Error is not null)
        {
            text.Append("Error: ").Append(ErrorType).Append(": ").Append(Error).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
