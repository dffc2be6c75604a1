using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Cli.Demo;

/// <summary>One simulated day: the traffic's regime, the champion's live accuracy, the drift check, the watch and the pipeline tick.</summary>
internal sealed record DemoDay
{
    public required int Day { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DemoRegime Regime { get; init; }

    public required int Rows { get; init; }

    /// <summary>Gets the version that served the day's traffic (before any rollback or promotion at the day's end).</summary>
    public int? ServingVersion { get; init; }

    public double? Accuracy { get; init; }

    /// <summary>Gets the drift check of the day's traffic against the champion's reference profile, as the pipeline saw it.</summary>
    public DriftRun? Drift { get; init; }

    /// <summary>Gets the run the post-promotion watch rolled back today, if any.</summary>
    public RetrainRun? RolledBack { get; init; }

    public required RetrainEvaluation Tick { get; init; }

    public int? ChampionAfter { get; init; }
}
