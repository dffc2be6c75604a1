using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The snippets of docs/orchestrator.md, compiled and run; the page quotes the regions verbatim.</summary>
public sealed class OrchestratorDocsSnippets
{
    [Fact]
    public async Task Pipeline_FirstRun_PromotesAndExplains()
    {
        var h = new PipelineHarness();
        var trainer = h.Trainer;
        var evaluator = h.Evaluator;
        var storeFolder = Path.Combine(Path.GetTempPath(), "rt-docs-" + Guid.NewGuid().ToString("N"));
        try
        {
            // <orchestrator-pipeline>
            var options = new RetrainPipelineOptions<FakeModel>
            {
                Name = "churn",
                Trigger = Trigger.Below("Accuracy", 0.85, "accuracy-low"),
                Trainer = trainer,                          // your IModelTrainer<TModel>
                Evaluator = evaluator,                      // scores champion and challenger on one holdout
                Policy = PromotionPolicy.CreateBuilder()
                    .Metric("Accuracy", MetricDirection.HigherIsBetter)
                    .ValueThreshold("Accuracy", lowerBound: 0.7)
                    .Superior("Accuracy")
                    .Build(),
                Registry = new InMemoryModelRegistry<FakeModel>(),
                Store = new FileRetrainStore(storeFolder),  // one folder per pipeline, safe across processes
                Cooldown = TimeSpan.FromHours(6),
                MaxTrainingAttempts = 3,
                TrainingTimeout = TimeSpan.FromHours(1),
            };
            using var pipeline = new RetrainPipeline<FakeModel>(options);

            await pipeline.Signals.RecordMetricAsync("Accuracy", 0.81);   // durable, timestamped
            RetrainEvaluation tick = await pipeline.RunOnceAsync();
            RetrainRun? run = tick.Run;                                    // null when nothing ran
            string why = run?.Explain() ?? tick.Explanation;
            // </orchestrator-pipeline>

            run!.State.Should().Be(RetrainRunState.Promoted);
            why.Should().Contain("accuracy-low");

            // <orchestrator-history>
            IReadOnlyList<RetrainRun> promoted = await pipeline.GetRunsAsync(new RetrainRunQuery
            {
                States = [RetrainRunState.Promoted, RetrainRunState.RolledBack],
                StartedFrom = DateTimeOffset.UtcNow.AddDays(-7),
                Limit = 10,
            });
            // </orchestrator-history>

            promoted.Should().ContainSingle();
        }
        finally
        {
            Directory.Delete(storeFolder, recursive: true);
        }
    }
}
