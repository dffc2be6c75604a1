using RetrainTriggers.Drift;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration;

public partial class RetrainPipelineTests
{
    [Fact]
    public async Task RunOnceAsync_TrainerThrowsEveryAttempt_FailedAfterBackoffChampionKept()
    {
        using var pipeline = h.Create(o => o.MaxTrainingAttempts = 3);
        h.Trainer.ThenThrow(new InvalidOperationException("disk full")).ThenThrow(new InvalidOperationException("disk full")).ThenThrow(new InvalidOperationException("disk full"));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var task = pipeline.RunOnceAsync().AsTask();
        await PipelineHarness.WaitUntilAsync(() => h.Trainer.Calls == 1);
        h.Time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(20);
        var callsBeforeBackoffEnded = h.Trainer.Calls;
        var result = await h.DriveAsync(task, TimeSpan.FromSeconds(1));

        callsBeforeBackoffEnded.Should().Be(1, "the first back-off is RetryDelay (10 s) with the jitter at its midpoint");
        var run = result.Run!;
        run.State.Should().Be(RetrainRunState.Failed);
        run.TrainingAttempts.Should().Be(3);
        run.ErrorType.Should().Be(nameof(InvalidOperationException));
        run.Error.Should().Be("disk full");
        run.Stages.Single(s => s.Stage == "train").Outcome.Should().Be(nameof(InvalidOperationException));
        h.Trainer.Calls.Should().Be(3);
        (await h.Registry.ListVersionsAsync()).Should().BeEmpty();
        h.Notifier.Received.Single().Kind.Should().Be(RetrainNotificationKind.Failed);
    }

    [Fact]
    public async Task RunOnceAsync_TrainerThrowsOnce_RetriesAndPromotes()
    {
        using var pipeline = h.Create();
        h.Trainer.ThenThrow(new IOException("blob storage timeout")).ThenReturn(0.9);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var result = await h.DriveAsync(pipeline.RunOnceAsync().AsTask(), TimeSpan.FromSeconds(1));

        result.Run!.State.Should().Be(RetrainRunState.Promoted);
        result.Run.TrainingAttempts.Should().Be(2);
    }

