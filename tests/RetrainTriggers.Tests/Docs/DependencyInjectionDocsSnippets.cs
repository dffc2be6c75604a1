using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The snippets of docs/dependency-injection.md, run; <see cref="DocSnippetsTests"/> checks the page quotes them verbatim.</summary>
public sealed class DependencyInjectionDocsSnippets : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rt-di-docs-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Configured_PipelineFromThePagesAppSettings_StartsAndRetrains()
    {
        var configuration = PageConfiguration();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton<TimeProvider>(time);
        var catalog = new MetricCatalog(new Dictionary<string, MetricDirection> { ["Accuracy"] = MetricDirection.HigherIsBetter });

        // <di-add-pipeline>
        services.AddRetrainTriggers()
            .AddPipeline<ChurnModel>("churn", pipeline => pipeline
                .UseTrainer<ChurnTrainer>()                        // keyed singleton "churn"
                .UseEvaluator<ChurnEvaluator>()
                .UseRegistry(_ => new InMemoryModelRegistry<ChurnModel>())
                .UseMetricCatalog(catalog))                        // names and directions the evaluator reports
            .AddHostedMonitoring();                                // runs every pipeline on its Interval
        // </di-add-pipeline>

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        // <di-use-pipeline>
        var churn = provider.GetRequiredKeyedService<RetrainPipeline<ChurnModel>>("churn");
        await churn.Signals.RecordMetricAsync("Accuracy", 0.81);   // durable: kept in the pipeline's store
        RetrainEvaluation dryRun = await churn.EvaluateAsync();     // triggers only, no side effects
        RetrainEvaluation tick = await churn.RunOnceAsync();        // what the hosted loop does each interval
        // </di-use-pipeline>

        dryRun.Verdict.Should().Be(RetrainVerdict.Run, dryRun.Explanation);
        tick.Run!.State.Should().Be(RetrainRunState.Promoted, tick.Run.Explain());
    }

    [Fact]
    public async Task Configured_PageErrorExample_ListsTheDocumentedMessages()
    {
        var page = File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "docs", "dependency-injection.md")).ReplaceLineEndings("\n");
        var json = Regex.Matches(page, "```json\n(?<json>.*?)```", RegexOptions.Singleline)[1].Groups["json"].Value;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRetrainTriggers().AddPipeline<ChurnModel>("churn", p => p
            .UseTrainer<ChurnTrainer>().UseEvaluator<ChurnEvaluator>().UseRegistry(_ => new InMemoryModelRegistry<ChurnModel>())
            .UseMetricCatalog(new MetricCatalog(new Dictionary<string, MetricDirection> { ["Accuracy"] = MetricDirection.HigherIsBetter })));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failures = validate.Should().Throw<OptionsValidationException>().Which.Failures;
        var shown = DocSnippets.Blocks.Where(b => b.Page == "docs/dependency-injection.md" && b.Language == "text").Select(b => b.Content).First();
        shown.Should().Be(string.Join('\n', failures) + "\n", "the page shows exactly what the start reports");
    }

    [Fact]
    public async Task CodeOnly_PipelineWithoutConfiguration_Runs()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var storePath = Path.Combine(directory, "churn-store");

        // <di-code-only>
        services.AddRetrainTriggers()
            .AddPipeline<ChurnModel>("churn", pipeline => pipeline
                .WithTriggers(Trigger.Below("Accuracy", 0.85) | Trigger.Volume(minGrowth: 0.20))
                .UseTrainer<ChurnTrainer>()
                .UseEvaluator<ChurnEvaluator>()
                .UseRegistry(_ => new InMemoryModelRegistry<ChurnModel>())
                .UseStore(sp => new FileRetrainStore(storePath, sp.GetService<TimeProvider>()))
                .UsePromotionPolicy(policy => policy
                    .Metric("Accuracy", MetricDirection.HigherIsBetter)
                    .Superior("Accuracy", 0.01))
                .EvaluateEvery(TimeSpan.FromMinutes(15))
                .Configure(options =>
                {
                    options.Cooldown = TimeSpan.FromHours(6);
                    options.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(2), MaxDegradation = 0.03 };
                }));
        // </di-code-only>

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var churn = provider.GetRequiredKeyedService<RetrainPipeline<ChurnModel>>("churn");
        await churn.Signals.RecordMetricAsync("Accuracy", 0.8);

        (await churn.RunOnceAsync()).Run!.State.Should().Be(RetrainRunState.Promoted);
        Directory.Exists(storePath).Should().BeTrue();
    }

    private static IConfiguration PageConfiguration()
    {
        var page = File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "docs", "dependency-injection.md")).ReplaceLineEndings("\n");
        var json = Regex.Match(page, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        configuration["RetrainTriggers:Pipelines:churn:StorePath"] = Path.Combine(Path.GetTempPath(), "rt-di-docs-" + Guid.NewGuid().ToString("N"));
        return configuration;
    }

    /// <summary>The page's model: the accuracy the evaluator reports for it.</summary>
    public sealed record ChurnModel(double Accuracy);

    /// <summary>Trains a model better than any before it.</summary>
    public sealed class ChurnTrainer : IModelTrainer<ChurnModel>
    {
        public ValueTask<TrainedModel<ChurnModel>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new TrainedModel<ChurnModel>(new ChurnModel(0.9), 10_000, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
    }

    /// <summary>Reports the accuracy a model carries.</summary>
    public sealed class ChurnEvaluator : IModelEvaluator<ChurnModel>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(ChurnModel model, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = model.Accuracy }));
    }
}
