using System.Globalization;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>The work of the run's stages: validate the training data, train with retry, back-off and timeout, evaluate champion and challenger.</summary>
public sealed partial class RetrainPipeline<TModel>
{
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
}
