namespace RetrainTriggers.Tests.Triggers;

public sealed class HysteresisTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task Hysteresis_ValueWobblingAroundEnterLine_DoesNotFlap()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 });
        var plain = Trigger.Below("accuracy", 0.85, name: "plain");
        var values = new[] { 0.86, 0.849, 0.851, 0.849, 0.852, 0.87, 0.88, 0.851 };
        var outcomes = new List<TriggerOutcome>();
        var plainOutcomes = new List<TriggerOutcome>();

        foreach (var value in values)
        {
            h.Signals.Record("accuracy", value);
            outcomes.Add((await h.EvaluateAsync(trigger)).Outcome);
            plainOutcomes.Add((await h.EvaluateAsync(plain)).Outcome);
        }

        const TriggerOutcome F = TriggerOutcome.Fired, N = TriggerOutcome.NotFired;
        outcomes.Should().Equal(N, F, F, F, F, F, N, N);
        plainOutcomes.Should().Equal(N, F, N, F, N, N, N, N);
    }

    [Fact]
    public async Task Hysteresis_Reasons_SayEnteredStillActiveExited()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 });

        h.Signals.Record("accuracy", 0.84);
        var entered = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.86);
        var active = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.9);
        var exited = await h.EvaluateAsync(trigger);

        entered.Reason.Should().Be("accuracy 0.84 < 0.85: entered (exits at >= 0.88)");
        active.Reason.Should().Be("accuracy 0.86 < 0.88: still active (entered at < 0.85)");
        exited.Reason.Should().Be("accuracy 0.9 >= 0.88: exited");
        active.Name.Should().Be("hysteresis:accuracy");
        active.Kind.Should().Be("Hysteresis");
    }

    [Fact]
    public async Task Hysteresis_Above_EntersAboveAndExitsAtOrBelowExit()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "error_rate", Direction = ThresholdDirection.Above, Enter = 0.1, Exit = 0.08 });
        var outcomes = new List<TriggerOutcome>();

        foreach (var value in new[] { 0.1, 0.11, 0.09, 0.08, 0.09 })
        {
            h.Signals.Record("error_rate", value);
            outcomes.Add((await h.EvaluateAsync(trigger)).Outcome);
        }

        outcomes.Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.Fired, TriggerOutcome.Fired, TriggerOutcome.NotFired, TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Hysteresis_MissingValueWhileActive_IsInsufficientAndStaysActive()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 });
        h.Signals.Record("accuracy", 0.8);
        await h.EvaluateAsync(trigger);

        h.Signals.Forget("accuracy");
        var missing = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.87);
        var back = await h.EvaluateAsync(trigger);

        missing.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        missing.Reason.Should().Be("accuracy has not been recorded (stays active)");
        back.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Hysteresis_RetrainWhileActive_StartsInactive()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 });
        h.Signals.Record("accuracy", 0.84);
        await h.EvaluateAsync(trigger);

        h.Time.Advance(TimeSpan.FromHours(1));
        h.Signals.RecordRetrain(h.Now, 1000);
        h.Signals.Record("accuracy", 0.86);
        var afterRetrain = await h.EvaluateAsync(trigger);

        afterRetrain.Outcome.Should().Be(TriggerOutcome.NotFired);
        afterRetrain.Reason.Should().Be("active state reset by the retrain at 2026-01-01T01:00:00+00:00; accuracy 0.86 >= 0.85: not entered");
    }

    [Fact]
    public async Task Hysteresis_RelativeToBaseline_UsesFactorForBothLines()
    {
        h.Signals.RecordRetrain(h.Now, 100, new Dictionary<string, double> { ["accuracy"] = 0.9 });
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.9, Exit = 0.95, Basis = ThresholdBasis.BaselineFactor });

        h.Signals.Record("accuracy", 0.8);
        var entered = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.85);
        var stillActive = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.855);
        var exited = await h.EvaluateAsync(trigger);

        entered.Outcome.Should().Be(TriggerOutcome.Fired);
        entered.Reason.Should().Be("accuracy 0.8 < 0.81: entered (exits at >= 0.855) (90% of baseline 0.9)");
        stillActive.Outcome.Should().Be(TriggerOutcome.Fired);
        exited.Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Hysteresis_CorruptState_StartsInactiveAndSaysSo()
    {
        h.Store.Corrupt("hysteresis:accuracy", "{\"active\":\"maybe\"}");
        h.Signals.Record("accuracy", 0.86);

        var result = await h.EvaluateAsync(Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 }));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("stored state at 'hysteresis:accuracy' was unreadable").And.EndWith("accuracy 0.86 >= 0.85: not entered");
        h.Store.Values["hysteresis:accuracy"].Should().Be("""{"active":false,"since":null}""");
    }

    [Fact]
    public void Hysteresis_BelowWithExitUnderEnter_Throws()
    {
        var act = () => Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.88, Exit = 0.85 });

        act.Should().Throw<ArgumentException>().WithMessage("*Enter (0.88) must not exceed Hysteresis:Exit (0.85)*");
    }

    [Fact]
    public void Hysteresis_MissingThresholds_Throws()
    {
        var act = () => Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Exit = 0.9 });

        act.Should().Throw<ArgumentException>().WithMessage("*Hysteresis:Enter *");
    }

    [Fact]
    public async Task Hysteresis_SampleOlderThanMaxAge_IsInsufficientData()
    {
        h.Signals.Record("accuracy", 0.8, h.Now.AddHours(-3));
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88, MaxAge = TimeSpan.FromHours(2) });

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Reason.Should().Be("accuracy is 03:00:00 old, older than MaxAge 02:00:00");
    }

    [Fact]
    public async Task Hysteresis_Cause_IsWhenTheTriggerEnteredUntilItExits()
    {
        var trigger = Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.85, Exit = 0.88 });
        h.Signals.Record("accuracy", 0.84);
        var entered = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        h.Signals.Record("accuracy", 0.86);
        var stillActive = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        h.Signals.Record("accuracy", 0.9);
        var exited = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        h.Signals.Record("accuracy", 0.8);
        var reentered = await h.EvaluateAsync(trigger);

        entered.Cause.Should().Be("breach@2026-01-01T00:00:00Z");
        stillActive.Cause.Should().Be(entered.Cause);
        exited.Cause.Should().BeNull();
        reentered.Cause.Should().Be("breach@2026-01-01T00:30:00Z");
    }
}
