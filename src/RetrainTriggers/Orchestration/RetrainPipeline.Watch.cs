using System.Diagnostics;
using System.Globalization;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Orchestration;

/// <summary>Recovery of runs cut off by a crash, and the post-promotion watch that rolls back a degraded champion.</summary>
public sealed partial class RetrainPipeline<TModel>
{
    private const int RecoveryBatch = 1000;

    private async ValueTask<IReadOnlyList<RetrainRun>> RecoverCoreAsync(RetrainLease lease, CancellationToken cancellationToken)
    {
        // Holding the lease means no other instance runs this pipeline, and this instance runs nothing else now:
        // every run still marked Running was cut off.
        var stale = await store.QueryRunsAsync(Name, new RetrainRunQuery { States = [RetrainRunState.Running], Limit = RecoveryBatch }, cancellationToken)
            .ConfigureAwait(false);
        if (stale.Count == 0)
        {
            return [];
        }

        var history = await Registry.GetAliasHistoryAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        var closed = new List<RetrainRun>(stale.Count);
        foreach (var run in stale)
        {
            var now = time.GetUtcNow();
            var promotion = run.ChallengerVersion is { } version
                ? history.LastOrDefault(c => c.Version == version && !c.IsRollback && c.ChangedAt >= run.StartedAt)
                : null;
            var final = promotion is not null
                ? run with
                {
                    State = RetrainRunState.Promoted,
                    PromotedAt = promotion.ChangedAt,
                    CompletedAt = now,
                    Error = "the run was cut off after its promotion; the promotion stands",
                }
                : run with
                {
                    State = RetrainRunState.Interrupted,
                    CompletedAt = now,
                    ErrorType = "Interrupted",
                    Error = "the process running it stopped before it finished; the run is not repeated",
                };
            await store.SaveRunAsync(lease, final, cancellationToken).ConfigureAwait(false);
            if (final.State == RetrainRunState.Interrupted)
            {
                RetrainLog.RunInterrupted(logger, Name, run.RunId, run.StartedAt);
                await NotifyAsync(final).ConfigureAwait(false);
            }

            closed.Add(final);
        }

        return closed.AsReadOnly();
    }

    private async ValueTask<RetrainRun?> CheckWatchCoreAsync(RetrainLease lease, CancellationToken cancellationToken)
    {
        if (watch is null)
        {
            return null;
        }

        var promoted = await store.QueryRunsAsync(Name, new RetrainRunQuery { States = [RetrainRunState.Promoted], Limit = 1 }, cancellationToken)
            .ConfigureAwait(false);
        if (promoted.Count == 0 || promoted[0] is not { PromotedAt: { } promotedAt, ChallengerVersion: { } version, ChampionVersion: { } previous } run)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (run.ChampionEvaluation is not { } baseline || now - promotedAt > watch.Window)
        {
            return null;
        }

        var champion = await Registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (champion?.Version != version)
        {
            return null;
        }

        var degraded = new List<string>();
        var names = watchMetrics.Length > 0 ? watchMetrics : [.. baseline.Metrics.Keys.Where(policy.Directions.ContainsKey).Order(StringComparer.Ordinal)];
        foreach (var metric in names)
        {
            if (!baseline.Metrics.TryGetValue(metric, out var before) || !double.IsFinite(before))
            {
                continue;
            }

            var sample = await Signals.GetMetricAsync(metric, cancellationToken).ConfigureAwait(false);
            if (sample is not { } live || live.Timestamp <= promotedAt || !double.IsFinite(live.Value))
            {
                continue;
            }

            var worse = policy.Directions[metric] == MetricDirection.HigherIsBetter ? before - live.Value : live.Value - before;
            if (worse > watch.MaxDegradation)
            {
                degraded.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{metric} {live.Value:0.####} at {live.Timestamp:O} is {worse:0.####} worse than the previous champion's {before:0.####} (margin {watch.MaxDegradation})"));
            }
        }

        if (degraded.Count == 0)
        {
            return null;
        }

        var reason = string.Join("; ", degraded);
        using var activity = RetrainInstruments.Source.StartActivity("retrain.run.rollback");
        activity?.SetTag(RetrainInstruments.PipelineTag, Name);
        activity?.SetTag("retrain.run.id", run.RunId);
        var started = time.GetUtcNow();
        var stopwatch = time.GetTimestamp();
        try
        {
            await Registry.RollbackAsync(ModelAliases.Champion, previous, $"run {run.RunId} watch: {reason}", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag(RetrainInstruments.ErrorTypeTag, ex.GetType().FullName);
            RetrainLog.WatchFailed(logger, Name, run.RunId, ex);
            throw;
        }

        var rolledBack = run with
        {
            State = RetrainRunState.RolledBack,
            RollbackReason = reason,
            Stages = [.. run.Stages, new RetrainStageTiming("rollback", started, time.GetElapsedTime(stopwatch), "ok")],
        };
        await store.SaveRunAsync(lease, rolledBack, cancellationToken).ConfigureAwait(false);
        instruments.Rollbacks.Add(1, PipelineTags());
        RetrainLog.RolledBack(logger, Name, version, previous, reason);
        await NotifyAsync(rolledBack).ConfigureAwait(false);
        return rolledBack;
    }
}
