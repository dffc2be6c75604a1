using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace RetrainTriggers.Tests.DependencyInjection;

public class RetrainTriggersServiceCollectionExtensionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static IConfigurationSection Section(string json, string key = "RetrainTriggers") =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection(key);

    [Fact]
    public async Task AddRetrainTriggers_TriggerInCode_EvaluatorFiresOnRecordedSignals()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.AddRetrainTriggers(o => o.UseTrigger(Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.2)));
        using var provider = services.BuildServiceProvider();
        var signals = provider.GetRequiredService<InMemorySignals>();
        var evaluator = provider.GetRequiredService<ITriggerEvaluator>();

        signals.RecordRetrain(Start.AddDays(-7), trainingRowCount: 1000);
        signals.AddLabeledRows(100);
        signals.Record("accuracy", 0.90);
        (await evaluator.EvaluateAsync()).Outcome.Should().Be(TriggerOutcome.NotFired);
        signals.Record("accuracy", 0.80);
        var result = await evaluator.EvaluateAsync();

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.EvaluatedAt.Should().Be(Start);
        result.Children[0].Reason.Should().Contain("accuracy");
        evaluator.Root.Should().BeSameAs(provider.GetRequiredService<ITrigger>());
    }

    [Fact]
    public async Task AddRetrainTriggers_ConfigurationSection_BuildsTreeAndUsesFileStore()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rt-di-" + Guid.NewGuid().ToString("N"));
        var statePath = Path.Combine(directory, "state.json");
        try
        {
            var section = Section("""
                {"RetrainTriggers":{"StateFilePath":"%0%","Triggers":{
                  "Sustained":{"Evaluations":2,"Name":"twice","Trigger":{"Threshold":{"Metric":"accuracy","Below":0.85}}}}}}
                """.Replace("%0%", statePath.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
            services.AddRetrainTriggers(section);

            await using (var provider = services.BuildServiceProvider())
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
                provider.GetRequiredService<ITriggerStateStore>().Should().BeOfType<FileTriggerStateStore>()
                    .Which.FilePath.Should().Be(statePath);
                provider.GetRequiredService<InMemorySignals>().Record("accuracy", 0.8);
                (await provider.GetRequiredService<ITriggerEvaluator>().EvaluateAsync()).Outcome.Should().Be(TriggerOutcome.NotFired);
            }

            // A second host over the same file continues the streak: the state survived the restart.
            await using var restarted = new ServiceCollection()
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Start.AddHours(1)))
                .AddRetrainTriggers(section).Services
                .BuildServiceProvider();
            restarted.GetRequiredService<InMemorySignals>().Record("accuracy", 0.8);
            var result = await restarted.GetRequiredService<ITriggerEvaluator>().EvaluateAsync();

            result.Name.Should().Be("twice");
            result.Outcome.Should().Be(TriggerOutcome.Fired);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void AddRetrainTriggers_NothingRegisteredByHost_RegistersDefaults()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers(o => o.UseTrigger(Trigger.Below("accuracy", 0.85)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredService<ITriggerStateStore>().Should().BeOfType<InMemoryTriggerStateStore>();
        var signals = provider.GetRequiredService<InMemorySignals>();
        provider.GetRequiredService<IMetricSource>().Should().BeSameAs(signals);
        provider.GetRequiredService<IDataVolumeSource>().Should().BeSameAs(signals);
        provider.GetRequiredService<IRetrainHistorySource>().Should().BeSameAs(signals);
        provider.GetRequiredService<IDriftSignalSource>().Should().BeSameAs(signals);
    }

    [Fact]
    public async Task AddRetrainTriggers_HostServicesRegisteredFirst_AreKept()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryTriggerStateStore();
        var metrics = new FixedMetrics(0.5);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ITriggerStateStore>(store);
        services.AddSingleton<IMetricSource>(metrics);
        services.AddRetrainTriggers(o => o.UseTrigger(Trigger.Below("accuracy", 0.85)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
        provider.GetRequiredService<ITriggerStateStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IMetricSource>().Should().BeSameAs(metrics);
        var result = await provider.GetRequiredService<ITriggerEvaluator>().EvaluateAsync();
        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.ObservedValue.Should().Be(0.5);
    }

    [Fact]
    public void AddRetrainTriggers_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers(o => o.UseTrigger(Trigger.Below("accuracy", 0.85)));
        services.AddRetrainTriggers();

        foreach (var type in new[] { typeof(ITrigger), typeof(ITriggerEvaluator), typeof(ITriggerStateStore), typeof(TimeProvider), typeof(InMemorySignals), typeof(IMetricSource), typeof(IValidateOptions<RetrainTriggersOptions>) })
        {
            services.Count(d => d.ServiceType == type).Should().Be(1, "{0} must be registered once", type.Name);
        }
    }

    [Fact]
    public void AddRetrainTriggers_ReturnsBuilderOverSameServices()
    {
        var services = new ServiceCollection();

        services.AddRetrainTriggers().Services.Should().BeSameAs(services);
    }

    [Fact]
    public void AddRetrainTriggers_InvalidTreeInConfiguration_StartupValidationNamesPath()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers(Section("""
            {"RetrainTriggers":{"Triggers":{"Any":[{"Threshold":{"Metric":"accuracy","Below":0.85}},{"Volume":{"MinNewRows":0}}]}}}
            """));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("RetrainTriggers:Triggers:Any:1:Volume:MinNewRows must be > 0");
        FluentActions.Invoking(() => provider.GetRequiredService<ITriggerEvaluator>()).Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void AddRetrainTriggers_NoArguments_DoesNotFailTheStartButValidatesTheTreeWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers();
        using var provider = services.BuildServiceProvider();

        // A host that only adds pipelines has no top-level tree, so the start does not require one.
        provider.GetService<IStartupValidator>()?.Validate();
        var act = () => provider.GetRequiredService<ITrigger>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("RetrainTriggers:Triggers is not configured");
    }

    [Fact]
    public void AddRetrainTriggers_ConfigureOptionsElsewhere_IsUsed()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers();
        services.Configure<RetrainTriggersOptions>(o => o.UseTrigger(Trigger.Above("error_rate", 0.1)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ITrigger>().Kind.Should().Be("Threshold");
    }

    [Fact]
    public void AddRetrainTriggers_SectionWithoutTriggersAndTreeInCode_IsValid()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers(Section("""{"RetrainTriggers":{"StateFilePath":"unused-state.json"}}"""));
        services.Configure<RetrainTriggersOptions>(o => o.UseTrigger(Trigger.Below("accuracy", 0.85)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ITrigger>().Name.Should().Be("threshold:accuracy");
    }

    [Fact]
    public void AddRetrainTriggers_SectionWithoutTriggers_FailsNamingSectionPath()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers(Section("""{"Ml":{"RetrainTriggers":{"StateFilePath":"x.json"}}}""", "Ml:RetrainTriggers"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Ml:RetrainTriggers:Triggers is not configured");
    }

    [Fact]
    public void AddRetrainTriggers_NullArguments_Throw()
    {
        FluentActions.Invoking(() => ((IServiceCollection)null!).AddRetrainTriggers()).Should().Throw<ArgumentNullException>().WithParameterName("services");
        FluentActions.Invoking(() => new ServiceCollection().AddRetrainTriggers((Action<RetrainTriggersOptions>)null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("configure");
        FluentActions.Invoking(() => new ServiceCollection().AddRetrainTriggers((IConfigurationSection)null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("section");
    }

    private sealed class FixedMetrics(double value) : IMetricSource
    {
        public ValueTask<MetricSample?> GetMetricAsync(string metric, CancellationToken cancellationToken = default) => new(new MetricSample(value, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void AddRetrainTriggers_TreeFromFactory_IsBuiltOnceAndTheValidatedTreeIsServed()
    {
        var builds = 0;
        var services = new ServiceCollection();
        services.AddRetrainTriggers(options => options.TriggerFactory = _ =>
        {
            builds++;
            return Trigger.Below("accuracy", 0.85);
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var served = provider.GetRequiredService<ITrigger>();
        var evaluator = provider.GetRequiredService<ITriggerEvaluator>();

        builds.Should().Be(1);
        evaluator.Root.Should().BeSameAs(served);
        provider.GetRequiredService<IOptionsMonitor<RetrainTriggersOptions>>().CurrentValue.ValidatedRoot.Should().BeSameAs(served);
    }

    [Fact]
    public void AddRetrainTriggers_TreeFromConfiguration_ServesTheValidatedInstance()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RetrainTriggers:Triggers:Volume:MinNewRows"] = "10" })
            .Build();
        var services = new ServiceCollection();
        services.AddRetrainTriggers(configuration.GetSection("RetrainTriggers"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var validated = provider.GetRequiredService<IOptionsMonitor<RetrainTriggersOptions>>().CurrentValue.ValidatedRoot;

        validated.Should().NotBeNull();
        provider.GetRequiredService<ITrigger>().Should().BeSameAs(validated);
    }
}
