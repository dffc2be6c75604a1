using System.Diagnostics;
using System.Globalization;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Orchestration;

/// <summary>One run: record the fire key, then validate, train, evaluate both, decide, register and promote, each as a timed stage.</summary>
public sealed partial class RetrainPipeline<TModel>
{
    private async ValueTask<RetrainRun> ExecuteRunAsync(
        RetrainLease lease, bool isManual, string reason, string? fireKey, TriggerResult? trigger, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var runId = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
        var champion = await ChampionAsync(cancellationToken).ConfigureAwait(false);
        var mark = await store.GetLabeledRowTotalAsync(Name, cancellationToken).ConfigureAwait(false);
        var run = new RunContext(lease, new RetrainRun
        {
            RunId = runId,
            PipelineName = Name,
            State = RetrainRunState.Running,
            IsManual = isManual,
            Reason = reason,
            FireKey = fireKey,
            Trigger = trigger,
            StartedAt = startedAt,
            ChampionVersion = champion?.Version.Version,
            LabeledRowMark = mark,
        });

        // The fire key is the cause's ledger entry: recorded before anything is trained, under the lease.
        if (fireKey is not null && !await store.TryRecordFireKeyAsync(lease, fireKey, runId, cancellationToken).ConfigureAwait(false))
        {
            return run.Run with { State = RetrainRunState.Cancelled, CompletedAt = time.GetUtcNow(), Error = $"fire key {fireKey} was recorded concurrently" };
        }

        await store.SaveRunAsync(lease, run.Run, cancellationToken).ConfigureAwait(false);
        using var activity = RetrainInstruments.Source.StartActivity("retrain.run");
        activity?.SetTag(RetrainInstruments.PipelineTag, Name);
        activity?.SetTag("retrain.run.id", runId);
        RetrainLog.RunStarted(logger, Name, runId, reason, fireKey);
        Interlocked.Exchange(ref running, 1);
        instruments.ActiveRuns.Add(1, PipelineTags());
        using var leaseLost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseLost.Token);
        var renewal = StartRenewal(lease, leaseLost);
        await using var renewalScope = renewal.ConfigureAwait(false);
        var token = linked.Token;
        string failedStage = "validate";
        try
        {
            var request = new TrainingRequest(Name, runId, reason, trainingWindow is { } w ? startedAt - w : null, startedAt);
            if (validators.Length > 0)
            {
                failedStage = "validate";
                var validation = await StageAsync(run, "validate", ct => ValidateAsync(request, ct), static v => v.IsValid ? "ok" : "rejected", token).ConfigureAwait(false);
                run.Run = run.Run with { Validation = validation };
                if (!validation.IsValid)
                {
                    return await FinishAsync(run, RetrainRunState.ValidationFailed, null, activity).ConfigureAwait(false);
                }
            }

            failedStage = "train";
            var trained = await StageAsync(run, "train", ct => TrainWithRetryAsync(run, request, ct), static _ => "ok", token).ConfigureAwait(false);
            run.Run = run.Run with { TrainingRowCount = trained.TrainingRowCount };

            failedStage = "evaluate";
            var (championEvaluation, challengerEvaluation, decision) = await StageAsync(
                run, "evaluate", ct => EvaluateModelsAsync(champion, trained, ct), static r => r.Decision.IsPromoted ? "promote" : "reject", token).ConfigureAwait(false);
            run.Run = run.Run with
            {
                ChampionEvaluation = championEvaluation is null ? null : HoldoutMetrics.From(championEvaluation),
                ChallengerEvaluation = HoldoutMetrics.From(challengerEvaluation),
                Decision = decision,
            };

            failedStage = "register";
            var registration = new ModelRegistration<TModel>(trained, request)
            {
                Holdout = run.Run.ChallengerEvaluation,
                Decision = decision,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["retrain.run.id"] = runId, ["retrain.decision"] = decision.Outcome.ToString() },
            };
            var version = await StageAsync(run, "register", ct => Registry.RegisterAsync(registration, ct).AsTask(), static _ => "ok", token).ConfigureAwait(false);
            run.Run = run.Run with { ChallengerVersion = version.Version };
            if (!decision.IsPromoted)
            {
                return await FinishAsync(run, RetrainRunState.Rejected, null, activity).ConfigureAwait(false);
            }