    [Fact]
    public void BackoffDelay_DoublesWithJitterAndCaps()
    {
        using var pipeline = h.Create(o =>
        {
            o.RetryDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromMinutes(1);
        });

        pipeline.Jitter = () => 0.0;
        var low = pipeline.BackoffDelay(1);
        pipeline.Jitter = () => 0.5;
        var mid1 = pipeline.BackoffDelay(1);
        var mid2 = pipeline.BackoffDelay(2);
        var mid3 = pipeline.BackoffDelay(3);
        var capped = pipeline.BackoffDelay(10);

        low.Should().Be(TimeSpan.FromSeconds(5));
        mid1.Should().Be(TimeSpan.FromSeconds(10));
        mid2.Should().Be(TimeSpan.FromSeconds(20));
        mid3.Should().Be(TimeSpan.FromSeconds(40));
        capped.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task RunOnceAsync_TrainerHangsPastTimeout_FailedWithTimeout()
    {
        using var pipeline = h.Create(o => o.MaxTrainingAttempts = 1);
        h.Trainer.ThenHang();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var result = await h.DriveAsync(pipeline.RunOnceAsync().AsTask(), TimeSpan.FromMinutes(1));

        result.Run!.State.Should().Be(RetrainRunState.Failed);
        result.Run.ErrorType.Should().Be(nameof(TimeoutException));
        result.Run.Error.Should().Contain("TrainingTimeout 00:30:00");
        result.Run.Stages.Single(s => s.Stage == "train").Outcome.Should().Be("timeout");
        h.Time.GetUtcNow().Should().BeOnOrAfter(PipelineHarness.Start.AddMinutes(30));
    }

    [Fact]
    public async Task RunOnceAsync_TrainerIgnoresItsToken_StillBoundedByTimeout()
    {
        using var pipeline = h.Create(o => o.MaxTrainingAttempts = 1);
        var never = new TaskCompletionSource<TrainedModel<FakeModel>>();
        h.Trainer.ThenBlock(never);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var result = await h.DriveAsync(pipeline.RunOnceAsync().AsTask(), TimeSpan.FromMinutes(1));

        result.Run!.State.Should().Be(RetrainRunState.Failed);
        result.Run.ErrorType.Should().Be(nameof(TimeoutException));
        never.SetException(new InvalidOperationException("late failure is observed, not thrown"));
    }

    [Fact]
    public async Task RunOnceAsync_ValidatorRejects_ValidationFailedNothingTrained()
    {
        var summary = new DataSummary(812, [new ColumnSummary { Name = "tenure", NullCount = 200 }]);
        using var pipeline = h.Create(o =>
        {
            o.DataInspector = new FixedInspector(summary);
            o.Validators.Add(DataValidators.MinimumRows(1000));
            o.Validators.Add(DataValidators.MaxNullRate("tenure", 0.05));
            o.Validators.Add(DataValidators.RequiredColumns("tenure"));
        });
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var result = await pipeline.RunOnceAsync();

        var run = result.Run!;
        run.State.Should().Be(RetrainRunState.ValidationFailed);
        run.Validation!.IsValid.Should().BeFalse();
        run.Validation.Failures.Select(f => f.Check).Should().Equal("MinimumRows(1000)", "MaxNullRate(tenure, 0.05)");
        run.Validation.ToString().Should().Contain("812 rows < 1000");
        run.Stages.Single().Should().Match<RetrainStageTiming>(s => s.Stage == "validate" && s.Outcome == "rejected");
        h.Trainer.Calls.Should().Be(0);
        h.Notifier.Received.Single().Kind.Should().Be(RetrainNotificationKind.ValidationFailed);
    }

    [Fact]
    public async Task RunOnceAsync_EvaluatorThrows_FailedChampionKept()
    {
        using var pipeline = h.Create(o => o.Cooldown = TimeSpan.Zero);
        await pipeline.RetrainNowAsync("initial");
        h.Evaluator.Throw = new InvalidOperationException("holdout missing");

        var result = await pipeline.RetrainNowAsync("second");

        result.Run!.State.Should().Be(RetrainRunState.Failed);
        result.Run.Stages.Last().Should().Match<RetrainStageTiming>(s => s.Stage == "evaluate" && s.Outcome == nameof(InvalidOperationException));
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        (await h.Registry.ListVersionsAsync()).Should().HaveCount(1);
    }

    [Fact]
    public async Task RunOnceAsync_RegistryThrowsDuringPromotion_OldChampionStaysNothingHalfPromoted()
    {
        var registry = new FailingAliasRegistry(new InMemoryModelRegistry<FakeModel>(h.Time));
        using var pipeline = h.Create(o =>
        {
            o.Registry = registry;
            o.Cooldown = TimeSpan.Zero;
        });
        await pipeline.RetrainNowAsync("initial");
        registry.FailSetAlias = true;
        h.Trainer.ThenReturn(0.97);

        var result = await pipeline.RetrainNowAsync("better model");

        result.Run!.State.Should().Be(RetrainRunState.Failed);
        result.Run.PromotedAt.Should().BeNull();
        result.Run.ChallengerVersion.Should().Be(2);
        result.Run.Stages.Last().Should().Match<RetrainStageTiming>(s => s.Stage == "promote" && s.Outcome == nameof(IOException));
        (await registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        (await registry.GetAliasHistoryAsync(ModelAliases.Champion)).Should().ContainSingle();
        (await pipeline.Signals.GetLastRetrainAsync())!.BaselineMetrics["Accuracy"].Should().Be(0.9);
    }

    [Fact]
    public async Task RunOnceAsync_CancelledDuringTraining_CancelledAndCauseMayRunAgain()
    {
        using var pipeline = h.Create();
        h.Trainer.ThenHang();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        using var cts = new CancellationTokenSource();

        var task = pipeline.RunOnceAsync(cts.Token).AsTask();
        await PipelineHarness.WaitUntilAsync(() => h.Trainer.Calls == 1);
        await cts.CancelAsync();
        var cancelled = await task;
        h.Time.Advance(TimeSpan.FromHours(2));
        var again = await pipeline.RunOnceAsync();

        cancelled.Run!.State.Should().Be(RetrainRunState.Cancelled);
        (await h.Store.GetFireKeyAsync("churn", cancelled.FireKey!))!.RunId.Should().Be(again.Run!.RunId);
        again.FireKey.Should().Be(cancelled.FireKey);
        again.Run.State.Should().Be(RetrainRunState.Promoted);
    }

    [Fact]
    public async Task RunOnceAsync_TwentyConcurrentCalls_ExactlyOneTraining()
    {
        using var pipeline = h.Create();
        var release = new TaskCompletionSource<TrainedModel<FakeModel>>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Trainer.Then(async (r, _) =>
        {
            await release.Task;
            return ScriptedTrainer.Model(r, 0.9);
        });
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await pipeline.RunOnceAsync())).ToArray();
        await PipelineHarness.WaitUntilAsync(() => calls.Count(c => c.IsCompleted) == 19);
        release.SetResult(null!);
        var results = await Task.WhenAll(calls);

        h.Trainer.Calls.Should().Be(1);
        results.Count(r => r.Verdict == RetrainVerdict.Run).Should().Be(1);
        results.Count(r => r.Verdict == RetrainVerdict.SingleFlight).Should().Be(19);
    }

