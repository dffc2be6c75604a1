namespace RetrainTriggers.Tests.Triggers;

public sealed class CooldownTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task WithCooldown_InnerKeepsFiring_FiresOncePerPeriod()
    {
        h.Signals.Record("accuracy", 0.8);
        var trigger = Trigger.Below("accuracy", 0.85).WithCooldown(TimeSpan.FromDays(1));

        var first = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(6));
        var cooling = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(18));
        var again = await h.EvaluateAsync(trigger);

        first.Outcome.Should().Be(TriggerOutcome.Fired);
        cooling.Outcome.Should().Be(TriggerOutcome.NotFired);
        cooling.Reason.Should().Be("cooling down until 2026-01-02T00:00:00+00:00 (last fired 2026-01-01T00:00:00+00:00): accuracy 0.8 < 0.85");
        again.Outcome.Should().Be(TriggerOutcome.Fired);
        again.Name.Should().Be("cooldown(threshold:accuracy)");
    }

    [Fact]
    public async Task WithCooldown_InnerNotFired_PassesOutcomeThrough()
    {
        var inner = new FixedTrigger("x", TriggerOutcome.InsufficientData);
        var trigger = Trigger.Cooldown(inner, TimeSpan.FromHours(1));

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("x InsufficientData");
        h.Store.Values.Should().BeEmpty();
    }

    [Fact]
    public async Task WithCooldown_Restart_KeepsCoolingDown()
    {
        var store = new TestStateStore();
        var first = new TriggerHarness(store: store);
        first.Signals.Record("accuracy", 0.8);
        await first.EvaluateAsync(Trigger.Below("accuracy", 0.85).WithCooldown(TimeSpan.FromDays(1)));

        var second = new TriggerHarness(TriggerHarness.Start.AddHours(1), store);
        second.Signals.Record("accuracy", 0.8);
        var result = await second.EvaluateAsync(Trigger.Below("accuracy", 0.85).WithCooldown(TimeSpan.FromDays(1)));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("cooling down until");
    }

    [Fact]
    public async Task WithCooldown_CorruptState_FiresAndSaysSo()
    {
        h.Store.Corrupt("cooldown(x)", "\"oops\"");
        var trigger = Trigger.From(new FixedTrigger("x", TriggerOutcome.Fired)).WithCooldown(TimeSpan.FromHours(1));

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().StartWith("stored state at 'cooldown(x)' was unreadable");
    }

    [Fact]
    public void WithCooldown_NonPositivePeriod_Throws()
    {
        var act = () => Trigger.Below("a", 1).WithCooldown(TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentException>().WithMessage("*Cooldown:Period must be > 0*");
    }

    [Fact]
    public async Task Cooldown_Fired_PassesTheChildsCause()
    {
        var h = new TriggerHarness();
        var trigger = Trigger.Below("accuracy", 0.85).WithCooldown(TimeSpan.FromDays(1));
        h.Signals.Record("accuracy", 0.8);

        var fired = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var coolingDown = await h.EvaluateAsync(trigger);

        fired.Cause.Should().Be("breach@2026-01-01T00:00:00Z");
        coolingDown.Cause.Should().BeNull();
    }
}
