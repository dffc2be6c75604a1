namespace RetrainTriggers.Tests.Triggers;

public sealed class SustainedTriggerTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task SustainedFor_DriftAboveHalfForThreeDays_FiresOnDayThreeNotDayTwo()
    {
        var trigger = Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3));
        var outcomes = new List<TriggerOutcome>();

        for (var day = 0; day <= 3; day++)
        {
            h.Signals.RecordDrift(new DriftSignal { Score = 0.6 + (day * 0.01) });
            outcomes.Add((await h.EvaluateAsync(trigger)).Outcome);
            h.Time.Advance(TimeSpan.FromDays(1));
        }

        outcomes.Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.Fired);
    }

    [Fact]
    public async Task SustainedFor_Duration_ReasonShowsProgress()
    {
        var trigger = Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.7 });
        await h.EvaluateAsync(trigger);

        h.Time.Advance(TimeSpan.FromDays(2));
        var dayTwo = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(1));
        var dayThree = await h.EvaluateAsync(trigger);

        dayTwo.Reason.Should().Be("holding 2d < 3d, 2 evaluations since 2026-01-01T00:00:00+00:00: drift score 0.7 > 0.5");
        dayThree.Reason.Should().Be("held 3d >= 3d, 3 evaluations since 2026-01-01T00:00:00+00:00: drift score 0.7 > 0.5");
        dayThree.Name.Should().Be("sustained(drift)");
        dayThree.Children.Should().ContainSingle().Which.Path.Should().Be("sustained(drift)/drift");
        dayThree.ObservedValue.Should().Be(TimeSpan.FromDays(3).TotalSeconds);
    }

    [Fact]
    public async Task SustainedFor_Restart_KeepsTheStreakThroughTheStateStore()
    {
        var store = new TestStateStore();
        var before = new TriggerHarness(store: store);
        before.Signals.RecordDrift(new DriftSignal { Score = 0.8 });
        for (var day = 0; day < 2; day++)
        {
            await before.EvaluateAsync(Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3)));
            before.Time.Advance(TimeSpan.FromDays(1));
        }

        // A new process: new trigger instances, new signals, the same store.
        var after = new TriggerHarness(TriggerHarness.Start.AddDays(2), store);
        after.Signals.RecordDrift(new DriftSignal { Score = 0.8 });
        var dayTwo = await after.EvaluateAsync(Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3)));
        after.Time.Advance(TimeSpan.FromDays(1));
        var dayThree = await after.EvaluateAsync(Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3)));

        dayTwo.Outcome.Should().Be(TriggerOutcome.NotFired);
        dayThree.Outcome.Should().Be(TriggerOutcome.Fired);
        store.Values.Should().ContainKey("sustained(drift)");
    }

    [Fact]
    public async Task SustainedFor_RestartThroughFileStore_FiresOnDayThree()
    {
        var directory = Directory.CreateTempSubdirectory("retrain-triggers-");
        try
        {
            var file = Path.Combine(directory.FullName, "trigger-state.json");
            static Trigger Build() => Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(3), name: "drift-3d");
            var outcomes = new List<TriggerOutcome>();

            // Each day is a new process: a new store over the same file, new trigger instances, new signals.
            for (var day = 0; day <= 3; day++)
            {
                using var store = new FileTriggerStateStore(file);
                var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TriggerHarness.Start.AddDays(day));
                var signals = new InMemorySignals();
                signals.RecordDrift(new DriftSignal { Score = 0.7 });
                outcomes.Add((await Build().EvaluateAsync(signals, store, time)).Outcome);
            }

            outcomes.Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.Fired);
            File.ReadAllText(file).Should().Contain("drift-3d");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SustainedFor_InnerStopsFiring_ResetsTheStreak()
    {
        var trigger = Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(2));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.7 });
        await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.3 });
        var dropped = await h.EvaluateAsync(trigger);

        h.Signals.RecordDrift(new DriftSignal { Score = 0.7 });
        h.Time.Advance(TimeSpan.FromDays(1));
        var restarted = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(2));
        var held = await h.EvaluateAsync(trigger);

        dropped.Outcome.Should().Be(TriggerOutcome.NotFired);
        dropped.Reason.Should().Be("streak ended: drift score 0.3 <= 0.5");
        restarted.Outcome.Should().Be(TriggerOutcome.NotFired);
        restarted.Reason.Should().StartWith("holding 0s < 2d, 1 evaluation since 2026-01-03T00:00:00+00:00");
        held.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task SustainedFor_Count_FiresOnTheNthConsecutiveEvaluation()
    {
        var inner = new FixedTrigger("x", TriggerOutcome.Fired);
        var trigger = Trigger.From(inner).SustainedFor(3);

        var outcomes = new List<TriggerOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await h.EvaluateAsync(trigger)).Outcome);
        }

        outcomes.Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.Fired, TriggerOutcome.Fired);
    }

    [Fact]
    public async Task SustainedFor_CountWithGap_StartsOver()
    {
        var inner = new FixedTrigger("x", TriggerOutcome.Fired);
        var trigger = Trigger.From(inner).SustainedFor(2);
        await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.NotFired;
        await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.Fired;

        var first = await h.EvaluateAsync(trigger);
        var second = await h.EvaluateAsync(trigger);

        first.Outcome.Should().Be(TriggerOutcome.NotFired);
        second.Outcome.Should().Be(TriggerOutcome.Fired);
        second.Reason.Should().StartWith("held 2 evaluations >= 2");
    }

    [Fact]
    public async Task Sustained_InsufficientData_KeepsStreakWithoutCounting()
    {
        var inner = new FixedTrigger("x", TriggerOutcome.Fired);
        var trigger = Trigger.Sustained(inner, new SustainedOptions { Evaluations = 2 });
        await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.InsufficientData;

        var gap = await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.Fired;
        var resumed = await h.EvaluateAsync(trigger);

        gap.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        gap.Reason.Should().Be("streak since 2026-01-01T00:00:00+00:00 kept, not counted: x InsufficientData");
        resumed.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Sustained_ResetOnInsufficientData_EndsStreak()
    {
        var inner = new FixedTrigger("x", TriggerOutcome.Fired);
        var trigger = Trigger.Sustained(inner, new SustainedOptions { Evaluations = 2, ResetOnInsufficientData = true });
        await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.InsufficientData;
        await h.EvaluateAsync(trigger);
        inner.Outcome = TriggerOutcome.Fired;

        var resumed = await h.EvaluateAsync(trigger);

        resumed.Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Sustained_RetrainDuringStreak_StartsOver()
    {
        var trigger = Trigger.Drift(0.5).SustainedFor(TimeSpan.FromDays(2));
        h.Signals.RecordDrift(new DriftSignal { Score = 0.7 });
        await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Signals.RecordRetrain(h.Now, 1000);
        h.Time.Advance(TimeSpan.FromDays(1));

        var afterRetrain = await h.EvaluateAsync(trigger);

        afterRetrain.Outcome.Should().Be(TriggerOutcome.NotFired);
        afterRetrain.Reason.Should().StartWith("streak reset by the retrain at 2026-01-02T00:00:00+00:00; holding 0s < 2d");
    }

    [Fact]
    public async Task Sustained_CorruptState_StartsFreshAndSaysSo()
    {
        h.Store.Corrupt("sustained(x)", "[1,2");
        var trigger = Trigger.From(new FixedTrigger("x", TriggerOutcome.Fired)).SustainedFor(1);

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().StartWith("stored state at 'sustained(x)' was unreadable");
    }

    [Fact]
    public async Task Sustained_InconsistentState_StartsFresh()
    {
        h.Store.Corrupt("sustained(x)", """{"since":null,"count":7}""");
        var trigger = Trigger.From(new FixedTrigger("x", TriggerOutcome.Fired)).SustainedFor(2);

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("stored state at 'sustained(x)' was inconsistent and was reset");
    }

    [Fact]
    public async Task Sustained_UnchangedState_IsNotRewritten()
    {
        var trigger = Trigger.From(new FixedTrigger("x", TriggerOutcome.NotFired)).SustainedFor(2);
        await h.EvaluateAsync(trigger);
        var writes = h.Store.Writes;

        await h.EvaluateAsync(trigger);

        h.Store.Writes.Should().Be(writes);
    }

    [Fact]
    public void Sustained_NoCondition_Throws()
    {
        var act = () => Trigger.Sustained(Trigger.Drift(0.5), new SustainedOptions());

        act.Should().Throw<ArgumentException>().WithMessage("*must set Duration*");
    }

    [Fact]
    public void SustainedFor_NonPositiveDuration_Throws()
    {
        var act = () => Trigger.Drift(0.5).SustainedFor(TimeSpan.Zero);

        act.Should().Throw<ArgumentException>().WithMessage("*Sustained:Duration must be > 0*");
    }

    [Fact]
    public void SustainedFor_ZeroEvaluations_Throws()
    {
        var act = () => Trigger.Drift(0.5).SustainedFor(0);

        act.Should().Throw<ArgumentException>().WithMessage("*Sustained:Evaluations must be > 0*");
    }

    [Fact]
    public async Task Sustained_Fired_PassesTheChildsCause()
    {
        var h = new TriggerHarness();
        var trigger = Trigger.Below("accuracy", 0.85).SustainedFor(2);
        h.Signals.Record("accuracy", 0.8);

        var holding = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var held = await h.EvaluateAsync(trigger);

        holding.Cause.Should().BeNull("the modifier did not fire yet");
        held.Cause.Should().Be("breach@2026-01-01T00:00:00Z");
    }
}
