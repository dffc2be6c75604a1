using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Triggers;

public sealed class DriftTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task Drift_ScoreAboveThreshold_FiresAndListsDriftedFeatures()
    {
        h.Signals.RecordDrift(new DriftSignal
        {
            Score = 0.62,
            Statistic = "share of drifted features",
            DriftedFeatures =
            [
                new FeatureDriftSignal("age", DriftDecision.Drift) { Score = 0.31, Statistic = "psi" },
                new FeatureDriftSignal("income", DriftDecision.Warning) { Score = 0.12, Statistic = "ks", PValue = 0.001 },
            ],
        });

        var result = await h.EvaluateAsync(Trigger.Drift(0.5));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be(
            "drift score 0.62 > 0.5 (share of drifted features); drifted: age (Drift, psi 0.31), income (Warning, ks 0.12, p=0.001)");
        result.ObservedValue.Should().Be(0.62);
        result.Threshold.Should().Be(0.5);
        result.Name.Should().Be("drift");
    }

    [Fact]
    public async Task Drift_ScoreEqualToThreshold_DoesNotFire()
    {
        h.Signals.RecordDrift(new DriftSignal { Score = 0.5 });

        var result = await h.EvaluateAsync(Trigger.Drift(0.5));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Be("drift score 0.5 <= 0.5");
    }

    [Fact]
    public async Task Drift_FeatureLevel_FiresAtWarningOrAbove()
    {
        var trigger = Trigger.Drift(new DriftOptions { Feature = "age", MinLevel = DriftDecision.Warning });

        h.Signals.RecordDrift("age", new DriftSignal { Level = DriftDecision.None });
        var none = await h.EvaluateAsync(trigger);
        h.Signals.RecordDrift("age", new DriftSignal { Level = DriftDecision.Warning });
        var warning = await h.EvaluateAsync(trigger);

        none.Outcome.Should().Be(TriggerOutcome.NotFired);
        none.Reason.Should().Be("drift of age level None < Warning");
        warning.Outcome.Should().Be(TriggerOutcome.Fired);
        warning.Reason.Should().Be("drift of age level Warning >= Warning");
        warning.Name.Should().Be("drift:age");
    }

    [Fact]
    public async Task Drift_ScoreAndLevelAll_NeedsBoth()
    {
        h.Signals.RecordDrift(new DriftSignal { Score = 0.7, Level = DriftDecision.Warning });
        var trigger = Trigger.Drift(new DriftOptions { ScoreAbove = 0.5, MinLevel = DriftDecision.Drift, Match = ConditionMatch.All });

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Be("drift level Warning < Drift and drift score 0.7 > 0.5");
    }

    [Fact]
    public async Task Drift_NoSignalYet_IsInsufficientData()
    {
        var result = await h.EvaluateAsync(Trigger.Drift(0.5, feature: "age"));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no drift of age computed yet");
    }

    [Fact]
    public async Task Drift_NaNScore_IsInsufficientData()
    {
        h.Signals.RecordDrift(new DriftSignal { Score = double.NaN });

        var result = await h.EvaluateAsync(Trigger.Drift(0.5));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("drift score is NaN");
    }

    [Fact]
    public async Task Drift_NoDriftSource_IsInsufficientData()
    {
        var result = await Trigger.Drift(0.5).EvaluateAsync(new TriggerContext(h.Time, h.Store));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no drift source");
    }

    [Fact]
    public async Task Drift_ManyDriftedFeatures_ListsFiveAndCountsTheRest()
    {
        h.Signals.RecordDrift(new DriftSignal
        {
            Level = DriftDecision.Drift,
            DriftedFeatures = [.. Enumerable.Range(1, 7).Select(i => new FeatureDriftSignal("f" + i, DriftDecision.Drift))],
        });

        var result = await h.EvaluateAsync(Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift }));

        result.Reason.Should().EndWith("f5 (Drift), +2 more");
    }

    [Fact]
    public void Drift_NoCondition_Throws()
    {
        var act = () => Trigger.Drift(new DriftOptions());

        act.Should().Throw<ArgumentException>().WithMessage("*must set ScoreAbove, MinLevel (Warning or Drift), or both*");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Drift_InvalidScore_Throws(double score)
    {
        var act = () => Trigger.Drift(score);

        act.Should().Throw<ArgumentException>().WithMessage("*Drift:ScoreAbove must be*");
    }

    [Fact]
    public void Drift_MinLevelNone_Throws()
    {
        var act = () => Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.None });

        act.Should().Throw<ArgumentException>().WithMessage("*Drift:MinLevel must be Warning or Drift*");
    }

    [Fact]
    public async Task Drift_Cause_IsTheDriftStartUntilTheScoreRecovers()
    {
        var trigger = Trigger.Drift(0.5);
        h.Signals.RecordDrift(new DriftSignal { Score = 0.6 });
        var first = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var second = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.1 });
        var recovered = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.7 });
        var again = await h.EvaluateAsync(trigger);

        first.Cause.Should().Be("drift@2026-01-01T00:00:00Z");
        second.Cause.Should().Be(first.Cause);
        recovered.Cause.Should().BeNull();
        again.Cause.Should().Be("drift@2026-01-01T03:00:00Z");
    }
}
