using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;
using Xunit.Abstractions;

namespace RetrainTriggers.MLNet.Tests.EndToEnd;

/// <summary>
/// The whole loop in a generic host: a pipeline from configuration, the hosted monitoring loop on a fake clock, real
/// ML.NET models in a file-system registry and a file store, through drift, decay, rejection, rollback and a restart.
/// </summary>
public sealed class RetrainLoopEndToEndTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly LoopWorld world = new();
    private readonly ITestOutputHelper output;

    public RetrainLoopEndToEndTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task HostedLoop_DriftDecayRejectionRollbackAndRestart_EveryStepRecordedAndExplained()
    {
        var first = await StartHostAsync();
        var churn = Pipeline(first.Host);
        first.Tick.Should().Contain("NotFired", "without a champion and without readings nothing fires");

        // No champion yet: an operator trains the first one by hand.
        var initial = await churn.RetrainNowAsync("initial model");
        initial.Run!.State.Should().Be(RetrainRunState.Promoted, initial.Run.Explain());
        await churn.Signals.RecordMetricAsync("Accuracy", 0.86);
        (await TickAsync(first)).Verdict.Should().Be(RetrainVerdict.NotFired, "live data still match v1's profile");
        await IdleAsync(first, TimeSpan.FromHours(6));

        // A drift episode: live F2 and F3 shift and the concept moves with it. The drift trigger fires against v1's profile.
        world.Change(LoopWorld.Drifted, shift: 1.5f);
        var drift = await TickAsync(first);
        drift.Verdict.Should().Be(RetrainVerdict.Run, drift.Explanation);
        var driftRun = drift.Run!;
        driftRun.State.Should().Be(RetrainRunState.Promoted, driftRun.Explain());
        driftRun.FireKey.Should().Contain("drift=drift@");
        (driftRun.ChampionVersion, driftRun.ChallengerVersion).Should().Be((1, 2));
        driftRun.ChallengerEvaluation!.Metrics["Accuracy"].Should().BeGreaterThan(driftRun.ChampionEvaluation!.Metrics["Accuracy"] + 0.05);

        // v2 serves well; its profile is the drift reference now, so the shifted live data no longer count as drift.
        await churn.Signals.RecordMetricAsync("Accuracy", 0.84);
        var calm = await TickAsync(first);
        calm.Verdict.Should().Be(RetrainVerdict.NotFired, calm.Explanation);
        calm.Run.Should().BeNull("the watch found v2 no worse than v1");

        // Accuracy decays after the watch window; the next training batch was labelled by a stale rule.
        await IdleAsync(first, TimeSpan.FromDays(1));
        world.Change(LoopWorld.Drifted, shift: 1.5f, mislabelledBatch: LoopWorld.Original);
        await churn.Signals.RecordMetricAsync("Accuracy", 0.62);
        await churn.Signals.AddLabeledRowsAsync(250);
        var decay = await TickAsync(first);
        decay.Verdict.Should().Be(RetrainVerdict.Run, decay.Explanation);
        var rejected = decay.Run!;
        rejected.State.Should().Be(RetrainRunState.Rejected, rejected.Explain());
        rejected.FireKey.Should().Contain("accuracy-low=breach@");
        rejected.ChallengerVersion.Should().Be(3, "a rejected challenger is registered for the record");
        rejected.ChallengerEvaluation!.Metrics["Accuracy"].Should().BeLessThan(rejected.ChampionEvaluation!.Metrics["Accuracy"]);
        (await TickAsync(first)).Verdict.Should().Be(RetrainVerdict.DuplicateCause, "the breach goes on, and its cause was handled");
        var metricBefore = await churn.Signals.GetMetricAsync("Accuracy");
        var rowsBefore = await churn.Signals.GetNewLabeledRowCountAsync();
        await first.Host.StopAsync();
        first.Host.Dispose();

        // Restart on the same store and registry folders: the signals are there, the cause is not repeated.
        var second = await StartHostAsync();
        churn = Pipeline(second.Host);
        var afterRestart = churn.LastEvaluation!;
        afterRestart.Verdict.Should().Be(RetrainVerdict.DuplicateCause, afterRestart.Explanation);
        afterRestart.FireKey.Should().Be(rejected.FireKey);
        (await churn.Signals.GetMetricAsync("Accuracy")).Should().Be(metricBefore);
        (await churn.Signals.GetNewLabeledRowCountAsync()).Should().Be(rowsBefore).And.Be(250);

        // The accuracy recovers, then the concept reverses: a new breach, a better challenger, promoted.
        world.Change(LoopWorld.Reversed, shift: 1.5f);
        await churn.Signals.RecordMetricAsync("Accuracy", 0.8);
        var recovered = await TickAsync(second);
        recovered.Verdict.Should().Be(RetrainVerdict.NotFired, recovered.Explanation);
        await IdleAsync(second, TimeSpan.FromHours(6));
        await churn.Signals.RecordMetricAsync("Accuracy", 0.6);
        var reversal = await TickAsync(second);
        reversal.Verdict.Should().Be(RetrainVerdict.Run, reversal.Explanation);
        var promoted = reversal.Run!;
        promoted.State.Should().Be(RetrainRunState.Promoted, promoted.Explain());
        promoted.FireKey.Should().NotBe(rejected.FireKey);
        (promoted.ChampionVersion, promoted.ChallengerVersion).Should().Be((2, 4));

        // In service, v4 does worse than v2 did on the holdout, beyond the watch margin: rolled back to v2.
        var baseline = promoted.ChampionEvaluation!.Metrics["Accuracy"];
        (await TickAsync(second)).Verdict.Should().Be(RetrainVerdict.DuplicateCause, "no reading of v4 yet, and the breach goes on");
        (await churn.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(4);
        await churn.Signals.RecordMetricAsync("Accuracy", baseline - 0.1);
        var watched = await TickAsync(second);
        watched.Verdict.Should().Be(RetrainVerdict.DuplicateCause, "the breach that trained v4 still goes on");
        (await churn.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(2);
        var champions = await churn.Registry.GetAliasHistoryAsync(ModelAliases.Champion);
        champions.Select(c => (c.Version, c.IsRollback)).Should().Equal((1, false), (2, false), (4, false), (2, true));

        var runs = await churn.GetRunsAsync();
        foreach (var run in runs.Reverse())
        {
            output.WriteLine(run.Explain());
            output.WriteLine(string.Empty);
        }

        runs.Select(r => r.State).Should().Equal(RetrainRunState.RolledBack, RetrainRunState.Rejected, RetrainRunState.Promoted, RetrainRunState.Promoted);
        runs.Select(r => r.IsManual).Should().Equal(false, false, false, true);
        world.Trainings.Should().Be(4, "one training per cause, across the restart");
        var rolledBack = runs[0];
        rolledBack.RunId.Should().Be(promoted.RunId);
        rolledBack.RollbackReason.Should().StartWith("Accuracy ").And.Contain("worse than the previous champion's");
        rolledBack.Explain().Should().Contain("RolledBack").And.Contain(rolledBack.RollbackReason);
        runs[1].Explain().Should().Contain("Rejected").And.Contain("accuracy-low").And.Contain(rejected.Decision!.Summary);
        rejected.Decision.IsPromoted.Should().BeFalse();
        runs[2].Explain().Should().Contain("Promoted").And.Contain("drift");
        runs[3].Explain().Should().Contain("Promoted").And.Contain("initial model");
        await second.Host.StopAsync();
        second.Host.Dispose();
    }

    private static RetrainPipeline<ITransformer> Pipeline(IHost host) =>
        host.Services.GetRequiredKeyedService<RetrainPipeline<ITransformer>>("churn");

    /// <summary>Lets the loop tick through <paramref name="duration"/>, one interval at a time, with nothing firing.</summary>
    private async Task IdleAsync(LoopHost host, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Interval)
        {
            var tick = await TickAsync(host);
            tick.Verdict.Should().Be(RetrainVerdict.NotFired, tick.Explanation);
        }
    }

    /// <summary>Advances the clock by one interval (one timer period: a longer step would queue a second tick) and waits for the tick to finish.</summary>
    private async Task<RetrainEvaluation> TickAsync(LoopHost host)
    {
        host.Probe.HasPendingTick.Should().BeFalse("no tick runs unasked");
        time.Advance(Interval);
        var tick = await host.Probe.NextTickAsync();
        output.WriteLine($"{time.GetUtcNow():O} {tick}");
        return Pipeline(host.Host).LastEvaluation!;
    }

    private async Task<LoopHost> StartHostAsync()
    {
        Directory.CreateDirectory(temp.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = temp.Path });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Settings())));
        var probe = new TickProbe();
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(probe);
        builder.Services.AddSingleton<TimeProvider>(time);
        var mlContext = new MLContext(seed: 1);
        builder.Services.AddRetrainTriggers()
            .AddPipeline<ITransformer>("churn", p => p
                .UseTrainer(_ => world.Trainer())
                .UseEvaluator(_ => world.Evaluator(mlContext))
                .UseRegistry(sp => new FileSystemModelRegistry(
                    temp.Combine("registry"), mlContext, new FileSystemModelRegistryOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() }))
                .UseMetricCatalog(MlNetMetricCatalog.Catalog)
                .UseDriftWindows(_ => world))
            .AddHostedMonitoring();
        var host = builder.Build();
        await host.StartAsync();
        var tick = await probe.NextTickAsync();
        output.WriteLine($"{time.GetUtcNow():O} start: {tick}");
        return new LoopHost(host, probe, tick);
    }

    private string Settings() => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "RetrainTriggers": {
            "Pipelines": {
              "churn": {
                "Interval": "01:00:00",
                "StorePath": "{{temp.Combine("store").Replace("\\", "\\\\", StringComparison.Ordinal)}}",
                "Cooldown": "06:00:00",
                "MaxTrainingAttempts": 1,
                "Triggers": {
                  "Name": "retrain",
                  "Any": [
                    { "Name": "drift", "Drift": { "MinLevel": "Drift" } },
                    { "Name": "accuracy-low", "Threshold": { "Metric": "Accuracy", "Below": 0.7 } }
                  ]
                },
                "Promotion": {
                  "Rules": [
                    { "Kind": "ValueThreshold", "Metric": "Accuracy", "LowerBound": 0.6 },
                    { "Kind": "Superior", "Metric": "Accuracy", "Margin": 0.01 }
                  ]
                },
                "Watch": { "Window": "1.00:00:00", "MaxDegradation": 0.05, "Metrics": [ "Accuracy" ] }
              }
            }
          }
        }
        """);

    private sealed record LoopHost(IHost Host, TickProbe Probe, string Tick);
}
