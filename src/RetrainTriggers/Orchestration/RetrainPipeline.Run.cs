using System.Diagnostics;
using System.Globalization;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Orchestration;

/// <summary>One run: record the fire key, validate, train with retry and timeout, evaluate both, decide, register, promote.</summary>
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

    private async Task<DataValidationResult> ValidateAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        var summary = await inspector!.InspectAsync(request, cancellationToken).ConfigureAwait(false);
        var context = new DataValidationContext(request, summary);
        var checks = new List<DataCheckResult>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
            checks.AddRange(result.Checks);
        }

        return new DataValidationResult(checks.AsReadOnly());
    }

    private async Task<TrainedModel<TModel>> TrainWithRetryAsync(RunContext run, TrainingRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            run.Run = run.Run with { TrainingAttempts = attempt };
            try
            {
                return await TrainOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < maxTrainingAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = BackoffDelay(attempt);
                RetrainLog.TrainingAttemptFailed(logger, Name, run.Run.RunId, attempt, maxTrainingAttempts, delay, ex);
                await store.SaveRunAsync(run.Lease, run.Run, cancellationToken).ConfigureAwait(false);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TrainedModel<TModel>> TrainOnceAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(trainingTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var training = trainer.TrainAsync(request, linked.Token).AsTask();
        try
        {
            // WaitAsync also bounds a trainer that ignores its token; the abandoned task is observed below.
            var trained = await training.WaitAsync(trainingTimeout, time, cancellationToken).ConfigureAwait(false);
            return trained ?? throw new InvalidOperationException($"The trainer of pipeline '{Name}' returned no model.");
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            _ = training.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"Training of pipeline '{Name}' run {request.RunId} did not finish within TrainingTimeout {trainingTimeout}."), ex);
        }
    }

    /// <summary>Exponential back-off with ±50 % jitter, capped at <see cref="RetrainPipelineOptions{TModel}.MaxRetryDelay"/>.</summary>
    internal TimeSpan BackoffDelay(int failedAttempt)
    {
        var exponential = retryDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
        var jittered = exponential * (0.5 + Jitter());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, maxRetryDelay.TotalMilliseconds));
    }

    private async Task<(ModelEvaluation? Champion, ModelEvaluation Challenger, PromotionDecision Decision)> EvaluateModelsAsync(
        ChampionInfo? champion, TrainedModel<TModel> trained, CancellationToken cancellationToken)
    {
        var challenger = await evaluator.EvaluateAsync(trained.Model, cancellationToken).ConfigureAwait(false);
        ModelEvaluation? championEvaluation = null;
        if (champion is not null)
        {
            var model = await Registry.LoadAsync(champion.Version.Version, cancellationToken).ConfigureAwait(false);
            championEvaluation = await evaluator.EvaluateAsync(model, cancellationToken).ConfigureAwait(false);
        }

        return (championEvaluation, challenger, policy.Decide(championEvaluation, challenger));
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

    private async ValueTask NotifyAsync(RetrainRun run)
    {
        RetrainNotificationKind? kind = run.State switch
        {
            RetrainRunState.Promoted => RetrainNotificationKind.Promoted,
            RetrainRunState.Rejected => RetrainNotificationKind.Rejected,
            RetrainRunState.ValidationFailed => RetrainNotificationKind.ValidationFailed,
            RetrainRunState.Failed => RetrainNotificationKind.Failed,
            RetrainRunState.Cancelled => RetrainNotificationKind.Cancelled,
            RetrainRunState.RolledBack => RetrainNotificationKind.RolledBack,
            RetrainRunState.Interrupted => RetrainNotificationKind.Interrupted,
            _ => null,
        };
        if (kind is not { } k)
        {
            return;
        }

        var message = run.State switch
        {
            RetrainRunState.Promoted => $"Version {run.ChallengerVersion} is the new champion. {run.Decision?.Summary}",
            RetrainRunState.Rejected => $"The challenger (version {run.ChallengerVersion}) was rejected; the champion stays. {run.Decision?.Summary}",
            RetrainRunState.ValidationFailed => $"The training data failed validation: {run.Validation}",
            RetrainRunState.RolledBack => $"Version {run.ChallengerVersion} was rolled back to version {run.ChampionVersion}: {run.RollbackReason}",
            RetrainRunState.Interrupted => $"The run started {run.StartedAt:O} was cut off before it finished; it is not repeated.",
            _ => $"{run.State}: {run.ErrorType}: {run.Error}",
        };
        var notification = new RetrainNotification(k, Name, message, run);
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notification, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A notifier's failure is logged; it must not change the run's outcome or stop other notifiers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RetrainLog.NotifierFailed(logger, Name, notifier.GetType().Name, k, run.RunId, ex);
            }
        }
    }

    private LeaseRenewal StartRenewal(RetrainLease lease, CancellationTokenSource leaseLost) => new(this, lease, leaseLost);

    /// <summary>The run being built, shared by the stages.</summary>
    private sealed class RunContext(RetrainLease lease, RetrainRun run)
    {
        public RetrainLease Lease { get; } = lease;

        public RetrainRun Run { get; set; } = run;
    }

    /// <summary>Renews the lease at a third of its duration while a run is in progress; cancels the run when the lease is lost.</summary>
    private sealed class LeaseRenewal : IAsyncDisposable
    {
        private readonly RetrainPipeline<TModel> pipeline;
        private readonly CancellationTokenSource leaseLost;
        private readonly ITimer timer;
        private readonly object gate = new();
        private RetrainLease lease;
        private Task pending = Task.CompletedTask;
        private bool disposed;

        public LeaseRenewal(RetrainPipeline<TModel> pipeline, RetrainLease lease, CancellationTokenSource leaseLost)
        {
            this.pipeline = pipeline;
            this.lease = lease;
            this.leaseLost = leaseLost;
            var period = pipeline.leaseDuration / 3;
            timer = pipeline.time.CreateTimer(_ => Renew(), null, period, period);
        }

        public async ValueTask DisposeAsync()
        {
            Task last;
            lock (gate)
            {
                disposed = true;
                last = pending;
            }

            await timer.DisposeAsync().ConfigureAwait(false);
            await last.ConfigureAwait(false);
        }

        private void Renew()
        {
            lock (gate)
            {
                if (disposed || !pending.IsCompleted)
                {
                    return;
                }

                pending = RenewAsync();
            }
        }

        private async Task RenewAsync()
        {
            try
            {
                var renewed = await pipeline.store.RenewLeaseAsync(lease, pipeline.leaseDuration, CancellationToken.None).ConfigureAwait(false);
                if (renewed is null)
                {
                    await leaseLost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                lease = renewed;
            }
#pragma warning disable CA1031 // A failed renewal is retried at the next period; the lease lapses only if renewals keep failing.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
