using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration;

public partial class RetrainPipelineTests
{
    private readonly PipelineHarness h = new();

    [Fact]
    public async Task RunOnceAsync_NoSignal_NotFiredAndNothingTrained()
    {
        using var pipeline = h.Create();

        var result = await pipeline.RunOnceAsync();

        result.Verdict.Should().Be(RetrainVerdict.NotFired);
        result.Run.Should().BeNull();
        h.Trainer.Calls.Should().Be(0);
        (await pipeline.GetRunsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task RunOnceAsync_FiredWithoutChampion_PromotesAndRecordsEveryStage()
    {
        using var pipeline = h.Create();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var result = await pipeline.RunOnceAsync();

        result.Verdict.Should().Be(RetrainVerdict.Run);
        var run = result.Run!;
        run.State.Should().Be(RetrainRunState.Promoted);
        run.IsManual.Should().BeFalse();
        run.FireKey.Should().StartWith("churn|accuracy-low|");
        run.Trigger!.Fired.Should().BeTrue();
        run.ChallengerVersion.Should().Be(1);
        run.ChampionVersion.Should().BeNull();
        run.ChallengerEvaluation!.Metrics["Accuracy"].Should().Be(0.9);
        run.Decision!.IsPromoted.Should().BeTrue();
        run.TrainingAttempts.Should().Be(1);
        run.Stages.Select(s => s.Stage).Should().Equal("train", "evaluate", "register", "promote");
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        (await h.Store.GetFireKeyAsync("churn", run.FireKey!))!.RunId.Should().Be(run.RunId);
        (await pipeline.GetRunsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(run);
        h.Notifier.Received.Select(n => n.Kind).Should().Equal(RetrainNotificationKind.Promoted);
        run.Explain().Should().Contain("Promoted").And.Contain("accuracy-low").And.Contain("Decision:");
    }

    [Fact]
    public async Task RunOnceAsync_SameCauseAfterCooldown_DuplicateCauseNotRetrained()
    {
        using var pipeline = h.Create();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        var first = await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromHours(2));

        var second = await pipeline.RunOnceAsync();

        second.Verdict.Should().Be(RetrainVerdict.DuplicateCause);
        second.FireKey.Should().Be(first.FireKey);
        second.Explanation.Should().Contain(first.Run!.RunId);
        h.Trainer.Calls.Should().Be(1);
    }

    [Fact]
    public async Task RunOnceAsync_NewCauseDuringCooldown_SuppressedThenRunsAfterIt()
    {
        using var pipeline = h.Create();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        await pipeline.RunOnceAsync();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.9);
        (await pipeline.RunOnceAsync()).Verdict.Should().Be(RetrainVerdict.NotFired);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);

        var during = await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Trainer.ThenReturn(0.95);
        var after = await pipeline.RunOnceAsync();

        during.Verdict.Should().Be(RetrainVerdict.SuppressedCooldown);
        during.CooldownUntil.Should().Be(PipelineHarness.Start.AddHours(1));
        after.Verdict.Should().Be(RetrainVerdict.Run);
        after.FireKey.Should().Be(during.FireKey);
        after.Run!.State.Should().Be(RetrainRunState.Promoted);
        h.Trainer.Calls.Should().Be(2);
    }

