using Microsoft.Extensions.Time.Testing;

namespace RetrainTriggers.Tests.Triggers.FeatureImportance;

public class FeatureImportanceShiftTriggerTests
{
    private static readonly Dictionary<string, double> AtRetrain = new(StringComparer.Ordinal)
    {
        ["income"] = 0.40, ["age"] = 0.30, ["tenure"] = 0.20, ["region"] = 0.10,
    };

    [Fact]
    public async Task EvaluateAsync_ImportanceMovedFromIncomeToRegion_FiresAndListsTheMovers()
    {
        var now = new Dictionary<string, double>(StringComparer.Ordinal) { ["income"] = 0.15, ["age"] = 0.30, ["tenure"] = 0.20, ["region"] = 0.35 };
        var trigger = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { Source = new Importances(AtRetrain, now), MaxShareShift = 0.2 });

        var result = await Evaluate(trigger);

        result.Fired.Should().BeTrue();
        result.ObservedValue.Should().BeApproximately(0.25, 1e-12, "½(|0.15 − 0.40| + |0.35 − 0.10|)");
        result.Reason.Should().Be("importance shift 25% >= 20%; moved: income 40% -> 15% (rank 1 -> 4), region 10% -> 35% (rank 4 -> 1)");
    }

    [Fact]
    public async Task EvaluateAsync_SmallShiftScaledDifferently_DoesNotFire()
    {
        // Ten times larger raw scores with the same shares plus a small move: only shares count.
        var now = new Dictionary<string, double>(StringComparer.Ordinal) { ["income"] = 3.8, ["age"] = 3.1, ["tenure"] = 2.0, ["region"] = 1.1 };
        var trigger = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { Source = new Importances(AtRetrain, now), MaxShareShift = 0.2 });

        var result = await Evaluate(trigger);

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("importance shift 2% < 20%");
    }

    [Fact]
    public async Task EvaluateAsync_RankCondition_FiresOnATopFeatureMovingTwoPlaces()
    {
        var now = new Dictionary<string, double>(StringComparer.Ordinal) { ["income"] = 0.26, ["age"] = 0.25, ["tenure"] = 0.22, ["region"] = 0.27 };
        var trigger = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { Source = new Importances(AtRetrain, now), MaxRankShift = 3, TopFeatures = 4 });

        var result = await Evaluate(trigger);

        result.Fired.Should().BeTrue();
        result.Reason.Should().StartWith("largest rank move 3 place(s) >= 3 among the top 4");
    }

    [Fact]
    public async Task EvaluateAsync_NewFeatureAndNothingAtRetrain_AreHandled()
    {
        var now = new Dictionary<string, double>(StringComparer.Ordinal) { ["income"] = 0.5, ["clicks"] = 0.5 };
        var withNew = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { Source = new Importances(AtRetrain, now), MaxShareShift = 0.2 });
        var withoutHistory = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { Source = new Importances(null, now), MaxShareShift = 0.2 });

        var fired = await Evaluate(withNew);
        var unknown = await Evaluate(withoutHistory);

        fired.Fired.Should().BeTrue();
        fired.Reason.Should().Contain("clicks 0% -> 50% (rank absent -> 1)");
        unknown.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        unknown.Reason.Should().Be("no feature importances recorded at the last retrain");
    }

    [Fact]
    public void FeatureImportanceShift_NoCondition_ThrowsListingTheProblems()
    {
        var act = () => Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions { MaxShareShift = 1.5 });

        act.Should().Throw<ArgumentException>().WithMessage("*Source must be set*MaxShareShift must be in (0, 1]*");
    }

    private static ValueTask<TriggerResult> Evaluate(Trigger trigger) =>
        trigger.EvaluateAsync(new TriggerContext(new FakeTimeProvider(DateTimeOffset.UnixEpoch), new InMemoryTriggerStateStore()));

    private sealed class Importances(IReadOnlyDictionary<string, double>? then, IReadOnlyDictionary<string, double>? now) : IFeatureImportanceSource
    {
        public ValueTask<IReadOnlyDictionary<string, double>?> GetCurrentImportancesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(now);

        public ValueTask<IReadOnlyDictionary<string, double>?> GetImportancesAtLastRetrainAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(then);
    }
}
