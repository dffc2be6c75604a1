using System.Globalization;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests.TestSupport;

/// <summary>
/// A child process that runs pipeline "churn" on a shared <see cref="FileRetrainStore"/>: on each "run" line it calls
/// <c>RunOnceAsync</c> a few times back to back and answers "done &lt;trainings so far&gt;"; "quit" ends it.
/// </summary>
internal static class PipelineRunnerChild
{
    public const string Pipeline = "churn";

    public static async Task<int> RunAsync(string storeRoot, string actor)
    {
        var trainings = 0;
        var trainer = new DelegateTrainer(async (request, ct) =>
        {
            Interlocked.Increment(ref trainings);
            await Task.Delay(100, ct); // long enough for the other process to try the same cause meanwhile
            return new TrainedModel<string>(actor + ":" + request.RunId, 100);
        });
        using var pipeline = new RetrainPipeline<string>(new RetrainPipelineOptions<string>
        {
            Name = Pipeline,
            Trigger = Trigger.Below("Accuracy", 0.8, "accuracy-low"),
            Trainer = trainer,
            Evaluator = new ConstantEvaluator(),
            Policy = PromotionPolicy.CreateBuilder().Metric("Accuracy", MetricDirection.HigherIsBetter).ValueThreshold("Accuracy", lowerBound: 0.5).Build(),
            Registry = new InMemoryModelRegistry<string>(),
            Store = new FileRetrainStore(storeRoot),
            Cooldown = TimeSpan.Zero,
            MaxTrainingAttempts = 1,
        });
        Console.WriteLine("ready");
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            for (var i = 0; i < 5; i++)
            {
                await pipeline.RunOnceAsync();
            }

            Console.WriteLine("done " + Volatile.Read(ref trainings).ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }

        return 0;
    }

    private sealed class DelegateTrainer(Func<TrainingRequest, CancellationToken, Task<TrainedModel<string>>> train) : IModelTrainer<string>
    {
        public ValueTask<TrainedModel<string>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default) =>
            new(train(request, cancellationToken));
    }

    private sealed class ConstantEvaluator : IModelEvaluator<string>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(string model, CancellationToken cancellationToken = default) =>
            new(new ModelEvaluation(100, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
    }
}
