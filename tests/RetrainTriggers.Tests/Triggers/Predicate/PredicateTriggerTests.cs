namespace RetrainTriggers.Tests.Triggers;

public sealed class PredicateTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task When_SyncPredicate_FiresWhenTrue()
    {
        var open = false;
        var trigger = Trigger.When("maintenance-window", _ => open);

        var closed = await h.EvaluateAsync(trigger);
        open = true;
        var opened = await h.EvaluateAsync(trigger);

        closed.Outcome.Should().Be(TriggerOutcome.NotFired);
        opened.Outcome.Should().Be(TriggerOutcome.Fired);
        opened.Reason.Should().Be("maintenance-window is true");
        opened.Kind.Should().Be("Predicate");
    }

    [Fact]
    public async Task When_AsyncPredicate_ReadsTheContext()
    {
        h.Signals.Record("accuracy", 0.7);
        var trigger = Trigger.When("accuracy-and-weekday", async (context, ct) =>
            (await context.Metrics!.GetMetricAsync("accuracy", ct))?.Value < 0.8 && context.Now.DayOfWeek == DayOfWeek.Thursday);

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.Fired, "2026-01-01 is a Thursday");
        result.Path.Should().Be("accuracy-and-weekday");
    }

    [Fact]
    public async Task When_PredicateThrows_ExceptionPropagates()
    {
        var trigger = Trigger.When("broken", _ => throw new InvalidOperationException("boom"));

        var act = async () => await h.EvaluateAsync(trigger);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("boom");
    }

    [Fact]
    public void When_NullPredicate_Throws()
    {
        var act = () => Trigger.When("x", (Func<TriggerContext, bool>)null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void When_InvalidName_Throws(string name)
    {
        var act = () => Trigger.When(name, _ => true);

        act.Should().Throw<ArgumentException>().WithParameterName("name");
    }
}
