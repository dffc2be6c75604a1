using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;
using RetrainTriggers.Tests.Triggers;

namespace RetrainTriggers.Tests.Drift;

public class ProfileDriftSignalSourceTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
    private DriftWindow? current;
    private int windowReads;

    private static DatasetProfile Profile() => DatasetProfile.Build(new DriftWindow()
        .AddNumeric("age", DriftTestData.Normal(1, 4000, 40, 10))
        .AddNumeric("income", DriftTestData.Normal(2, 4000, 50_000, 8_000))
        .AddNumeric("score", DriftTestData.Normal(3, 4000))
        .AddCategorical("plan", DriftTestData.Categories(4, 4000, ("basic", 6), ("pro", 3), ("team", 1))));

    private static DriftWindow Window(bool drifted) => new DriftWindow()
        .AddNumeric("age", DriftTestData.Normal(11, 2000, drifted ? 48 : 40, 10))
        .AddNumeric("income", DriftTestData.Normal(12, 2000, drifted ? 60_000 : 50_000, 8_000))
        .AddNumeric("score", DriftTestData.Normal(13, 2000))
        .AddCategorical("plan", DriftTestData.Categories(14, 2000, ("basic", 6), ("pro", 3), ("team", 1)));

    private ProfileDriftSignalSource Source() => new(
        new DriftDetector(Profile(), timeProvider: time),
        _ =>
        {
            windowReads++;
            return ValueTask.FromResult(current);
        });

    private Task<TriggerResult> EvaluateAsync(ITrigger trigger, IDriftSignalSource source) =>
        TriggerEvaluator.EvaluateAsync(trigger, new TriggerContext(time, new TestStateStore()) { Drift = source }).AsTask();

    [Fact]
    public async Task DatasetTrigger_HalfOfFeaturesDrifted_FiresAndListsThem()
    {
        current = Window(drifted: true);
        var source = Source();

        var result = await EvaluateAsync(Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift }), source);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Contain("drifted: ").And.Contain("age (Drift, psi ").And.Contain("income (Drift, psi ");
        result.Reason.Should().NotContain("score (").And.NotContain("plan (");
        result.ObservedValue.Should().Be(0.5);
        source.LatestReport!.DatasetDecision.Should().Be(DriftDecision.Drift);
    }

    [Fact]
    public async Task DatasetTrigger_NoDrift_DoesNotFire()
    {
        current = Window(drifted: false);

        var result = await EvaluateAsync(Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Warning }), Source());

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.ObservedValue.Should().Be(0);
    }

    [Fact]
    public async Task ScoreTrigger_OnDriftShare_ComparesTheShare()
    {
        current = Window(drifted: true);

        var above = await EvaluateAsync(Trigger.Drift(scoreAbove: 0.4), Source());
        var below = await EvaluateAsync(Trigger.Drift(scoreAbove: 0.5), Source());

        above.Outcome.Should().Be(TriggerOutcome.Fired);
        above.Reason.Should().Contain("drift_share");
        below.Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task FeatureTriggers_InOneTree_ShareOneReport()
    {
        current = Window(drifted: true);
        var source = Source();
        var tree = Trigger.Any(
            Trigger.Drift(new DriftOptions { Feature = "score", MinLevel = DriftDecision.Warning }),
            Trigger.Drift(new DriftOptions { Feature = "income", MinLevel = DriftDecision.Drift }));

        var result = await EvaluateAsync(tree, source);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Children[0].Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Children[1].Outcome.Should().Be(TriggerOutcome.Fired);
        result.Children[1].Reason.Should().Contain("income (Drift, psi ");
        windowReads.Should().Be(2);
        source.LatestReport!.FeatureCount.Should().Be(4);
    }

    [Fact]
    public async Task NoWindow_IsInsufficientData()
    {
        current = null;

        var result = await EvaluateAsync(Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift }), Source());

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
    }

    [Fact]
    public async Task TooSmallWindow_IsInsufficientDataNotNoDrift()
    {
        current = new DriftWindow()
            .AddNumeric("age", new double[5])
            .AddNumeric("income", new double[5])
            .AddNumeric("score", new double[5])
            .AddCategorical("plan", new string?[] { "basic", "pro" });

        var dataset = await EvaluateAsync(Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift }), Source());
        var feature = await EvaluateAsync(Trigger.Drift(new DriftOptions { Feature = "age", MinLevel = DriftDecision.Drift }), Source());

        dataset.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        feature.Outcome.Should().Be(TriggerOutcome.InsufficientData);
    }

    [Fact]
    public async Task UnknownFeature_ThrowsNamingIt()
    {
        current = Window(drifted: false);

        var act = async () => await Source().GetDriftAsync("agee");

        await act.Should().ThrowAsync<ArgumentException>().WithParameterName("feature").WithMessage("*'agee'*");
    }

    [Fact]
    public async Task SameWindow_IsCheckedOnce_NewWindowIsChecked()
    {
        current = Window(drifted: false);
        var source = Source();

        await source.GetDriftAsync(null);
        var first = source.LatestReport;
        await source.GetDriftAsync("age");
        source.LatestReport.Should().BeSameAs(first);
        current = Window(drifted: true);
        var signal = await source.GetDriftAsync(null);

        source.LatestReport.Should().NotBeSameAs(first);
        signal!.Level.Should().Be(DriftDecision.Drift);
        signal.ComputedAt.Should().Be(time.GetUtcNow());
    }

    [Fact]
    public void Constructor_Nulls_Throw()
    {
        var detector = new DriftDetector(Profile());

        ((Action)(() => _ = new ProfileDriftSignalSource(null!, (IDriftWindowSource)null!))).Should().Throw<ArgumentNullException>().WithParameterName("detector");
        ((Action)(() => _ = new ProfileDriftSignalSource(detector, (Func<CancellationToken, ValueTask<DriftWindow?>>)null!))).Should().Throw<ArgumentNullException>().WithParameterName("windows");
    }
}