    [Fact]
    public async Task RunOnceAsync_WorseChallenger_RejectedAndChampionStays()
    {
        using var pipeline = h.Create(o => o.Cooldown = TimeSpan.Zero);
        h.Trainer.ThenReturn(0.9).ThenReturn(0.8);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);
        await pipeline.RunOnceAsync();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.95);
        await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.7);

        var result = await pipeline.RunOnceAsync();

        var run = result.Run!;
        run.State.Should().Be(RetrainRunState.Rejected);
        run.ChampionVersion.Should().Be(1);
        run.ChallengerVersion.Should().Be(2);
        run.ChampionEvaluation!.Metrics["Accuracy"].Should().Be(0.9);
        run.ChallengerEvaluation!.Metrics["Accuracy"].Should().Be(0.8);
        run.Decision!.IsPromoted.Should().BeFalse();
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        h.Notifier.Received.Select(n => n.Kind).Should().Equal(RetrainNotificationKind.Promoted, RetrainNotificationKind.Rejected);
    }

    [Fact]
    public async Task EvaluateAsync_Fired_IsADryRunWithoutSideEffects()
    {
        using var pipeline = h.Create();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var dry = await pipeline.EvaluateAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var real = await pipeline.RunOnceAsync();

        dry.Verdict.Should().Be(RetrainVerdict.Run);
        dry.Run.Should().BeNull();
        dry.Explanation.Should().Contain("would start").And.Contain("accuracy-low");
        real.FireKey.Should().NotBe(dry.FireKey, "the dry run did not start the episode; the real evaluation a minute later did");
        h.Trainer.Calls.Should().Be(1);
    }

    [Fact]
    public async Task EvaluateAsync_NothingRecorded_LeavesStoreUntouched()
    {
        var store = new InMemoryRetrainStore(h.Time);
        h.Store = store;
        using var pipeline = h.Create();
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        await pipeline.EvaluateAsync();

        (await store.GetTriggerStateStore("churn").GetAsync("/retrain-episode")).Should().BeNull();
        (await store.QueryRunsAsync("churn", new RetrainRunQuery())).Should().BeEmpty();
        h.Trainer.Calls.Should().Be(0);
    }

    [Fact]
    public async Task RetrainNowAsync_Manual_RunsAndIsAudited()
    {
        using var pipeline = h.Create();

        var result = await pipeline.RetrainNowAsync("new labels from the March campaign");

        result.Verdict.Should().Be(RetrainVerdict.Run);
        result.Run!.IsManual.Should().BeTrue();
        result.Run.Reason.Should().Be("new labels from the March campaign");
        result.Run.FireKey.Should().BeNull();
        result.Run.State.Should().Be(RetrainRunState.Promoted);
        h.Trainer.Requests.Single().Reason.Should().Be("new labels from the March campaign");
        (await h.Registry.GetVersionAsync(1))!.Reason.Should().Be("new labels from the March campaign");
    }

    [Fact]
    public async Task RetrainNowAsync_DuringCooldown_SuppressedUnlessBypassed()
    {
        using var pipeline = h.Create();
        await pipeline.RetrainNowAsync("first");

        var suppressed = await pipeline.RetrainNowAsync("second");
        var bypassed = await pipeline.RetrainNowAsync("third", bypassCooldown: true);

        suppressed.Verdict.Should().Be(RetrainVerdict.SuppressedCooldown);
        bypassed.Verdict.Should().Be(RetrainVerdict.Run);
        h.Trainer.Calls.Should().Be(2);
    }

    [Fact]
    public async Task RetrainNowAsync_EmptyReason_Throws()
    {
        using var pipeline = h.Create();

        await FluentActions.Awaiting(async () => await pipeline.RetrainNowAsync(" ")).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Signals_AfterPromotion_LastRetrainFromRegistryAndRowCountRestarts()
    {
        using var pipeline = h.Create();
        await pipeline.Signals.AddLabeledRowsAsync(5000);
        await pipeline.RetrainNowAsync("initial model");
        await pipeline.Signals.AddLabeledRowsAsync(700);

        var last = await pipeline.Signals.GetLastRetrainAsync();
        var rows = await pipeline.Signals.GetNewLabeledRowCountAsync();

        last!.CompletedAt.Should().Be(PipelineHarness.Start);
        last.TrainingRowCount.Should().Be(1000);
        last.BaselineMetrics["Accuracy"].Should().Be(0.9);
        rows.Should().Be(700);
    }

    [Fact]
    public void Ctor_InvalidOptions_ListsEveryProblem()
    {
        var options = h.Options(o =>
        {
            o.Name = "churn model";
            o.Trainer = null;
            o.MaxTrainingAttempts = 0;
            o.Cooldown = TimeSpan.FromSeconds(-1);
            o.Validators.Add(DataValidators.MinimumRows(10));
        });

        var create = () => new RetrainPipeline<FakeModel>(options);

        create.Should().Throw<ArgumentException>()
            .WithMessage("*Name:*' '*")
            .WithMessage("*Trainer is required*")
            .WithMessage("*MaxTrainingAttempts must be from 1 to 100 (was 0)*")
            .WithMessage("*Cooldown must be from 0 to 3650 days (was -00:00:01)*")
            .WithMessage("*DataInspector is required*");
    }
}
