using System.Text.Json;
using System.Text.Json.Serialization;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>The JSON documents of the file store; every document carries a format version.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LeaseDocument))]
[JsonSerializable(typeof(FireKeysDocument))]
[JsonSerializable(typeof(SignalsDocument))]
[JsonSerializable(typeof(TriggerStateDocument))]
[JsonSerializable(typeof(RunDocument))]
internal sealed partial class RetrainStoreJsonContext : JsonSerializerContext;

/// <summary>The pipeline's lease and the last fencing token issued.</summary>
internal sealed class LeaseDocument
{
    public int Version { get; set; } = 1;

    public long LastToken { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>The fire-key ledger.</summary>
internal sealed class FireKeysDocument
{
    public int Version { get; set; } = 1;

    public Dictionary<string, FireKeyEntry> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One fire-key ledger entry.</summary>
internal sealed class FireKeyEntry
{
    public string RunId { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The recorded signals.</summary>
internal sealed class SignalsDocument
{
    public int Version { get; set; } = 1;

    public Dictionary<string, MetricEntry> Metrics { get; set; } = new(StringComparer.Ordinal);

    public long LabeledRows { get; set; }

    public DriftSignal? DatasetDrift { get; set; }

    public Dictionary<string, DriftSignal> FeatureDrift { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One recorded metric value.</summary>
internal sealed class MetricEntry
{
    public double Value { get; set; }

    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>The trigger state entries.</summary>
internal sealed class TriggerStateDocument
{
    public int Version { get; set; } = 1;

    public Dictionary<string, string> Entries { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One run; the trigger tree and the decision are kept in their own JSON forms.</summary>
internal sealed class RunDocument
{
    public int Version { get; set; } = 1;

    public string RunId { get; set; } = string.Empty;

    public string PipelineName { get; set; } = string.Empty;

    public RetrainRunState State { get; set; }

    public bool IsManual { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string? FireKey { get; set; }

    public JsonElement? Trigger { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int? ChampionVersion { get; set; }

    public List<DataCheckResult>? Validation { get; set; }

    public int TrainingAttempts { get; set; }

    public long? TrainingRowCount { get; set; }

    public long? LabeledRowMark { get; set; }

    public HoldoutMetrics? ChampionEvaluation { get; set; }

    public HoldoutMetrics? ChallengerEvaluation { get; set; }

    public JsonElement? Decision { get; set; }

    public int? ChallengerVersion { get; set; }

    public DateTimeOffset? PromotedAt { get; set; }

    public string? RollbackReason { get; set; }

    public string? ErrorType { get; set; }

    public string? Error { get; set; }

    public List<RetrainStageTiming> Stages { get; set; } = [];

    public static RunDocument From(RetrainRun run) => new()
    {
        RunId = run.RunId,
        PipelineName = run.PipelineName,
        State = run.State,
        IsManual = run.IsManual,
        Reason = run.Reason,
        FireKey = run.FireKey,
        Trigger = run.Trigger is null ? null : JsonDocument.Parse(run.Trigger.ToJson()).RootElement.Clone(),
        StartedAt = run.StartedAt,
        CompletedAt = run.CompletedAt,
        ChampionVersion = run.ChampionVersion,
        Validation = run.Validation is null ? null : [.. run.Validation.Checks],
        TrainingAttempts = run.TrainingAttempts,
        TrainingRowCount = run.TrainingRowCount,
        LabeledRowMark = run.LabeledRowMark,
        ChampionEvaluation = run.ChampionEvaluation,
        ChallengerEvaluation = run.ChallengerEvaluation,
        Decision = run.Decision is null ? null : JsonDocument.Parse(run.Decision.ToJson()).RootElement.Clone(),
        ChallengerVersion = run.ChallengerVersion,
        PromotedAt = run.PromotedAt,
        RollbackReason = run.RollbackReason,
        ErrorType = run.ErrorType,
        Error = run.Error,
        Stages = [.. run.Stages],
    };

    public RetrainRun ToRun() => new()
    {
        RunId = RunId,
        PipelineName = PipelineName,
        State = State,
        IsManual = IsManual,
        Reason = Reason,
        FireKey = FireKey,
        Trigger = Trigger is { } trigger ? TriggerResult.FromJson(trigger.GetRawText()) : null,
        StartedAt = StartedAt,
        CompletedAt = CompletedAt,
        ChampionVersion = ChampionVersion,
        Validation = Validation is null ? null : new DataValidationResult(Validation.AsReadOnly()),
        TrainingAttempts = TrainingAttempts,
        TrainingRowCount = TrainingRowCount,
        LabeledRowMark = LabeledRowMark,
        ChampionEvaluation = ChampionEvaluation,
        ChallengerEvaluation = ChallengerEvaluation,
        Decision = Decision is { } decision ? PromotionDecision.FromJson(decision.GetRawText()) : null,
        ChallengerVersion = ChallengerVersion,
        PromotedAt = PromotedAt,
        RollbackReason = RollbackReason,
        ErrorType = ErrorType,
        Error = Error,
        Stages = Stages.AsReadOnly(),
    };
}
