using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration.Stores;

/// <summary>
/// The contract of <see cref="IRetrainStore"/>, as tests: every store derives a test class from this one and passes it.
/// A store for another database implements <see cref="CreateStore"/> (and <see cref="Reopen"/> to prove durability).
/// </summary>
public abstract class RetrainStoreConformanceTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected RetrainStoreConformanceTests()
    {
        Time = new FakeTimeProvider(T0);
    }

    protected FakeTimeProvider Time { get; }

    /// <summary>Creates an empty store on fresh storage, using <see cref="Time"/> as its clock.</summary>
    protected abstract IRetrainStore CreateStore();

    /// <summary>Opens a second instance on the same storage as <paramref name="store"/> (as another process would); the same instance for a store without storage.</summary>
    protected abstract IRetrainStore Reopen(IRetrainStore store);

    [Fact]
    public async Task TryAcquireLease_Free_GrantsIncreasingTokens()
    {
        var store = CreateStore();

        var first = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        await store.ReleaseLeaseAsync(first!);
        var second = await store.TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(5));

        first!.ExpiresAt.Should().Be(T0.AddMinutes(5));
        first.Owner.Should().Be("a");
        second!.FencingToken.Should().BeGreaterThan(first.FencingToken);
    }

    [Fact]
    public async Task TryAcquireLease_HeldByAnother_RefusedUntilExpiry()
    {
        var store = CreateStore();
        var held = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));

        var refused = await Reopen(store).TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(5));
        Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var taken = await Reopen(store).TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(5));

        refused.Should().BeNull();
        taken!.FencingToken.Should().BeGreaterThan(held!.FencingToken);
    }

    [Fact]
    public async Task RenewLease_Current_KeepsTokenAndExtends()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        Time.Advance(TimeSpan.FromMinutes(4));

        var renewed = await store.RenewLeaseAsync(lease!, TimeSpan.FromMinutes(5));
        Time.Advance(TimeSpan.FromMinutes(4));
        var refused = await store.TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(5));

        renewed!.FencingToken.Should().Be(lease!.FencingToken);
        renewed.ExpiresAt.Should().Be(T0.AddMinutes(9));
        refused.Should().BeNull();
    }

    [Fact]
    public async Task RenewLease_Superseded_ReturnsNull()
    {
        var store = CreateStore();
        var old = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));
        await store.TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(1));

        (await store.RenewLeaseAsync(old!, TimeSpan.FromMinutes(1))).Should().BeNull();
    }

    [Fact]
    public async Task ReleaseLease_Held_OthersAcquireAtOnce()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromHours(1));

        await store.ReleaseLeaseAsync(lease!);

        (await store.TryAcquireLeaseAsync("churn", "b", TimeSpan.FromHours(1))).Should().NotBeNull();
    }

    [Fact]
    public async Task Writes_WithSupersededLease_AreRefused()
    {
        var store = CreateStore();
        var old = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));
        var current = await store.TryAcquireLeaseAsync("churn", "b", TimeSpan.FromMinutes(1));

        await FluentActions.Awaiting(async () => await store.SaveRunAsync(old!, Run("r1"))).Should().ThrowAsync<RetrainLeaseLostException>();
        await FluentActions.Awaiting(async () => await store.TryRecordFireKeyAsync(old!, "k", "r1")).Should().ThrowAsync<RetrainLeaseLostException>();
        await FluentActions.Awaiting(async () => await store.ReleaseFireKeyAsync(old!, "k", "r1")).Should().ThrowAsync<RetrainLeaseLostException>();
        await store.SaveRunAsync(current!, Run("r2"));
        (await store.GetRunAsync("churn", "r1")).Should().BeNull();
        (await store.GetRunAsync("churn", "r2")).Should().NotBeNull();
    }

    [Fact]
    public async Task TryRecordFireKey_Twice_SecondIsRefusedAcrossInstances()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));

        var first = await store.TryRecordFireKeyAsync(lease!, "churn|root|breach@1", "run-1");
        var again = await Reopen(store).TryRecordFireKeyAsync(lease!, "churn|root|breach@1", "run-2");
        var entry = await Reopen(store).GetFireKeyAsync("churn", "churn|root|breach@1");

        first.Should().BeTrue();
        again.Should().BeFalse();
        entry.Should().Be(new FireKeyRecord("churn|root|breach@1", "run-1", T0));
    }

    [Fact]
    public async Task ReleaseFireKey_OnlyByTheRunThatRecordedIt()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        await store.TryRecordFireKeyAsync(lease!, "k", "run-1");

        await store.ReleaseFireKeyAsync(lease!, "k", "run-2");
        var kept = await store.GetFireKeyAsync("churn", "k");
        await store.ReleaseFireKeyAsync(lease!, "k", "run-1");

        kept.Should().NotBeNull();
        (await store.GetFireKeyAsync("churn", "k")).Should().BeNull();
    }

    [Fact]
    public async Task SaveRun_Full_RoundTripsEveryField()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        var run = FullRun();

        await store.SaveRunAsync(lease!, run);
        var read = await Reopen(store).GetRunAsync("churn", run.RunId);

        read!.Explain().Should().Be(run.Explain());
        read.Should().BeEquivalentTo(run, o => o.Excluding(r => r.Trigger).Excluding(r => r.Decision).Excluding(r => r.Validation));
        read.Trigger!.ToJson().Should().Be(run.Trigger!.ToJson());
        read.Decision!.ToJson().Should().Be(run.Decision!.ToJson());
        read.Validation!.Checks.Should().Equal(run.Validation!.Checks);
    }

    [Fact]
    public async Task SaveRun_SameId_Replaces()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));

        await store.SaveRunAsync(lease!, Run("r1"));
        await store.SaveRunAsync(lease!, Run("r1") with { State = RetrainRunState.Rejected });

        var runs = await store.QueryRunsAsync("churn", new RetrainRunQuery());
        runs.Should().ContainSingle().Which.State.Should().Be(RetrainRunState.Rejected);
    }

    [Fact]
    public async Task SaveRun_OtherPipeline_Throws()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));

        await FluentActions.Awaiting(async () => await store.SaveRunAsync(lease!, Run("r1") with { PipelineName = "fraud" }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*fraud*churn*");
    }

    [Fact]
    public async Task QueryRuns_FiltersByStateAndTime_NewestFirstWithinLimit()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        await store.SaveRunAsync(lease!, Run("r1", T0, RetrainRunState.Promoted));
        await store.SaveRunAsync(lease!, Run("r2", T0.AddDays(1), RetrainRunState.Rejected));
        await store.SaveRunAsync(lease!, Run("r3", T0.AddDays(2), RetrainRunState.Promoted));
        await store.SaveRunAsync(lease!, Run("r4", T0.AddDays(3), RetrainRunState.Failed));

        var all = await store.QueryRunsAsync("churn", new RetrainRunQuery());
        var lastTwo = await store.QueryRunsAsync("churn", new RetrainRunQuery { Limit = 2 });
        var promoted = await store.QueryRunsAsync("churn", new RetrainRunQuery { States = [RetrainRunState.Promoted] });
        var window = await store.QueryRunsAsync("churn", new RetrainRunQuery { StartedFrom = T0.AddDays(1), StartedBefore = T0.AddDays(3) });
        var otherPipeline = await store.QueryRunsAsync("fraud", new RetrainRunQuery());

        all.Select(r => r.RunId).Should().Equal("r4", "r3", "r2", "r1");
        lastTwo.Select(r => r.RunId).Should().Equal("r4", "r3");
        promoted.Select(r => r.RunId).Should().Equal("r3", "r1");
        window.Select(r => r.RunId).Should().Equal("r3", "r2");
        otherPipeline.Should().BeEmpty();
    }

    [Fact]
    public async Task QueryRuns_LimitBelowOne_Throws()
    {
        var store = CreateStore();

        await FluentActions.Awaiting(async () => await store.QueryRunsAsync("churn", new RetrainRunQuery { Limit = 0 }))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task RecordMetric_KeepsNewestWithTimestamp()
    {
        var store = CreateStore();

        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.91, T0.AddHours(2)));
        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.5, T0.AddHours(1)));
        await store.RecordMetricAsync("churn", "Loss", new MetricSample(double.NaN, T0));
        var reopened = Reopen(store);

        (await reopened.GetMetricAsync("churn", "Accuracy")).Should().Be(new MetricSample(0.91, T0.AddHours(2)));
        double.IsNaN((await reopened.GetMetricAsync("churn", "Loss"))!.Value.Value).Should().BeTrue();
        (await reopened.GetMetricAsync("churn", "accuracy")).Should().BeNull();
        (await reopened.GetMetricAsync("fraud", "Accuracy")).Should().BeNull();
    }

    [Fact]
    public async Task AddLabeledRows_AccumulatesDurably()
    {
        var store = CreateStore();

        var afterFirst = await store.AddLabeledRowsAsync("churn", 1200);
        var afterSecond = await Reopen(store).AddLabeledRowsAsync("churn", 300);

        afterFirst.Should().Be(1200);
        afterSecond.Should().Be(1500);
        (await Reopen(store).GetLabeledRowTotalAsync("churn")).Should().Be(1500);
        (await store.GetLabeledRowTotalAsync("fraud")).Should().Be(0);
        await FluentActions.Awaiting(async () => await store.AddLabeledRowsAsync("churn", -1)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task AddLabeledRows_PastLongMaxValue_RefusedNamingCountAndTheLimitTotalUnchanged()
    {
        var store = CreateStore();
        await store.AddLabeledRowsAsync("churn", long.MaxValue - 10);

        var thrown = (await FluentActions.Awaiting(async () => await store.AddLabeledRowsAsync("churn", 11)).Should().ThrowAsync<ArgumentOutOfRangeException>()).Which;

        thrown.ParamName.Should().Be("count");
        thrown.Message.Should().Contain("running total of 9223372036854775797").And.Contain("largest total, 9223372036854775807 (long.MaxValue)").And.Contain("nothing was added");
        (await Reopen(store).GetLabeledRowTotalAsync("churn")).Should().Be(long.MaxValue - 10, "a refused add leaves the total as it was");
        (await store.AddLabeledRowsAsync("churn", 10)).Should().Be(long.MaxValue, "the largest total itself is allowed");
    }

    [Fact]
    public async Task RecordDrift_DatasetAndFeaturesAreSeparate()
    {
        var store = CreateStore();
        var dataset = new DriftSignal { Score = 0.31, Level = DriftDecision.Drift, Statistic = "Psi", ComputedAt = T0 };
        var feature = new DriftSignal { Score = 0.12, Level = DriftDecision.Warning };

        await store.RecordDriftAsync("churn", null, dataset);
        await store.RecordDriftAsync("churn", "tenure", feature);
        var reopened = Reopen(store);

        (await reopened.GetDriftAsync("churn", null)).Should().BeEquivalentTo(dataset);
        (await reopened.GetDriftAsync("churn", "tenure")).Should().BeEquivalentTo(feature);
        (await reopened.GetDriftAsync("churn", "age")).Should().BeNull();
    }

    [Fact]
    public async Task TriggerState_SetGetRemove_IsolatedPerPipeline()
    {
        var store = CreateStore();
        var churn = store.GetTriggerStateStore("churn");

        await churn.SetAsync("root/sustained", "{\"count\":2}");
        var read = await Reopen(store).GetTriggerStateStore("churn").GetAsync("root/sustained");
        var other = await store.GetTriggerStateStore("fraud").GetAsync("root/sustained");
        await churn.RemoveAsync("root/sustained");

        read.Should().Be("{\"count\":2}");
        other.Should().BeNull();
        (await Reopen(store).GetTriggerStateStore("churn").GetAsync("root/sustained")).Should().BeNull();
    }

    [Fact]
    public async Task PipelineName_Invalid_Throws()
    {
        var store = CreateStore();

        await FluentActions.Awaiting(async () => await store.GetLabeledRowTotalAsync("a/b"))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*'/'*");
    }

    protected static RetrainRun Run(string id, DateTimeOffset? startedAt = null, RetrainRunState state = RetrainRunState.Running) => new()
    {
        RunId = id,
        PipelineName = "churn",
        State = state,
        IsManual = false,
        Reason = "accuracy 0.8 < 0.85",
        StartedAt = startedAt ?? T0,
    };

    protected static RetrainRun FullRun()
    {
        var decision = PipelineHarness.Policy.Decide(
            new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = 0.8 }),
            new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
        return Run("20260302T090000Z-abc") with
        {
            State = RetrainRunState.Promoted,
            FireKey = "churn|accuracy-low|episode@2026-03-02T09:00:00.0000000Z",
            Trigger = new TriggerResult
            {
                Name = "accuracy-low",
                Kind = "Threshold",
                Outcome = TriggerOutcome.Fired,
                Path = "accuracy-low",
                ObservedValue = 0.8,
                Threshold = 0.85,
                Reason = "Accuracy 0.8 < 0.85",
                EvaluatedAt = T0,
            },
            CompletedAt = T0.AddMinutes(12),
            ChampionVersion = 1,
            Validation = new DataValidationResult([new DataCheckResult("MinimumRows(100)", true, "1000 rows >= 100")]),
            TrainingAttempts = 2,
            TrainingRowCount = 1000,
            LabeledRowMark = 5400,
            ChampionEvaluation = new HoldoutMetrics(1000, new Dictionary<string, double> { ["Accuracy"] = 0.8 }),
            ChallengerEvaluation = new HoldoutMetrics(1000, new Dictionary<string, double> { ["Accuracy"] = 0.9, ["LogLoss"] = double.NaN }),
            Decision = decision,
            ChallengerVersion = 2,
            PromotedAt = T0.AddMinutes(12),
            ErrorType = null,
            Stages = [new RetrainStageTiming("train", T0, TimeSpan.FromMinutes(10), "ok"), new RetrainStageTiming("promote", T0.AddMinutes(12), TimeSpan.FromMilliseconds(3), "ok")],
        };
    }
}
