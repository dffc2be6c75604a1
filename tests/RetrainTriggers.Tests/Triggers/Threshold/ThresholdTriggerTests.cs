namespace RetrainTriggers.Tests.Triggers;

public sealed class ThresholdTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task Below_AccuracyUnderThreshold_FiresWithReason()
    {
        h.Signals.Record("accuracy", 0.80);

        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("accuracy 0.8 < 0.85");
        result.ObservedValue.Should().Be(0.80);
        result.Threshold.Should().Be(0.85);
        result.Name.Should().Be("threshold:accuracy");
        result.Kind.Should().Be("Threshold");
        result.Path.Should().Be("threshold:accuracy");
    }

    [Fact]
    public async Task Above_MisconfiguredAccuracyAboveNinety_DoesNotFireAtEighty()
    {
        h.Signals.Record("accuracy", 0.80);

        var result = await h.EvaluateAsync(Trigger.Above("accuracy", 0.90));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Be("accuracy 0.8 <= 0.9");
    }

    [Fact]
    public async Task Below_ValueEqualToThreshold_DoesNotFire()
    {
        h.Signals.Record("accuracy", 0.85);

        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Be("accuracy 0.85 >= 0.85");
    }

    [Fact]
    public async Task Above_ValueEqualToThreshold_DoesNotFire()
    {
        h.Signals.Record("error_rate", 0.1);

        (await h.EvaluateAsync(Trigger.Above("error_rate", 0.1))).Outcome.Should().Be(TriggerOutcome.NotFired);
        h.Signals.Record("error_rate", 0.1000001);
        (await h.EvaluateAsync(Trigger.Above("error_rate", 0.1))).Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Below_ValueDiffersInSeventhDigit_ReasonShowsTheDifference()
    {
        h.Signals.Record("accuracy", 0.8499999);

        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        result.Reason.Should().Be("accuracy 0.8499999 < 0.85");
    }

    [Theory]
    [InlineData(0.80, TriggerOutcome.Fired, "latency 0.8 < 1")]
    [InlineData(1.0, TriggerOutcome.NotFired, "latency 1 within [1, 2]")]
    [InlineData(1.5, TriggerOutcome.NotFired, "latency 1.5 within [1, 2]")]
    [InlineData(2.0, TriggerOutcome.NotFired, "latency 2 within [1, 2]")]
    [InlineData(2.5, TriggerOutcome.Fired, "latency 2.5 > 2")]
    public async Task Threshold_Band_FiresOnlyOutside(double value, TriggerOutcome expected, string reason)
    {
        h.Signals.Record("latency", value);

        var result = await h.EvaluateAsync(Trigger.Threshold(new ThresholdOptions { Metric = "latency", Below = 1, Above = 2 }));

        result.Outcome.Should().Be(expected);
        result.Reason.Should().Be(reason);
    }

    [Fact]
    public async Task Threshold_BaselineFactor_FiresBelowNinetyFivePercentOfBaseline()
    {
        h.Signals.RecordRetrain(h.Now, 10_000, new Dictionary<string, double> { ["accuracy"] = 0.90 });
        var trigger = Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.95, Basis = ThresholdBasis.BaselineFactor });

        h.Signals.Record("accuracy", 0.86);
        var notFired = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.85);
        var fired = await h.EvaluateAsync(trigger);

        notFired.Outcome.Should().Be(TriggerOutcome.NotFired);
        fired.Outcome.Should().Be(TriggerOutcome.Fired);
        fired.Reason.Should().Be("accuracy 0.85 < 0.855 (95% of baseline 0.9)");
        fired.Threshold.Should().BeApproximately(0.855, 1e-15);
    }

    [Fact]
    public async Task Threshold_BaselineOffset_FiresAboveBaselinePlusTwoPoints()
    {
        h.Signals.RecordRetrain(h.Now, 10_000, new Dictionary<string, double> { ["error_rate"] = 0.05 });
        var trigger = Trigger.Threshold(new ThresholdOptions { Metric = "error_rate", Above = 0.02, Basis = ThresholdBasis.BaselineOffset });

        h.Signals.Record("error_rate", 0.07);
        var atLine = await h.EvaluateAsync(trigger);
        h.Signals.Record("error_rate", 0.071);
        var above = await h.EvaluateAsync(trigger);

        atLine.Outcome.Should().Be(TriggerOutcome.NotFired);
        above.Outcome.Should().Be(TriggerOutcome.Fired);
        above.Reason.Should().Be("error_rate 0.071 > 0.07 (baseline 0.05 + 0.02)");
    }

    [Fact]
    public async Task Threshold_NegativeBaselineOffset_DescribesSubtraction()
    {
        h.Signals.RecordRetrain(h.Now, 100, new Dictionary<string, double> { ["auc"] = 0.9 });
        h.Signals.Record("auc", 0.8);

        var result = await h.EvaluateAsync(Trigger.Threshold(new ThresholdOptions { Metric = "auc", Below = -0.05, Basis = ThresholdBasis.BaselineOffset }));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("auc 0.8 < 0.85 (baseline 0.9 - 0.05)");
    }

    [Fact]
    public async Task Threshold_MissingMetric_IsInsufficientData()
    {
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("accuracy has not been recorded");
    }

    [Theory]
    [InlineData(double.NaN, "accuracy is NaN")]
    [InlineData(double.PositiveInfinity, "accuracy is Infinity")]
    public async Task Threshold_NonFiniteMetric_IsInsufficientData(double value, string reason)
    {
        h.Signals.Record("accuracy", value);

        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be(reason);
        result.ObservedValue.Should().BeNull();
    }

    [Fact]
    public async Task Threshold_NoMetricSource_IsInsufficientData()
    {
        var context = new TriggerContext(h.Time, h.Store);

        var result = await Trigger.Below("accuracy", 0.85).EvaluateAsync(context);

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no metric source to read accuracy from");
    }

    [Fact]
    public async Task Threshold_RelativeWithoutRetrain_IsInsufficientData()
    {
        h.Signals.Record("accuracy", 0.5);

        var result = await h.EvaluateAsync(Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.95, Basis = ThresholdBasis.BaselineFactor }));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no retrain recorded, so no baseline for accuracy");
    }

    [Fact]
    public async Task Threshold_RelativeWithoutBaselineForMetric_IsInsufficientData()
    {
        h.Signals.RecordRetrain(h.Now, 100, new Dictionary<string, double> { ["f1"] = 0.7 });
        h.Signals.Record("accuracy", 0.5);

        var result = await h.EvaluateAsync(Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.95, Basis = ThresholdBasis.BaselineFactor }));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no baseline for accuracy at the last retrain");
    }

    [Fact]
    public void Threshold_NoBound_Throws()
    {
        var act = () => Trigger.Threshold(new ThresholdOptions { Metric = "accuracy" });

        act.Should().Throw<ArgumentException>().WithParameterName("options").WithMessage("*must set Below, Above, or both*");
    }

    [Fact]
    public void Threshold_EmptyMetric_Throws()
    {
        var act = () => Trigger.Below(" ", 0.85);

        act.Should().Throw<ArgumentException>().WithMessage("*Metric*");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Threshold_NonFiniteBound_ThrowsNamingIt(double bound)
    {
        var act = () => Trigger.Below("accuracy", bound);

        act.Should().Throw<ArgumentException>().WithMessage("*Threshold:Below must be*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.95)]
    public void Threshold_NonPositiveBaselineFactor_Throws(double factor)
    {
        var act = () => Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Above = factor, Basis = ThresholdBasis.BaselineFactor });

        act.Should().Throw<ArgumentException>().WithMessage("*Threshold:Above must be*");
    }

    [Fact]
    public void Threshold_InvertedBand_Throws()
    {
        var act = () => Trigger.Threshold(new ThresholdOptions { Metric = "latency", Below = 2, Above = 1 });

        act.Should().Throw<ArgumentException>().WithMessage("*Below (2) must not exceed Threshold:Above (1)*");
    }

    [Fact]
    public async Task Threshold_NegativeAbsoluteBound_IsAllowedForSignedMetrics()
    {
        h.Signals.Record("r2", -0.2);

        var result = await h.EvaluateAsync(Trigger.Below("r2", -0.1));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("r2 -0.2 < -0.1");
    }

    [Fact]
    public async Task Threshold_SampleOlderThanMaxAge_IsInsufficientDataWithAge()
    {
        h.Signals.Record("accuracy", 0.8, h.Now.AddDays(-2));
        var trigger = Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.85, MaxAge = TimeSpan.FromDays(1) });

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("accuracy is 2.00:00:00 old, older than MaxAge 1.00:00:00");
    }

    [Fact]
    public async Task Threshold_SampleExactlyMaxAgeOld_StillDecides()
    {
        h.Signals.Record("accuracy", 0.8, h.Now.AddDays(-1));
        var trigger = Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.85, MaxAge = TimeSpan.FromDays(1) });

        (await h.EvaluateAsync(trigger)).Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public void Threshold_NonPositiveMaxAge_Throws()
    {
        var act = () => Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.85, MaxAge = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxAge must be > 0*");
    }

    [Fact]
    public async Task Threshold_Cause_IsTheBreachStartUntilTheMetricRecovers()
    {
        var trigger = Trigger.Below("accuracy", 0.85);
        h.Signals.Record("accuracy", 0.8);
        var first = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.Record("accuracy", 0.7);
        var second = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.Record("accuracy", 0.9);
        var recovered = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.Record("accuracy", 0.8);
        var again = await h.EvaluateAsync(trigger);

        first.Cause.Should().Be("breach@2026-01-01T00:00:00Z");
        second.Cause.Should().Be(first.Cause);
        recovered.Cause.Should().BeNull();
        again.Cause.Should().Be("breach@2026-01-01T03:00:00Z");
    }

    [Fact]
    public async Task Threshold_InsufficientDataInsideABreach_KeepsTheEpisode()
    {
        var trigger = Trigger.Below("accuracy", 0.85);
        h.Signals.Record("accuracy", 0.8);
        var first = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.Record("accuracy", double.NaN);
        var missing = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.Record("accuracy", 0.8);
        var back = await h.EvaluateAsync(trigger);

        missing.Cause.Should().BeNull();
        back.Cause.Should().Be(first.Cause);
    }

    [Fact]
    public void Threshold_SeveralBadSettings_OneExceptionListsEveryError()
    {
        var act = () => Trigger.Threshold(new ThresholdOptions { Metric = " ", Below = double.NaN, Above = double.PositiveInfinity, MaxAge = TimeSpan.FromSeconds(-1) });

        act.Should().Throw<ArgumentException>().WithParameterName("options").WithMessage(
            "Invalid Threshold options: Threshold:Metric is required; Threshold:Below must be a finite number, not NaN; " +
            "Threshold:Above must be a finite number, not Infinity; Threshold:MaxAge must be > 0.*");
    }

    [Theory]
    [InlineData(-0.05)]
    [InlineData(-3.5)]
    public async Task Below_NegativeBaselineOffset_FiresWhenFartherBelowTheBaseline(double offset)
    {
        h.Signals.RecordRetrain(h.Now, 100, new Dictionary<string, double> { ["r2"] = 0.5 });
        h.Signals.Record("r2", 0.5 + offset - 0.01);
        var trigger = Trigger.Threshold(new ThresholdOptions { Metric = "r2", Below = offset, Basis = ThresholdBasis.BaselineOffset });

        (await h.EvaluateAsync(trigger)).Outcome.Should().Be(TriggerOutcome.Fired);
    }
}
