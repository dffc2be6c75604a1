using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration;

/// <summary>A model for orchestration tests: a name and the accuracy the evaluator will report for it.</summary>
public sealed record FakeModel(string Name, double Accuracy);

/// <summary>A trainer whose next attempts are scripted: return a model, throw, or hang.</summary>
public sealed class ScriptedTrainer : IModelTrainer<FakeModel>
{
    private readonly ConcurrentQueue<Func<TrainingRequest, CancellationToken, Task<TrainedModel<FakeModel>>>> script = new();
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public ConcurrentQueue<TrainingRequest> Requests { get; } = new();

    /// <summary>Gets or sets the accuracy of models trained when the script is empty.</summary>
    public double DefaultAccuracy { get; set; } = 0.9;

    public ScriptedTrainer ThenReturn(double accuracy, long rows = 1000)
    {
        script.Enqueue((r, _) => Task.FromResult(Model(r, accuracy, rows)));
        return this;
    }

    public ScriptedTrainer ThenThrow(Exception exception)
    {
        script.Enqueue((_, _) => Task.FromException<TrainedModel<FakeModel>>(exception));
        return this;
    }

    /// <summary>Hangs until the token is cancelled (a trainer that honours cancellation).</summary>
    public ScriptedTrainer ThenHang()
    {
        script.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Hangs until <paramref name="release"/> completes, ignoring the token.</summary>
    public ScriptedTrainer ThenBlock(TaskCompletionSource<TrainedModel<FakeModel>> release)
    {
        script.Enqueue((_, _) => release.Task);
        return this;
    }

    public ScriptedTrainer Then(Func<TrainingRequest, CancellationToken, Task<TrainedModel<FakeModel>>> step)
    {
        script.Enqueue(step);
        return this;
    }

    public ValueTask<TrainedModel<FakeModel>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        Requests.Enqueue(request);
        return script.TryDequeue(out var step)
            ? new(step(request, cancellationToken))
            : new(Model(request, DefaultAccuracy, 1000));
    }

    public static TrainedModel<FakeModel> Model(TrainingRequest request, double accuracy, long rows = 1000) =>
        new(new FakeModel(request.RunId, accuracy), rows, new Dictionary<string, double> { ["Accuracy"] = accuracy });
}

/// <summary>Scores a model with the accuracy it carries, on a holdout of 1000 rows.</summary>
public sealed class AccuracyEvaluator : IModelEvaluator<FakeModel>
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Exception? Throw { get; set; }

    public ValueTask<ModelEvaluation> EvaluateAsync(FakeModel model, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (Throw is { } ex)
        {
            throw ex;
        }

        return new(new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = model.Accuracy }));
    }
}

/// <summary>Collects notifications.</summary>
public sealed class RecordingNotifier : IRetrainNotifier
{
    public ConcurrentQueue<RetrainNotification> Received { get; } = new();

    public ValueTask NotifyAsync(RetrainNotification notification, CancellationToken cancellationToken = default)
    {
        Received.Enqueue(notification);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Builds pipelines over fakes: a fake clock, an in-memory registry, a scripted trainer and an accuracy evaluator.</summary>
public sealed class PipelineHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public PipelineHarness(IRetrainStore? store = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Store = store ?? new InMemoryRetrainStore(Time);
        Registry = new InMemoryModelRegistry<FakeModel>(Time);
    }

    public FakeTimeProvider Time { get; }

    public IRetrainStore Store { get; set; }

    public InMemoryModelRegistry<FakeModel> Registry { get; set; }

    public ScriptedTrainer Trainer { get; } = new();

    public AccuracyEvaluator Evaluator { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    /// <summary>Promotes when the challenger's accuracy is at least 0.5 and better than the champion's.</summary>
    public static PromotionPolicy Policy { get; } = PromotionPolicy.CreateBuilder()
        .Metric("Accuracy", MetricDirection.HigherIsBetter)
        .ValueThreshold("Accuracy", lowerBound: 0.5)
        .Superior("Accuracy")
        .Build();

    public RetrainPipelineOptions<FakeModel> Options(Action<RetrainPipelineOptions<FakeModel>>? configure = null)
    {
        var options = new RetrainPipelineOptions<FakeModel>
        {
            Name = "churn",
            Trigger = Trigger.Below("Accuracy", 0.85, "accuracy-low"),
            Trainer = Trainer,
            Evaluator = Evaluator,
            Policy = Policy,
            Registry = Registry,
            Store = Store,
            TimeProvider = Time,
            Cooldown = TimeSpan.FromHours(1),
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromMinutes(1),
            TrainingTimeout = TimeSpan.FromMinutes(30),
        };
        options.Notifiers.Add(Notifier);
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Advances the fake clock by <paramref name="step"/> until <paramref name="task"/> completes (bounded), letting real I/O finish between steps.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        task.IsCompleted.Should().BeTrue("the task should complete within {0} steps of {1}", maxSteps, step);
        return await task;
    }

    /// <summary>Waits (in real time, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        condition().Should().BeTrue("the awaited condition should hold within 10 s");
    }

    public RetrainPipeline<FakeModel> Create(Action<RetrainPipelineOptions<FakeModel>>? configure = null) => new(Options(configure)) { Jitter = () => 0.5 };
}
