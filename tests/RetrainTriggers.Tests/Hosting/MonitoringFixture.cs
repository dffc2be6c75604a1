using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.DependencyInjection;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.Hosting;

/// <summary>A container with one pipeline ("churn", interval 10 minutes) whose trigger reports each evaluation on a channel, and the hosted monitoring loop.</summary>
internal sealed class MonitoringFixture : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private readonly ServiceProvider provider;
    private int evaluations;

    public MonitoringFixture(Func<int, bool> fires, ScriptedTrainer? trainer = null, bool withChampionRegistry = true)
    {
        Trainer = trainer ?? new ScriptedTrainer();
        Store = new InMemoryRetrainStore(Time);
        Registry = new InMemoryModelRegistry<FakeModel>(Time);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddRetrainTriggers()
            .AddPipeline<FakeModel>("churn", p =>
            {
                p.WithTriggers(Trigger.When("probe", _ =>
                    {
                        var n = Interlocked.Increment(ref evaluations);
                        Evaluations.Writer.TryWrite(n);
                        return fires(n);
                    }))
                    .UseTrainer(_ => Trainer)
                    .UseEvaluator(_ => new AccuracyEvaluator())
                    .UsePromotionPolicy(PipelineHarness.Policy)
                    .UseStore(_ => Store)
                    .EvaluateEvery(Interval)
                    .Configure(o =>
                    {
                        o.Cooldown = TimeSpan.Zero;
                        o.MaxTrainingAttempts = 1; // a failed attempt ends the run: no back-off on the fake clock
                    });
                if (withChampionRegistry)
                {
                    p.UseRegistry(_ => Registry);
                }
            })
            .AddHostedMonitoring();
        provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(PipelineHarness.Start);

    public InMemoryRetrainStore Store { get; }

    public InMemoryModelRegistry<FakeModel> Registry { get; }

    public ScriptedTrainer Trainer { get; }

    public Channel<int> Evaluations { get; } = Channel.CreateUnbounded<int>();

    public IServiceProvider Services => provider;

    public IHostedService Service => provider.GetServices<IHostedService>().Single();

    public IPipelineHost Host => provider.GetRequiredKeyedService<IPipelineHost>("churn");

    public RetrainPipeline<FakeModel> Pipeline => provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn");

    /// <summary>Waits for the next evaluation; the timeout only guards a broken test from hanging.</summary>
    public async Task<int> NextEvaluationAsync() =>
        await Evaluations.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
