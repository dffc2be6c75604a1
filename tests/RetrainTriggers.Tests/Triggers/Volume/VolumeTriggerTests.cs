namespace RetrainTriggers.Tests.Triggers;

public sealed class VolumeTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task Volume_NewRowsReachMinimum_Fires()
    {
        var trigger = Trigger.Volume(minNewRows: 10_000);

        h.Signals.AddLabeledRows(9_999);
        var below = await h.EvaluateAsync(trigger);
        h.Signals.AddLabeledRows(1);
        var at = await h.EvaluateAsync(trigger);

        below.Outcome.Should().Be(TriggerOutcome.NotFired);
        below.Reason.Should().Be("new rows 9999 < 10000");
        at.Outcome.Should().Be(TriggerOutcome.Fired);
        at.Reason.Should().Be("new rows 10000 >= 10000");
        at.ObservedValue.Should().Be(10_000);
        at.Threshold.Should().Be(10_000);
    }

    [Fact]
    public async Task Volume_GrowthOfTwentyPercent_Fires()
    {
        h.Signals.RecordRetrain(h.Now, 50_000);
        var trigger = Trigger.Volume(minGrowth: 0.20);

        h.Signals.AddLabeledRows(9_000);
        var below = await h.EvaluateAsync(trigger);
        h.Signals.AddLabeledRows(1_000);
        var at = await h.EvaluateAsync(trigger);

        below.Outcome.Should().Be(TriggerOutcome.NotFired);
        below.Reason.Should().Be("growth 18% < 20% (9000 new / 50000 trained)");
        at.Outcome.Should().Be(TriggerOutcome.Fired);
        at.Reason.Should().Be("growth 20% >= 20% (10000 new / 50000 trained)");
        at.ObservedValue.Should().Be(0.2);
    }

    [Fact]
    public async Task Volume_MinGrowthNearDoubleMaxValue_ReasonShowsFiniteNumbers()
    {
        h.Signals.RecordRetrain(h.Now, 1);
        h.Signals.AddLabeledRows(long.MaxValue);

        var result = await h.EvaluateAsync(Trigger.Volume(minGrowth: 1e308));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Be("growth 9.223E+20% < 1E+310% (9223372036854775807 new / 1 trained)");
        result.Threshold.Should().Be(1e308);
    }

    [Fact]
    public async Task Volume_GrowthWithoutRetrain_IsInsufficientData()
    {
        h.Signals.AddLabeledRows(100);

        var result = await h.EvaluateAsync(Trigger.Volume(minGrowth: 0.2));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no retrain recorded, so no training set to grow from");
    }

    [Fact]
    public async Task Volume_GrowthFromEmptyTrainingSet_IsInsufficientData()
    {
        h.Signals.RecordRetrain(h.Now, 0);
        h.Signals.AddLabeledRows(100);

        var result = await h.EvaluateAsync(Trigger.Volume(minGrowth: 0.2));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Contain("growth is undefined");
    }

    [Fact]
    public async Task Volume_BothConditionsAny_FiresWhenEitherHolds()
    {
        h.Signals.RecordRetrain(h.Now, 1_000);
        h.Signals.AddLabeledRows(300);

        var result = await h.EvaluateAsync(Trigger.Volume(minNewRows: 10_000, minGrowth: 0.2));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("growth 30% >= 20% (300 new / 1000 trained); new rows 300 < 10000");
    }

    [Fact]
    public async Task Volume_BothConditionsAll_NeedsBoth()
    {
        h.Signals.RecordRetrain(h.Now, 1_000);
        h.Signals.AddLabeledRows(300);
        var trigger = Trigger.Volume(new VolumeOptions { MinNewRows = 500, MinGrowth = 0.2, Match = ConditionMatch.All });

        var one = await h.EvaluateAsync(trigger);
        h.Signals.AddLabeledRows(200);
        var both = await h.EvaluateAsync(trigger);

        one.Outcome.Should().Be(TriggerOutcome.NotFired);
        one.Reason.Should().StartWith("new rows 300 < 500");
        both.Outcome.Should().Be(TriggerOutcome.Fired);
        both.Reason.Should().Be("new rows 500 >= 500 and growth 50% >= 20% (500 new / 1000 trained)");
    }

    [Fact]
    public async Task Volume_RecordRetrain_ResetsNewRows()
    {
        var trigger = Trigger.Volume(minNewRows: 100);
        h.Signals.AddLabeledRows(150);
        var before = await h.EvaluateAsync(trigger);

        h.Signals.RecordRetrain(h.Now, 1_000);
        var after = await h.EvaluateAsync(trigger);

        before.Outcome.Should().Be(TriggerOutcome.Fired);
        after.Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Volume_NoVolumeSource_IsInsufficientData()
    {
        var result = await Trigger.Volume(minNewRows: 1).EvaluateAsync(new TriggerContext(h.Time, h.Store));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("no data volume source");
    }

    [Fact]
    public void Volume_NoCondition_Throws()
    {
        var act = () => Trigger.Volume();

        act.Should().Throw<ArgumentException>().WithMessage("*must set MinNewRows, MinGrowth*");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Volume_NonPositiveRows_Throws(long rows)
    {
        var act = () => Trigger.Volume(minNewRows: rows);

        act.Should().Throw<ArgumentException>().WithMessage("*Volume:MinNewRows must be > 0*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void Volume_InvalidGrowth_Throws(double growth)
    {
        var act = () => Trigger.Volume(minGrowth: growth);

        act.Should().Throw<ArgumentException>().WithMessage("*Volume:MinGrowth must be*");
    }

    [Fact]
    public async Task Volume_Fired_CauseIsTheRetrainGrowthIsMeasuredFrom()
    {
        var trigger = Trigger.Volume(minGrowth: 0.2);
        h.Signals.RecordRetrain(h.Now, 1_000);
        h.Signals.AddLabeledRows(300);
        var first = await h.EvaluateAsync(trigger);
        h.Signals.AddLabeledRows(10);
        var second = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Signals.RecordRetrain(h.Now, 1_310);
        h.Signals.AddLabeledRows(400);
        var afterRetrain = await h.EvaluateAsync(trigger);

        first.Cause.Should().Be("volume@2026-01-01T00:00:00Z|rows=1000");
        second.Cause.Should().Be(first.Cause);
        afterRetrain.Cause.Should().Be("volume@2026-01-02T00:00:00Z|rows=1310");
    }

    [Fact]
    public async Task Volume_NotFired_HasNoCause()
    {
        h.Signals.AddLabeledRows(5);

        (await h.EvaluateAsync(Trigger.Volume(minNewRows: 10))).Cause.Should().BeNull();
    }
}