            // Moving the champion alias is the commit point: before it the old champion serves, after it the new one does.
            failedStage = "promote";
            token.ThrowIfCancellationRequested();
            await StageAsync(
                run,
                "promote",
                ct => Registry.SetAliasAsync(ModelAliases.Champion, version.Version, $"run {runId}: {decision.Summary}", ct).AsTask(),
                static _ => "ok",
                CancellationToken.None).ConfigureAwait(false);
            run.Run = run.Run with { PromotedAt = time.GetUtcNow() };
            instruments.Promotions.Add(1, PipelineTags());
            RetrainLog.Promoted(logger, Name, version.Version, runId);
            return await FinishAsync(run, RetrainRunState.Promoted, null, activity).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var lost = new RetrainLeaseLostException($"The lease of pipeline '{Name}' was lost during run {runId}.");
            RetrainLog.LeaseLost(logger, Name, runId, lost);
            return run.Run with { State = RetrainRunState.Failed, CompletedAt = time.GetUtcNow(), ErrorType = nameof(RetrainLeaseLostException), Error = lost.Message };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (fireKey is not null && run.Run.PromotedAt is null)
            {
                await store.ReleaseFireKeyAsync(lease, fireKey, runId, CancellationToken.None).ConfigureAwait(false);
            }

            return await FinishAsync(run, RetrainRunState.Cancelled, null, activity).ConfigureAwait(false);
        }
        catch (RetrainLeaseLostException ex)
        {
            RetrainLog.LeaseLost(logger, Name, runId, ex);
            return run.Run with { State = RetrainRunState.Failed, CompletedAt = time.GetUtcNow(), ErrorType = nameof(RetrainLeaseLostException), Error = ex.Message };
        }
#pragma warning disable CA1031 // A failing plug-in ends the run as Failed, with the error recorded; it must not escape the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RetrainLog.RunFailed(logger, Name, runId, failedStage, ex);
            return await FinishAsync(run, RetrainRunState.Failed, ex, activity).ConfigureAwait(false);
        }
        finally
        {
            instruments.ActiveRuns.Add(-1, PipelineTags());
            Interlocked.Exchange(ref running, 0);
        }
    }

    private async Task<T> StageAsync<T>(RunContext run, string stage, Func<CancellationToken, Task<T>> body, Func<T, string> outcome, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = RetrainInstruments.Source.StartActivity("retrain.run." + stage);
        activity?.SetTag(RetrainInstruments.PipelineTag, Name);
        var started = time.GetUtcNow();
        var stopwatch = time.GetTimestamp();
        string result = "ok";
        try
        {
            var value = await body(cancellationToken).ConfigureAwait(false);
            result = outcome(value);
            return value;
        }
        catch (OperationCanceledException)
        {
            result = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            result = ex is TimeoutException ? "timeout" : ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag(RetrainInstruments.ErrorTypeTag, ex.GetType().FullName);
            throw;
        }
        finally
        {
            activity?.SetTag("retrain.stage.outcome", result);
            run.Run = run.Run with { Stages = [.. run.Run.Stages, new RetrainStageTiming(stage, started, time.GetElapsedTime(stopwatch), result)] };
            if (result == "ok" || result == "promote" || result == "reject")
            {
                await store.SaveRunAsync(run.Lease, run.Run, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<RetrainRun> FinishAsync(RunContext run, RetrainRunState state, Exception? error, Activity? activity)
    {
        var completedAt = time.GetUtcNow();
        run.Run = run.Run with
        {
            State = state,
            CompletedAt = completedAt,
            ErrorType = error?.GetType().Name,
            Error = error?.Message,
        };
        await store.SaveRunAsync(run.Lease, run.Run, CancellationToken.None).ConfigureAwait(false);
        var seconds = (completedAt - run.Run.StartedAt).TotalSeconds;
        var tags = PipelineTags();
        tags.Add(RetrainInstruments.RunResultTag, ResultName(state));
        if (error is not null)
        {
            tags.Add(RetrainInstruments.ErrorTypeTag, error.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            activity?.SetTag(RetrainInstruments.ErrorTypeTag, error.GetType().FullName);
        }

        instruments.RunDuration.Record(Math.Max(0, seconds), tags);
        activity?.SetTag(RetrainInstruments.RunResultTag, ResultName(state));
        RetrainLog.RunCompleted(logger, Name, run.Run.RunId, state, seconds);
        await NotifyAsync(run.Run).ConfigureAwait(false);
        return run.Run;
    }

    private static string ResultName(RetrainRunState state) => state switch
    {
        RetrainRunState.ValidationFailed => "validation_failed",
        RetrainRunState.RolledBack => "rolled_back",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>The run being built, shared by the stages.</summary>
    private sealed class RunContext(RetrainLease lease, RetrainRun run)
    {
        public RetrainLease Lease { get; } = lease;

        public RetrainRun Run { get; set; } = run;
    }
}
