using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.Hosting;

public sealed class RetrainMonitoringServiceTests
{
    [Fact]
    public async Task ExecuteAsync_EveryInterval_EvaluatesOnceAtStartThenOncePerTick()
    {
        await using var fixture = new MonitoringFixture(_ => false);

        await fixture.Service.StartAsync(CancellationToken.None);
        (await fixture.NextEvaluationAsync()).Should().Be(1, "the first evaluation runs at start");
        fixture.Time.Advance(MonitoringFixture.Interval - TimeSpan.FromSeconds(1));
        fixture.Evaluations.Reader.TryRead(out _).Should().BeFalse("the interval has not elapsed");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        (await fixture.NextEvaluationAsync()).Should().Be(2);
        fixture.Time.Advance(MonitoringFixture.Interval);
        (await fixture.NextEvaluationAsync()).Should().Be(3);
        await fixture.Service.StopAsync(CancellationToken.None);

        fixture.Host.FailedTicks.Should().Be(0);
        fixture.Pipeline.LastEvaluation!.Verdict.Should().Be(RetrainVerdict.NotFired);
    }

    [Fact]
    public async Task ExecuteAsync_TickThrows_IsCountedAndTheNextTickRuns()
    {
        await using var fixture = new MonitoringFixture(n => n == 2 ? throw new InvalidOperationException("signal store unavailable") : false);

        await fixture.Service.StartAsync(CancellationToken.None);
        await fixture.NextEvaluationAsync();
        fixture.Time.Advance(MonitoringFixture.Interval);
        (await fixture.NextEvaluationAsync()).Should().Be(2);
        fixture.Time.Advance(MonitoringFixture.Interval);
        (await fixture.NextEvaluationAsync()).Should().Be(3, "a failed tick does not end monitoring");
        await fixture.Service.StopAsync(CancellationToken.None);

        fixture.Host.FailedTicks.Should().Be(1);
        fixture.Host.LastTickError.Should().BeNull("the tick after the failure succeeded");
    }

    [Fact]
    public async Task ExecuteAsync_RunLongerThanTheInterval_NeverOverlapsAndCollapsesMissedTicks()
    {
        var release = new TaskCompletionSource<TrainedModel<FakeModel>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trainer = new ScriptedTrainer().ThenBlock(release);
        await using var fixture = new MonitoringFixture(n => n == 1, trainer);

        await fixture.Service.StartAsync(CancellationToken.None);
        await fixture.NextEvaluationAsync();
        // The first tick fired; its run reaches the trainer asynchronously. Wait until it is training.
        await PipelineHarness.WaitUntilAsync(() => trainer.Calls == 1);
        for (var i = 0; i < 3; i++)
        {
            fixture.Time.Advance(MonitoringFixture.Interval);
        }

        fixture.Evaluations.Reader.TryRead(out _).Should().BeFalse("a tick never starts while the previous one runs");
        trainer.Calls.Should().Be(1);
        release.SetResult(new TrainedModel<FakeModel>(new FakeModel("v1", 0.9), 1000));
        (await fixture.NextEvaluationAsync()).Should().Be(2, "the ticks missed during the run collapse into one");
        await fixture.Service.StopAsync(CancellationToken.None);

        fixture.Evaluations.Reader.TryRead(out _).Should().BeFalse();
        (await fixture.Pipeline.GetRunsAsync()).Should().ContainSingle().Which.State.Should().Be(RetrainRunState.Promoted);
    }

    [Fact]
    public async Task StopAsync_DuringARun_CancelsItAndRecordsItCancelled()
    {
        var training = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trainer = new ScriptedTrainer().Then(async (_, ct) =>
        {
            training.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        await using var fixture = new MonitoringFixture(_ => true, trainer);

        await fixture.Service.StartAsync(CancellationToken.None);
        await training.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Service.StopAsync(CancellationToken.None);

        var run = (await fixture.Pipeline.GetRunsAsync()).Should().ContainSingle().Subject;
        run.State.Should().Be(RetrainRunState.Cancelled, run.Explain());
        fixture.Host.FailedTicks.Should().Be(0, "shutdown is not a failure");
    }
}
