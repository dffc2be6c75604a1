using System.Globalization;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.MLNet;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Cli.Demo;

/// <summary>Turns the demo's timeline into readable lines: one line per day, and under it what fired, why, and each decision with its reasons.</summary>
internal static class DemoText
{
    private const string Indent = "             ";

    public static IReadOnlyList<string> Lines(DemoTimeline timeline)
    {
        var lines = new List<string>(Header(timeline)) { string.Empty, Inv($"{Date(DemoSimulation.Start)}  day  0  {DemoWorld.Calm.Name,-13}  {InitialHeadline}") };
        lines.AddRange(InitialDetails(timeline).Select(line => Indent + line));
        DemoRegime? regime = DemoWorld.Calm;
        foreach (var day in timeline.Days)
        {
            if (!ReferenceEquals(day.Regime, regime))
            {
                regime = day.Regime;
                lines.Add(Inv($"-- from day {day.Day}: {regime.Story}"));
            }

            lines.Add(Inv($"{Date(TrafficDate(day))}  day {day.Day,2}  {day.Regime.Name,-13}  {Headline(day)}"));
            lines.AddRange(Details(day).Select(line => Indent + line));
        }

        lines.Add(string.Empty);
        lines.Add(Summary(timeline));
        return lines;
    }

    public static string InitialHeadline => Inv($"{DemoWorld.HistoryRows} rows of history");

    public static IReadOnlyList<string> Header(DemoTimeline timeline) =>
    [
        Inv($"retrain-triggers demo, seed {timeline.Seed}: {DemoWorld.Days} simulated days of a churn model's traffic, {DemoWorld.RowsPerDay} labelled rows a day."),
        Inv($"Retrain when accuracy-low (live Accuracy < {DemoSimulation.AccuracyFloor}) or data-drift (dataset drift against the champion's training data);"),
        Inv($"cooldown {DemoSimulation.Cooldown.TotalDays} days; for {DemoSimulation.WatchOptions.Window.TotalDays} days after a promotion, roll back if live Accuracy is more than {DemoSimulation.WatchOptions.MaxDegradation} below the previous champion's."),
        Inv($"Promote a challenger only if its holdout Accuracy is at least {DemoSimulation.AccuracyFloor}, beats the champion's by more than 0.02, and McNemar's test finds the difference significant (α 0.05)."),
    ];

    public static IReadOnlyList<string> InitialDetails(DemoTimeline timeline)
    {
        var lines = new List<string>();
        Run(lines, timeline.Initial.Run);
        return lines;
    }

    /// <summary>Gets the day the traffic was served on (the tick is at the end of it).</summary>
    public static DateTimeOffset TrafficDate(DemoDay day) => day.At.AddDays(-1);

    public static string Headline(DemoDay day) => Inv($"v{day.ServingVersion} live accuracy {Number(day.Accuracy)}  {DriftLine(day.Drift?.Report)}");

    /// <summary>Gets what happened at the end of the day: a rollback, what fired and why, each decision with its reasons.</summary>
    public static IReadOnlyList<string> Details(DemoDay day)
    {
        var lines = new List<string>();
        if (day.RolledBack is { } rolledBack)
        {
            lines.Add(Inv($"ROLLED BACK v{rolledBack.ChallengerVersion} → v{rolledBack.ChampionVersion}: {rolledBack.RollbackReason}"));
        }

        Tick(lines, day.Tick);
        return lines;
    }

    public static string Summary(DemoTimeline timeline)
    {
        var runs = timeline.Runs;
        int Count(RetrainRunState state) => runs.Count(r => r.State == state);
        var promoted = Count(RetrainRunState.Promoted) + Count(RetrainRunState.RolledBack);
        return Inv($"{runs.Count} trainings: {promoted} promoted ({Count(RetrainRunState.RolledBack)} of them rolled back), {Count(RetrainRunState.Rejected)} rejected, {Count(RetrainRunState.Failed)} failed. Champion at the end: v{timeline.FinalChampion}.");
    }

    private static void Tick(List<string> lines, RetrainEvaluation tick)
    {
        if (tick.Verdict == RetrainVerdict.NotFired)
        {
            return;
        }

        foreach (var fired in FiredLeaves(tick.Trigger))
        {
            lines.Add(Inv($"fired {fired.Name}: {fired.Reason}"));
        }

        switch (tick.Verdict)
        {
            case RetrainVerdict.Run:
                Run(lines, tick.Run);
                break;
            case RetrainVerdict.SuppressedCooldown:
                lines.Add(Inv($"not retrained: the pipeline cools down until {Date(tick.CooldownUntil!.Value)} {tick.CooldownUntil:HH:mm}"));
                break;
            case RetrainVerdict.DuplicateCause:
                lines.Add(Inv($"not retrained: same cause as an earlier run (fire key already recorded)"));
                break;
            default:
                lines.Add(Inv($"not retrained: {tick.Verdict}"));
                break;
        }
    }

    private static void Run(List<string> lines, RetrainRun? run)
    {
        if (run is null)
        {
            return;
        }

        var champion = run.ChampionEvaluation?.Metrics.GetValueOrDefault(MlNetMetricNames.Accuracy);
        var challenger = run.ChallengerEvaluation?.Metrics.GetValueOrDefault(MlNetMetricNames.Accuracy);
        var trained = Inv($"trained v{run.ChallengerVersion} on {run.TrainingRowCount} rows; holdout accuracy {Number(challenger)}")
            + (run.ChampionVersion is { } v ? Inv($" vs champion v{v} {Number(champion)}") : " (no champion yet)");
        lines.Add(trained);
        var outcome = run.State switch
        {
            RetrainRunState.Promoted or RetrainRunState.RolledBack => Inv($"PROMOTED v{run.ChallengerVersion}"),
            RetrainRunState.Rejected => Inv($"REJECTED v{run.ChallengerVersion}, champion stays v{run.ChampionVersion}"),
            _ => Inv($"{run.State}: {run.ErrorType} {run.Error}"),
        };
        lines.Add(outcome);
        if (run.Decision is { } decision)
        {
            foreach (var rule in decision.Rules.Where(r => r.Status != RuleStatus.Skipped))
            {
                lines.Add(Inv($"  {(rule.Status == RuleStatus.Passed ? "pass" : "FAIL")} {rule.Reason}"));
            }
        }
    }

    private static IEnumerable<TriggerResult> FiredLeaves(TriggerResult? node)
    {
        if (node is null || !node.Fired)
        {
            yield break;
        }

        if (node.Children.Count == 0)
        {
            yield return node;
            yield break;
        }

        foreach (var leaf in node.Children.SelectMany(FiredLeaves))
        {
            yield return leaf;
        }
    }

    private static string DriftLine(DriftReport? report)
    {
        if (report is null)
        {
            return "drift: no reference";
        }

        var drifted = report.Features.Where(f => f.Decision == DriftDecision.Drift).Select(f => f.Feature).ToArray();
        return drifted.Length == 0
            ? "no drift"
            : Inv($"drift in {string.Join(", ", drifted)}{(report.DatasetDecision == DriftDecision.Drift ? " (dataset drift)" : string.Empty)}");
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    public static string Date(DateTimeOffset at) => at.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
