using RetrainTriggers.Drift;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Drift;

namespace RetrainTriggers.Tests.Orchestration;

public partial class RetrainPipelineTests
{
    private static readonly DatasetProfile ProfileNearZero = DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(1, 2000, 0, 1)));
    private static readonly DatasetProfile ProfileNearFive = DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(2, 2000, 5, 1)));

    [Fact]
    public async Task Watch_DegradedBeyondMargin_RollsBackToThePreviousChampionAndItsProfile()
    {
        var windows = new FixedWindows(new DriftWindow().AddNumeric("x", DriftTestData.Normal(3, 1000, 0, 1)));
        using var pipeline = h.Create(o =>
        {
            o.Trigger = Trigger.Below("Accuracy", 0.85, "accuracy-low") | Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift, Name = "drift" });
            o.DriftWindows = windows;
            o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(1), MaxDegradation = 0.02 };
        });
        var promoted = await PromoteSecondChampionAsync(pipeline, ProfileNearZero, ProfileNearFive);
        (await pipeline.EvaluateAsync()).Explanation.Should().Contain("[Fired] drift (Drift)", "live data near 0 drift from v2's profile near 5");

        h.Time.Advance(TimeSpan.FromHours(2));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.86);
        var tick = await pipeline.RunOnceAsync();

        var run = (await pipeline.GetRunsAsync()).First();
        run.RunId.Should().Be(promoted.RunId);
        run.State.Should().Be(RetrainRunState.RolledBack);
        run.RollbackReason.Should().Contain("Accuracy 0.86").And.Contain("0.04 worse than the previous champion's 0.9 (margin 0.02)");
        run.Stages.Select(s => s.Stage).Should().EndWith("rollback");
        run.Explain().Should().Contain("RolledBack").And.Contain(run.RollbackReason);
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        var change = (await h.Registry.GetAliasHistoryAsync(ModelAliases.Champion))[^1];
        (change.Version, change.PreviousVersion, change.IsRollback).Should().Be((1, (int?)2, true));
        change.Reason.Should().Contain(run.RunId);
        var notification = h.Notifier.Received.Last();
        notification.Kind.Should().Be(RetrainNotificationKind.RolledBack);
        notification.Run.RunId.Should().Be(run.RunId);
        tick.Verdict.Should().Be(RetrainVerdict.NotFired, "the drift reference is v1's profile again, which the live data match: " + tick.Explanation);
        h.Trainer.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Watch_DegradedWithinMargin_ChampionStays()
    {
        using var pipeline = h.Create(o => o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(1), MaxDegradation = 0.02 });
        var promoted = await PromoteSecondChampionAsync(pipeline);

        h.Time.Advance(TimeSpan.FromHours(2));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.885);
        (await pipeline.CheckWatchAsync()).Should().BeNull();
        await pipeline.RunOnceAsync();

        (await pipeline.GetRunsAsync()).First().Should().BeEquivalentTo(promoted);
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(2);
        h.Notifier.Received.Should().NotContain(n => n.Kind == RetrainNotificationKind.RolledBack);
    }

    [Fact]
    public async Task Watch_ReadingFromBeforeThePromotion_IsNotHeldAgainstTheNewChampion()
    {
        using var pipeline = h.Create(o => o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(1), MaxDegradation = 0.02 });
        await PromoteSecondChampionAsync(pipeline);

        // The latest reading (0.8) was recorded before v2 went into service.
        h.Time.Advance(TimeSpan.FromHours(2));

        (await pipeline.CheckWatchAsync()).Should().BeNull();
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task Watch_AfterTheWindow_EndsAndADegradedReadingNoLongerRollsBack()
    {
        using var pipeline = h.Create(o => o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(1), MaxDegradation = 0.02 });
        var promoted = await PromoteSecondChampionAsync(pipeline);

        h.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.86);
        (await pipeline.CheckWatchAsync()).Should().BeNull();
        await pipeline.RunOnceAsync();

        (await pipeline.GetRunsAsync()).First().State.Should().Be(RetrainRunState.Promoted);
        (await pipeline.GetRunsAsync()).First().RunId.Should().Be(promoted.RunId);
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task Watch_JustInsideTheWindow_StillRollsBack()
    {
        using var pipeline = h.Create(o => o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(1), MaxDegradation = 0.02 });
        var promoted = await PromoteSecondChampionAsync(pipeline);

        h.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.86);
        var rolledBack = await pipeline.CheckWatchAsync();

        rolledBack!.RunId.Should().Be(promoted.RunId);
        rolledBack.State.Should().Be(RetrainRunState.RolledBack);
        (await h.Registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
    }

    /// <summary>v1 (accuracy 0.9) is promoted without a champion, then v2 (0.95) beats it on a new breach; returns v2's run.</summary>
    private async Task<RetrainRun> PromoteSecondChampionAsync(RetrainPipeline<FakeModel> pipeline, DatasetProfile? first = null, DatasetProfile? second = null)
    {
        h.Trainer.Then((r, _) => Task.FromResult(WithProfile(r, 0.9, first)));
        h.Trainer.Then((r, _) => Task.FromResult(WithProfile(r, 0.95, second)));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        (await pipeline.RunOnceAsync()).Run!.State.Should().Be(RetrainRunState.Promoted);
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.9);
        (await pipeline.RunOnceAsync()).Verdict.Should().Be(RetrainVerdict.NotFired);
        h.Time.Advance(TimeSpan.FromHours(2));
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
        var run = (await pipeline.RunOnceAsync()).Run!;
        run.State.Should().Be(RetrainRunState.Promoted, run.Explain());
        (run.ChampionVersion, run.ChallengerVersion).Should().Be((1, 2));
        run.ChampionEvaluation!.Metrics["Accuracy"].Should().Be(0.9);
        return run;
    }

    private static TrainedModel<FakeModel> WithProfile(TrainingRequest request, double accuracy, DatasetProfile? profile) =>
        new(new FakeModel(request.RunId, accuracy), 1000, new Dictionary<string, double> { ["Accuracy"] = accuracy }, referenceProfile: profile);

    private sealed class FixedWindows(DriftWindow window) : IDriftWindowSource
    {
        public ValueTask<DriftWindow?> GetCurrentWindowAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<DriftWindow?>(window);
    }
}