    [Fact]
    public async Task RunOnceAsync_QueueOne_OneWaitsAndEndsAsDuplicate()
    {
        using var pipeline = h.Create(o =>
        {
            o.CollisionPolicy = RetrainCollisionPolicy.QueueOne;
            o.Cooldown = TimeSpan.Zero;
        });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Trainer.Then(async (r, _) =>
        {
            await release.Task;
            return ScriptedTrainer.Model(r, 0.9);
        });
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await pipeline.RunOnceAsync())).ToArray();
        await PipelineHarness.WaitUntilAsync(() => calls.Count(c => c.IsCompleted) == 18);
        release.SetResult();
        var results = await Task.WhenAll(calls);

        h.Trainer.Calls.Should().Be(1);
        results.Select(r => r.Verdict).Should().BeEquivalentTo(
            [RetrainVerdict.Run, RetrainVerdict.DuplicateCause, .. Enumerable.Repeat(RetrainVerdict.SingleFlight, 18)]);
    }

    [Fact]
    public async Task RunOnceAsync_ClockJumpsBackAnHour_NoDuplicateFiring()
    {
        // The breach keeps its recorded start although it lies in the future: the same cause. A new breach in the
        // past is held by the cooldown, measured from the recorded run.
        var clock = new JumpingClock(h.Time);
        h.Store = new InMemoryRetrainStore(clock);
        h.Registry = new InMemoryModelRegistry<FakeModel>(clock);
        using var pipeline = h.Create(o => o.TimeProvider = clock);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        h.Time.Advance(TimeSpan.FromHours(3));
        var first = await pipeline.RunOnceAsync();
        clock.Offset = TimeSpan.FromHours(-1);

        var sameCause = await pipeline.RunOnceAsync();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.9);
        await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);
        var newCauseInThePast = await pipeline.RunOnceAsync();

        first.Run!.State.Should().Be(RetrainRunState.Promoted);
        sameCause.Verdict.Should().Be(RetrainVerdict.DuplicateCause);
        sameCause.FireKey.Should().Be(first.FireKey);
        newCauseInThePast.Verdict.Should().Be(RetrainVerdict.SuppressedCooldown);
        newCauseInThePast.CooldownUntil.Should().Be(first.Run.CompletedAt!.Value.AddHours(1));
        h.Trainer.Calls.Should().Be(1);
    }

    [Fact]
    public async Task RunOnceAsync_ClockJumpsBackAnHourDuringABreach_SameCauseOnceTheClockCatchesUp()
    {
        // The breach that trained goes on through the jump: once the cooldown is over it is still the same cause.
        var clock = new JumpingClock(h.Time);
        h.Store = new InMemoryRetrainStore(clock);
        h.Registry = new InMemoryModelRegistry<FakeModel>(clock);
        using var pipeline = h.Create(o => o.TimeProvider = clock);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        h.Time.Advance(TimeSpan.FromHours(3));
        var first = await pipeline.RunOnceAsync();
        clock.Offset = TimeSpan.FromHours(-1);

        var behind = await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromHours(3));
        var caughtUp = await pipeline.RunOnceAsync();

        first.Run!.State.Should().Be(RetrainRunState.Promoted);
        behind.Verdict.Should().Be(RetrainVerdict.DuplicateCause, behind.Explanation);
        behind.FireKey.Should().Be(first.FireKey);
        caughtUp.Verdict.Should().Be(RetrainVerdict.DuplicateCause, caughtUp.Explanation);
        caughtUp.FireKey.Should().Be(first.FireKey);
        h.Trainer.Calls.Should().Be(1);
    }

    [Fact]
    public async Task RunOnceAsync_ClockBehindLastRunWithoutCooldown_SuppressedUntilClockPassesIt()
    {
        var clock = new JumpingClock(h.Time);
        h.Store = new InMemoryRetrainStore(clock);
        h.Registry = new InMemoryModelRegistry<FakeModel>(clock);
        using var pipeline = h.Create(o =>
        {
            o.TimeProvider = clock;
            o.Cooldown = TimeSpan.Zero;
        });
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        h.Time.Advance(TimeSpan.FromHours(3));
        var first = await pipeline.RunOnceAsync();
        clock.Offset = TimeSpan.FromHours(-1);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.9);
        await pipeline.RunOnceAsync();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);

        var behind = await pipeline.RunOnceAsync(); // a new breach, behind the recorded run

        behind.Verdict.Should().Be(RetrainVerdict.SuppressedCooldown);
        behind.CooldownUntil.Should().Be(first.Run!.CompletedAt);
        h.Trainer.Calls.Should().Be(1);
    }

    /// <summary>A clock that can be set back (a fake clock cannot), delegating timers to the fake clock.</summary>
    private sealed class JumpingClock(Microsoft.Extensions.Time.Testing.FakeTimeProvider inner) : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);
    }

    private sealed class FixedInspector(DataSummary summary) : ITrainingDataInspector
    {
        public ValueTask<DataSummary> InspectAsync(TrainingRequest request, CancellationToken cancellationToken = default) => new(summary);
    }

    /// <summary>A registry whose alias moves fail on demand, as a registry on a failing disk would.</summary>
    private sealed class FailingAliasRegistry(IModelRegistry<FakeModel> inner) : IModelRegistry<FakeModel>
    {
        public bool FailSetAlias { get; set; }

        public ValueTask<ModelVersion> RegisterAsync(ModelRegistration<FakeModel> registration, CancellationToken cancellationToken = default) => inner.RegisterAsync(registration, cancellationToken);

        public ValueTask<ModelVersion?> GetVersionAsync(int version, CancellationToken cancellationToken = default) => inner.GetVersionAsync(version, cancellationToken);

        public ValueTask<ModelVersion?> GetByAliasAsync(string alias, CancellationToken cancellationToken = default) => inner.GetByAliasAsync(alias, cancellationToken);

        public ValueTask<IReadOnlyList<ModelVersion>> ListVersionsAsync(CancellationToken cancellationToken = default) => inner.ListVersionsAsync(cancellationToken);

        public ValueTask<FakeModel> LoadAsync(int version, CancellationToken cancellationToken = default) => inner.LoadAsync(version, cancellationToken);

        public ValueTask<DatasetProfile?> LoadReferenceProfileAsync(int version, CancellationToken cancellationToken = default) => inner.LoadReferenceProfileAsync(version, cancellationToken);

        public ValueTask<ModelAliasChange> SetAliasAsync(string alias, int version, string reason, CancellationToken cancellationToken = default) =>
            FailSetAlias ? throw new IOException("the registry volume is read-only") : inner.SetAliasAsync(alias, version, reason, cancellationToken);

        public ValueTask<IReadOnlyList<ModelAliasChange>> GetAliasHistoryAsync(string? alias = null, CancellationToken cancellationToken = default) => inner.GetAliasHistoryAsync(alias, cancellationToken);

        public ValueTask<ModelAliasChange> RollbackAsync(string alias, int? toVersion, string reason, CancellationToken cancellationToken = default) =>
            inner.RollbackAsync(alias, toVersion, reason, cancellationToken);

        public ValueTask<ModelVersion> SetTagAsync(int version, string key, string? value, CancellationToken cancellationToken = default) => inner.SetTagAsync(version, key, value, cancellationToken);
    }
}
