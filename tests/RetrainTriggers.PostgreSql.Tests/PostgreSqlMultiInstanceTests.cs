using System.Diagnostics;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql.Tests;

/// <summary>Several orchestrator instances in separate processes on one database: one training per cause, crash take-over, restarts.</summary>
[Collection(nameof(PostgreSqlMultiInstanceTests))]
public sealed class PostgreSqlMultiInstanceTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);
    private readonly string schema = PostgresServer.NewSchema();
    private readonly string folder = Directory.CreateTempSubdirectory("rt-pg-").FullName;

    private string Trainings => Path.Combine(folder, "trainings.txt");

    [Fact]
    public async Task ThreeProcesses_OneAccuracyBreach_TrainExactlyOnce()
    {
        await using var store = PostgresServer.NewStore(schema);
        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.80, DateTimeOffset.UtcNow));

        var processes = Enumerable.Range(0, 3).Select(i => Host("run", "instance-" + i, "6")).ToList();
        foreach (var process in processes)
        {
            await WaitAsync(process);
        }

        var lines = File.Exists(Trainings) ? File.ReadAllLines(Trainings) : [];
        lines.Should().ContainSingle("one accuracy breach is one cause, whichever instance saw it first");
        var runs = await store.QueryRunsAsync("churn", new RetrainRunQuery());
        runs.Should().ContainSingle().Which.State.Should().Be(RetrainRunState.Promoted);
        (await store.GetFireKeyAsync("churn", runs[0].FireKey!))!.RunId.Should().Be(runs[0].RunId);
    }

    [Fact]
    public async Task LeaseHolderKilledMidTraining_AnotherInstanceMarksItInterruptedAndDoesNotRetrainTheCause()
    {
        await using var store = PostgresServer.NewStore(schema);
        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.80, DateTimeOffset.UtcNow));

        using var holder = Host("hang", "instance-a");
        var deadline = DateTime.UtcNow + ProcessTimeout;
        while (!(File.Exists(Trainings) && File.ReadAllText(Trainings).Length > 0))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the first instance should start training");
            holder.HasExited.Should().BeFalse(holder.HasExited ? await holder.StandardError.ReadToEndAsync() : string.Empty);
            await Task.Delay(100);
        }

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        var orphan = (await store.QueryRunsAsync("churn", new RetrainRunQuery())).Should().ContainSingle().Subject;
        orphan.State.Should().Be(RetrainRunState.Running, "the killed process never finished its run");

        using var successor = Host("recover", "instance-b");
        var output = await WaitAsync(successor);

        output.Should().Contain("interrupted 1");
        File.ReadAllLines(Trainings).Should().ContainSingle("the cause of the interrupted run is not trained again");
        var after = await store.GetRunAsync("churn", orphan.RunId);
        after!.State.Should().Be(RetrainRunState.Interrupted);
        (await store.GetFireKeyAsync("churn", orphan.FireKey!))!.RunId.Should().Be(orphan.RunId);
    }

    [Fact]
    public async Task DatabaseRestartedDuringTraining_RunCompletesAndStoreStaysConsistent()
    {
        await using var store = PostgresServer.NewStore(schema);
        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.80, DateTimeOffset.UtcNow));
        var trainer = new RestartingTrainer();
        using var pipeline = new RetrainPipeline<double>(new RetrainPipelineOptions<double>
        {
            Name = "churn",
            Trigger = Trigger.Below("Accuracy", 0.85, "accuracy-low"),
            Trainer = trainer,
            Evaluator = new IdentityEvaluator(),
            Policy = PromotionPolicy.CreateBuilder().Metric("Accuracy", MetricDirection.HigherIsBetter).Superior("Accuracy").Build(),
            Registry = new InMemoryModelRegistry<double>(),
            Store = store,
        });

        var evaluation = await pipeline.RunOnceAsync();
        var again = await pipeline.RunOnceAsync();

        trainer.Calls.Should().Be(1);
        evaluation.Run!.State.Should().Be(RetrainRunState.Promoted);
        again.Run.Should().BeNull();
        var runs = await store.QueryRunsAsync("churn", new RetrainRunQuery());
        runs.Should().ContainSingle().Which.State.Should().Be(RetrainRunState.Promoted);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Process Host(string mode, string instance, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath(), mode, PostgresServer.ConnectionString, schema, instance, Trainings }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await error);
        return await output;
    }

    // The host is built beside this project (same configuration and framework): bin/<Configuration>/<tfm>/.
    private static string HostPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "RetrainTriggers.PostgreSql.TestHost", "bin", configuration, tfm, "RetrainTriggers.PostgreSql.TestHost.dll");
        File.Exists(path).Should().BeTrue($"the test host is built with the tests ({path})");
        return path;
    }

    private sealed class RestartingTrainer : IModelTrainer<double>
    {
        public int Calls { get; private set; }

        public ValueTask<TrainedModel<double>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            PostgresServer.Restart();
            return new(new TrainedModel<double>(0.9, 1000, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
        }
    }

    private sealed class IdentityEvaluator : IModelEvaluator<double>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(double model, CancellationToken cancellationToken = default) =>
            new(new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = model }));
    }
}
