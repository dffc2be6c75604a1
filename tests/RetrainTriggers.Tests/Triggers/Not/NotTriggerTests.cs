namespace RetrainTriggers.Tests.Triggers;

public sealed class NotTriggerTests
{
    private readonly TriggerHarness h = new();

    [Theory]
    [InlineData(TriggerOutcome.Fired, TriggerOutcome.NotFired)]
    [InlineData(TriggerOutcome.NotFired, TriggerOutcome.Fired)]
    [InlineData(TriggerOutcome.InsufficientData, TriggerOutcome.InsufficientData)]
    public async Task Not_SwapsFiredAndNotFired_KeepsInsufficientData(TriggerOutcome inner, TriggerOutcome expected)
    {
        var result = await h.EvaluateAsync(Trigger.Not(new FixedTrigger("x", inner)));

        result.Outcome.Should().Be(expected);
        result.Reason.Should().Be($"not: x {inner}");
        result.Name.Should().Be("not(x)");
        result.Children.Should().ContainSingle().Which.Path.Should().Be("not(x)/x");
    }

    [Fact]
    public async Task NotOperator_OnThreshold_FiresWhenMetricIsHealthy()
    {
        h.Signals.Record("accuracy", 0.9);

        var result = await h.EvaluateAsync(!Trigger.Below("accuracy", 0.85));

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be("not: accuracy 0.9 >= 0.85");
    }

    [Fact]
    public void Not_Null_Throws()
    {
        var act = () => Trigger.Not(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Not_Fired_HasNoCause()
    {
        var h = new TriggerHarness();
        h.Signals.Record("accuracy", 0.9);

        var result = await h.EvaluateAsync(!Trigger.Below("accuracy", 0.85));

        result.Fired.Should().BeTrue();
        result.Cause.Should().BeNull();
    }
}
