using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.DependencyInjection;

public sealed class RetrainTriggersBuilderExtensionsTests : IDisposable
{
    private static readonly MetricCatalog Catalog = new(new Dictionary<string, MetricDirection>
    {
        ["Accuracy"] = MetricDirection.HigherIsBetter,
        ["LogLoss"] = MetricDirection.LowerIsBetter,
    });

    private readonly string directory = Path.Combine(Path.GetTempPath(), "rt-di-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(PipelineHarness.Start);

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddPipeline_FromConfiguration_BindsTriggersPolicyGuardsAndStore()
    {
        var services = Services($$"""
            { "RetrainTriggers": { "Pipelines": { "churn": {
                "Interval": "00:10:00",
                "StorePath": "{{Json(Path.Combine(directory, "store"))}}",
                "Cooldown": "02:00:00",
                "MaxTrainingAttempts": 2,
                "Triggers": { "Threshold": { "Metric": "Accuracy", "Below": 0.85 } },
                "Promotion": { "Rules": [ { "Kind": "ValueThreshold", "Metric": "Accuracy", "LowerBound": 0.5 }, { "Kind": "Superior", "Metric": "Accuracy" } ] }
            } } } }
            """);
        var trainer = new ScriptedTrainer().ThenReturn(0.9);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .UseTrainer(_ => trainer)
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>(time))
            .UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var pipeline = provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn");
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        var evaluation = await pipeline.RunOnceAsync();

        evaluation.Verdict.Should().Be(RetrainVerdict.Run, evaluation.Explanation);
        evaluation.Run!.State.Should().Be(RetrainRunState.Promoted, evaluation.Run.Explain());
        evaluation.Run.StartedAt.Should().Be(time.GetUtcNow(), "the container's TimeProvider is the pipeline's clock");
        evaluation.Trigger!.Kind.Should().Be("Threshold");
        Directory.EnumerateFiles(Path.Combine(directory, "store"), "*", SearchOption.AllDirectories).Should().NotBeEmpty("StorePath selects a file store");
        time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.9);
        (await pipeline.RunOnceAsync()).Verdict.Should().Be(RetrainVerdict.NotFired);
        time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        (await pipeline.RunOnceAsync()).Verdict.Should().Be(RetrainVerdict.SuppressedCooldown, "a new breach within the configured 2-hour cooldown");
        provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn").Should().BeSameAs(pipeline);
    }

    [Fact]
    public async Task Validate_BadConfiguration_FailsTheStartListingEveryProblemByPath()
    {
        var services = Services("""
            { "RetrainTriggers": { "Pipelines": { "churn": {
                "Cooldown": "-00:01:00",
                "Cooldwn": "01:00:00",
                "Interval": "soon",
                "Watch": { "Window": "1.00:00:00", "Metrics": [ "Latency" ] },
                "Triggers": { "Any": [ { "Threshold": { "Metric": "accuracy", "Below": 0.85 } }, { "Volume": { "MinNewRows": 0 } } ] },
                "Promotion": { "Rules": [ { "Kind": "NonInferior", "Metric": "Accuracy" } ] }
            } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseEvaluator<AccuracyEvaluator>().UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        // No ValidateOnStart is registered at all then; when one is (another library's), it must not ask for a tree either.
        var validate = () => provider.GetService<IStartupValidator>()?.Validate();

        var failures = validate.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().Contain(
            "RetrainTriggers:Pipelines:churn:Cooldwn is not a known setting; expected one of Triggers, Promotion, Interval, StorePath, Cooldown, TrainingTimeout, MaxTrainingAttempts, RetryDelay, MaxRetryDelay, CollisionPolicy, LeaseDuration, TrainingWindow, Watch",
            "RetrainTriggers:Pipelines:churn:Interval 'soon' is not a duration; use the invariant [d.]hh:mm:ss format, e.g. 3.00:00:00 for three days or 01:30:00",
            "RetrainTriggers:Pipelines:churn:Promotion:Rules:0:Margin is required for NonInferior rules",
            "RetrainTriggers:Pipelines:churn:Triggers:Any:0:Threshold:Metric 'accuracy' is not a metric of this pipeline's evaluator; known metrics: Accuracy, LogLoss",
            "RetrainTriggers:Pipelines:churn:Trainer is not registered; call UseTrainer<T>() on the pipeline or register an IModelTrainer<FakeModel> keyed 'churn'",
            "RetrainTriggers:Pipelines:churn:Cooldown must be from 0 to 3650 days (was -00:01:00)");
        failures.Should().Contain(f => f.StartsWith("RetrainTriggers:Triggers:Any:1:Volume:MinNewRows", StringComparison.Ordinal) || f.StartsWith("RetrainTriggers:Pipelines:churn:Triggers:Any:1:Volume:MinNewRows", StringComparison.Ordinal));
        failures.Should().Contain(f => f.StartsWith("RetrainTriggers:Pipelines:churn:Registry is not registered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ParseAndRangeErrors_BothStartWithTheFullKeyPath()
    {
        var services = Services("""
            { "RetrainTriggers": { "Pipelines": { "churn": {
                "Interval": "soon", "Cooldown": "-00:01:00", "MaxTrainingAttempts": "many", "RetryDelay": "00:00:01", "MaxRetryDelay": "00:00:00",
                "Watch": { "Window": "1.00:00:00", "MaxDegradation": -1 }
            } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseEvaluator<AccuracyEvaluator>().UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetService<IStartupValidator>()?.Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(
            "RetrainTriggers:Pipelines:churn:Interval 'soon' is not a duration; use the invariant [d.]hh:mm:ss format, e.g. 3.00:00:00 for three days or 01:30:00",
            "RetrainTriggers:Pipelines:churn:MaxTrainingAttempts 'many' is not a whole number",
            "RetrainTriggers:Pipelines:churn:Cooldown must be from 0 to 3650 days (was -00:01:00)",
            "RetrainTriggers:Pipelines:churn:MaxRetryDelay must be not below RetryDelay and at most 49 days (was 00:00:00)",
            "RetrainTriggers:Pipelines:churn:Watch:MaxDegradation must be at least 0 (was -1)");
    }

    [Theory]
    [InlineData("Interval")]
    [InlineData("StorePath")]
    [InlineData("MaxTrainingAttempts")]
    [InlineData("CollisionPolicy")]
    public async Task Validate_SectionWhereAValueIsExpected_FailsTheStartNamingIt(string key)
    {
        var services = Services($$"""
            { "RetrainTriggers": { "Pipelines": { "churn": { "{{key}}": { "Value": "1" } } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseEvaluator<AccuracyEvaluator>().UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetService<IStartupValidator>()?.Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(
            $"RetrainTriggers:Pipelines:churn:{key} must be a value, not a section");
    }

    [Fact]
    public async Task Validate_IntervalLongerThanATimerAccepts_FailsTheStartNamingIt()
    {
        var services = Services("""
            { "RetrainTriggers": { "Pipelines": { "churn": { "Interval": "50.00:00:00" } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseEvaluator<AccuracyEvaluator>().UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetService<IStartupValidator>()?.Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(
            "RetrainTriggers:Pipelines:churn:Interval must be positive and at most 49 days (was 50.00:00:00)");
    }

    [Fact]
    public void EvaluateEvery_LongerThanATimerAccepts_ThrowsNamingTheParameter()
    {
        var services = new ServiceCollection();

        var add = () => services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.EvaluateEvery(TimeSpan.FromDays(50)));

        add.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("interval");
    }

    [Fact]
    public async Task AddPipeline_CodeOnlyWithKeyedPlugins_StartsWithoutConfiguration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyedSingleton<IModelTrainer<FakeModel>>("churn", new ScriptedTrainer());
        services.AddKeyedSingleton<IModelEvaluator<FakeModel>>("churn", new AccuracyEvaluator());
        services.AddKeyedSingleton<IModelRegistry<FakeModel>>("churn", new InMemoryModelRegistry<FakeModel>(time));

        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .WithTriggers(Trigger.Below("Accuracy", 0.85))
            .UsePromotionPolicy(PipelineHarness.Policy));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var pipeline = provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn");
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);
        (await pipeline.RunOnceAsync()).Run!.State.Should().Be(RetrainRunState.Promoted);
    }

    [Fact]
    public void AddPipeline_CalledTwice_IsIdempotentAndAddsToTheSamePipeline()
    {
        var services = new ServiceCollection();

        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseTrainer<ScriptedTrainer>()).AddHostedMonitoring();
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p.UseEvaluator<AccuracyEvaluator>()).AddHostedMonitoring();

        services.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(RetrainPipeline<FakeModel>) && Equals(d.ServiceKey, "churn")).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        var otherModel = () => services.AddRetrainTriggers().AddPipeline<string>("churn", _ => { });
        otherModel.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("*already registered for model type FakeModel*");
        var badName = () => services.AddRetrainTriggers().AddPipeline<FakeModel>("churn/eu", _ => { });
        badName.Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public async Task AddRetrainTriggers_PipelinesOnly_DoesNotRequireTheSingleTree()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers();
        await using var provider = services.BuildServiceProvider();

        // No ValidateOnStart is registered at all then; when one is (another library's), it must not ask for a tree either.
        var validate = () => provider.GetService<IStartupValidator>()?.Validate();

        validate.Should().NotThrow("without AddRetrainTriggers(section) or (configure) no single tree is asked for");
    }

    [Theory]
    [InlineData("RowLosses", null)]
    [InlineData("RowCorrect", null)]
    [InlineData("Bogus", "RetrainTriggers:Pipelines:churn:Promotion:Rules:0:Values 'Bogus'")]
    public async Task AddPipeline_PairedBootstrapValuesFromConfiguration_AreReadLikeTheBuilder(string values, string? error)
    {
        var services = Services($$"""
            { "RetrainTriggers": { "Pipelines": { "churn": {
                "Triggers": { "Threshold": { "Metric": "Accuracy", "Below": 0.85 } },
                "Promotion": { "Rules": [ { "Kind": "PairedBootstrap", "Values": "{{values}}", "Resamples": 200 } ] }
            } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .UseTrainer<ScriptedTrainer>()
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>(time))
            .UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        if (error is null)
        {
            validate.Should().NotThrow();
        }
        else
        {
            validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith(error);
        }
    }

    [Fact]
    public async Task Validate_PromotionRuleOutOfRange_NamesTheConfigurationKeyOfEachProblem()
    {
        var services = Services("""
            { "RetrainTriggers": { "Pipelines": { "churn": {
                "Triggers": { "Threshold": { "Metric": "Accuracy", "Below": 0.85 } },
                "Promotion": { "Rules": [
                    { "Kind": "Superior", "Metric": "Accuracy", "Margin": -1 },
                    { "Kind": "McNemar", "Alpha": 2 },
                    { "Kind": "Superior", "Metric": "F1" } ] }
            } } } }
            """);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .UseTrainer<ScriptedTrainer>()
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>(time))
            .UseMetricCatalog(Catalog));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "RetrainTriggers:Pipelines:churn:Promotion:Rules:0:Margin must be a finite number >= 0 (was -1)",
            "RetrainTriggers:Pipelines:churn:Promotion:Rules:1:Alpha must be in (0, 1) (was 2)",
            "RetrainTriggers:Pipelines:churn:Promotion:Rules:2:Metric 'F1' has no declared direction; declare it under RetrainTriggers:Pipelines:churn:Promotion:Metrics (HigherIsBetter or LowerIsBetter) or use a catalog that knows it");
    }

    private ServiceCollection Services(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        return services;
    }

    private static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
