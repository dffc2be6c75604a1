namespace RetrainTriggers.Orchestration;

/// <summary>The explained answer of one pipeline tick: what the triggers said, what the guards made of it, and the run it started, if any.</summary>
public sealed record RetrainEvaluation
{
    /// <summary>Gets the pipeline.</summary>
    public required string PipelineName { get; init; }

    /// <summary>Gets when the evaluation was made.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Gets the trigger tree's result, or <see langword="null"/> for a manual request or a pipeline without triggers.</summary>
    public TriggerResult? Trigger { get; init; }

    /// <summary>Gets what the guards decided.</summary>
    public required RetrainVerdict Verdict { get; init; }

    /// <summary>Gets the fire key of the cause, or <see langword="null"/> when the triggers did not fire or the request was manual.</summary>
    public string? FireKey { get; init; }

    /// <summary>Gets when the cooldown ends, when the pipeline is cooling down.</summary>
    public DateTimeOffset? CooldownUntil { get; init; }

    /// <summary>Gets the run that was started and ran to its end, or <see langword="null"/> (always <see langword="null"/> for a dry run).</summary>
    public RetrainRun? Run { get; init; }

    /// <summary>Gets the readable account: the guards' verdict, then the trigger tree one node per line.</summary>
    public required string Explanation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Explanation;
}
