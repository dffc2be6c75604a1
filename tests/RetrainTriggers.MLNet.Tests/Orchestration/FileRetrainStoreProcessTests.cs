using System.Globalization;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.MLNet.Tests.Orchestration;

/// <summary>Two orchestrators in two processes on one <see cref="FileRetrainStore"/> folder.</summary>
public sealed class FileRetrainStoreProcessTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RunOnceAsync_TwoProcessesOnOneStore_ExactlyOneTrainingPerCause()
    {
        const int Episodes = 3;
        var root = temp.Combine("store");
        Directory.CreateDirectory(root);
        var store = new FileRetrainStore(root);
        using var a = ChildProcess.Start("pipeline-runner", root, "a");
        using var b = ChildProcess.Start("pipeline-runner", root, "b");
        (await a.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        (await b.ReadLineAsync(ChildTimeout)).Should().Be("ready");

        var trained = (A: 0, B: 0);
        for (var episode = 0; episode < Episodes; episode++)
        {
            // A breach starts: both processes race for it, several times each.
            await store.RecordMetricAsync(PipelineRunnerChild.Pipeline, "Accuracy", new MetricSample(0.6, TimeProvider.System.GetUtcNow()));
            trained = await RoundAsync(a, b);

            // The metric recovers: the breach ends, and the next one is a new cause.
            await store.RecordMetricAsync(PipelineRunnerChild.Pipeline, "Accuracy", new MetricSample(0.9, TimeProvider.System.GetUtcNow()));
            (await RoundAsync(a, b)).Should().Be(trained, "nothing fires while the metric is healthy");
        }

        await Task.WhenAll(a.WriteLineAsync("quit"), b.WriteLineAsync("quit"));
        await Task.WhenAll(a.WaitAsync(ChildTimeout), b.WaitAsync(ChildTimeout));

        (trained.A + trained.B).Should().Be(Episodes, "each breach is trained once, by whichever process got there first");
        var runs = await store.QueryRunsAsync(PipelineRunnerChild.Pipeline, new RetrainRunQuery { Limit = 100 });
        runs.Should().HaveCount(Episodes).And.OnlyContain(r => r.State == RetrainRunState.Promoted);
        runs.Select(r => r.FireKey).Should().OnlyHaveUniqueItems();
        foreach (var run in runs)
        {
            (await store.GetFireKeyAsync(PipelineRunnerChild.Pipeline, run.FireKey!))!.RunId.Should().Be(run.RunId);
        }
    }

    private static async Task<(int A, int B)> RoundAsync(ChildProcess a, ChildProcess b)
    {
        await Task.WhenAll(a.WriteLineAsync("run"), b.WriteLineAsync("run"));
        return (await TrainingsAsync(a), await TrainingsAsync(b));
    }

    private static async Task<int> TrainingsAsync(ChildProcess child)
    {
        var line = await child.ReadLineAsync(ChildTimeout);
        line.Should().StartWith("done ");
        return int.Parse(line!["done ".Length..], CultureInfo.InvariantCulture);
    }
}
