namespace RetrainTriggers.Tests.Triggers;

public sealed class ScheduleTriggerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task Cron_Midnight_FiresOnceAfterMidnightAndNotAgainUntilNextMidnight()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 0 * * *");

        var first = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 23, 59, 59, TimeSpan.Zero));
        var beforeMidnight = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 2, 0, 0, 30, TimeSpan.Zero));
        var afterMidnight = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var anHourLater = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 2, 23, 59, 0, TimeSpan.Zero));
        var beforeNext = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 3, 0, 1, 0, TimeSpan.Zero));
        var afterNext = await h.EvaluateAsync(trigger);

        first.Outcome.Should().Be(TriggerOutcome.NotFired);
        first.Reason.Should().Be("first evaluation; next at 2026-01-02T00:00:00+00:00");
        beforeMidnight.Outcome.Should().Be(TriggerOutcome.NotFired);
        afterMidnight.Outcome.Should().Be(TriggerOutcome.Fired);
        afterMidnight.Reason.Should().Be("occurrence 2026-01-02T00:00:00+00:00 of '0 0 * * *' (UTC) passed since first evaluation 2026-01-01T10:00:00+00:00");
        anHourLater.Outcome.Should().Be(TriggerOutcome.NotFired);
        anHourLater.Reason.Should().StartWith("nothing due since last firing 2026-01-02T00:00:30+00:00; next at 2026-01-03T00:00:00+00:00");
        beforeNext.Outcome.Should().Be(TriggerOutcome.NotFired);
        afterNext.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Cron_FirstEvaluation_NeverFiresForEarlierOccurrences()
    {
        // Enabled half a minute after midnight: the midnight occurrence predates the trigger and must not fire.
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 2, 0, 0, 30, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 0 * * *");

        var first = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(12));
        var later = await h.EvaluateAsync(trigger);

        first.Outcome.Should().Be(TriggerOutcome.NotFired);
        later.Outcome.Should().Be(TriggerOutcome.NotFired);
        h.Store.Values.Should().ContainKey("schedule");
    }

    [Fact]
    public async Task Cron_FireOnceAfterDowntime_FiresOnceForAllMissedOccurrences()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 * * * *");
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 5, 30, 0, TimeSpan.Zero));
        var afterDowntime = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await h.EvaluateAsync(trigger);

        afterDowntime.Outcome.Should().Be(TriggerOutcome.Fired);
        afterDowntime.Reason.Should().Be(
            "occurrence 2026-01-01T05:00:00+00:00 of '0 * * * *' (UTC) passed since first evaluation 2026-01-01T00:30:00+00:00; 5 occurrences since first evaluation, firing once");
        again.Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Cron_PerSecondAfterAnHourDown_FiresOnceForTheLatestSecondAndCapsTheCount()
    {
        var h = new TriggerHarness();
        var trigger = Trigger.Cron("* * * * * *");
        await h.EvaluateAsync(trigger);

        h.Time.Advance(TimeSpan.FromHours(1));
        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be(
            "occurrence 2026-01-01T01:00:00+00:00 of '* * * * * *' (UTC) passed since first evaluation 2026-01-01T00:00:00+00:00; more than 1000 occurrences since first evaluation, firing once");
    }

    [Fact]
    public async Task Cron_YearlyAfterTwoYearsDown_FindsTheLatestOccurrence()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("@yearly");
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2028, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Reason.Should().Be(
            "occurrence 2028-01-01T00:00:00+00:00 of '@yearly' (UTC) passed since first evaluation 2026-01-01T12:00:00+00:00; 2 occurrences since first evaluation, firing once");
    }

    [Fact]
    public async Task Cron_SkipAfterDowntime_SkipsStaleOccurrenceAndFiresTheNextOnTime()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var trigger = Trigger.Schedule(new ScheduleOptions { Cron = "0 * * * *", MissedFire = MissedFirePolicy.Skip, GracePeriod = TimeSpan.FromMinutes(10) });
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 5, 30, 0, TimeSpan.Zero));
        var afterDowntime = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 6, 5, 0, TimeSpan.Zero));
        var onTime = await h.EvaluateAsync(trigger);

        afterDowntime.Outcome.Should().Be(TriggerOutcome.NotFired);
        afterDowntime.Reason.Should().Be(
            "occurrence 2026-01-01T05:00:00+00:00 of '0 * * * *' (UTC) skipped: 30m late, grace 10m; next at 2026-01-01T06:00:00+00:00");
        onTime.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Cron_SkipWithinGrace_Fires()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var trigger = Trigger.Schedule(new ScheduleOptions { Cron = "0 * * * *", MissedFire = MissedFirePolicy.Skip, GracePeriod = TimeSpan.FromMinutes(10) });
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 1, 10, 0, TimeSpan.Zero));

        (await h.EvaluateAsync(trigger)).Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Cron_RetrainAfterOccurrence_ConsumesIt()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 0 * * *");
        await h.EvaluateAsync(trigger);

        h.Signals.RecordRetrain(new DateTimeOffset(2026, 1, 2, 0, 20, 0, TimeSpan.Zero), 1000);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 2, 0, 30, 0, TimeSpan.Zero));
        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("nothing due since last retrain 2026-01-02T00:20:00+00:00");
    }

    [Fact]
    public async Task Cron_SixFieldsWithSeconds_FiresOnTheSecond()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero));
        var trigger = Trigger.Cron("*/30 * * * * *");
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 29, TimeSpan.Zero));
        var before = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));
        var at = await h.EvaluateAsync(trigger);

        before.Outcome.Should().Be(TriggerOutcome.NotFired);
        at.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Cron_SpringForwardInBerlin_SkippedLocalTimeFiresAtTheTransition()
    {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST; Cronos moves the non-existent 02:30 to 03:00 CEST (01:00Z).
        var h = new TriggerHarness(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("30 2 * * *", Berlin);
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 0, 59, 59, TimeSpan.Zero));
        var beforeJump = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero));
        var atJump = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 0, 29, 59, TimeSpan.Zero));
        var nextDayBefore = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero));
        var nextDay = await h.EvaluateAsync(trigger);

        beforeJump.Outcome.Should().Be(TriggerOutcome.NotFired);
        atJump.Outcome.Should().Be(TriggerOutcome.Fired);
        atJump.Reason.Should().StartWith("occurrence 2026-03-29T03:00:00+02:00 of '30 2 * * *' (Europe/Berlin)");
        nextDayBefore.Outcome.Should().Be(TriggerOutcome.NotFired);
        nextDay.Outcome.Should().Be(TriggerOutcome.Fired);
        nextDay.Reason.Should().StartWith("occurrence 2026-03-30T02:30:00+02:00");
    }

    [Fact]
    public async Task Cron_FallBackInBerlin_FixedTimeFiresOnlyInTheFirstAmbiguousHour()
    {
        // 2026-10-25 03:00 CEST falls back to 02:00 CET: local 02:30 happens twice (00:30Z and 01:30Z); Cronos fires once.
        var h = new TriggerHarness(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("30 2 * * *", Berlin);
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        var firstPass = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero));
        var secondPass = await h.EvaluateAsync(trigger);

        firstPass.Outcome.Should().Be(TriggerOutcome.Fired);
        firstPass.Reason.Should().StartWith("occurrence 2026-10-25T02:30:00+02:00");
        secondPass.Outcome.Should().Be(TriggerOutcome.NotFired);
        secondPass.Reason.Should().EndWith("next at 2026-10-26T02:30:00+01:00");
    }

    [Fact]
    public async Task Cron_FallBackInBerlin_HourlyExpressionFiresInBothAmbiguousHours()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 * * * *", Berlin);
        await h.EvaluateAsync(trigger);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 0, 1, TimeSpan.Zero));
        var cest = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 10, 25, 1, 0, 1, TimeSpan.Zero));
        var cet = await h.EvaluateAsync(trigger);

        cest.Outcome.Should().Be(TriggerOutcome.Fired);
        cest.Reason.Should().StartWith("occurrence 2026-10-25T02:00:00+02:00");
        cet.Outcome.Should().Be(TriggerOutcome.Fired);
        cet.Reason.Should().StartWith("occurrence 2026-10-25T02:00:00+01:00");
    }

    [Fact]
    public async Task Every_Interval_FiresEachIntervalAfterTheAnchor()
    {
        var h = new TriggerHarness();
        var trigger = Trigger.Every(TimeSpan.FromHours(6));
        await h.EvaluateAsync(trigger);

        h.Time.Advance(TimeSpan.FromHours(5));
        var early = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var due = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(5));
        var afterFiring = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromHours(1));
        var dueAgain = await h.EvaluateAsync(trigger);

        early.Outcome.Should().Be(TriggerOutcome.NotFired);
        early.Reason.Should().Be("nothing due since first evaluation 2026-01-01T00:00:00+00:00; next at 2026-01-01T06:00:00+00:00");
        due.Outcome.Should().Be(TriggerOutcome.Fired);
        due.Reason.Should().Be("interval 6h due at 2026-01-01T06:00:00+00:00 passed since first evaluation 2026-01-01T00:00:00+00:00");
        afterFiring.Outcome.Should().Be(TriggerOutcome.NotFired);
        dueAgain.Outcome.Should().Be(TriggerOutcome.Fired);
    }

    [Fact]
    public async Task Every_IntervalAfterRetrain_MeasuresFromTheRetrain()
    {
        var h = new TriggerHarness();
        var trigger = Trigger.Every(TimeSpan.FromDays(7));
        await h.EvaluateAsync(trigger);

        h.Signals.RecordRetrain(TriggerHarness.Start.AddDays(5), 100);
        h.Time.Advance(TimeSpan.FromDays(8));
        var notYet = await h.EvaluateAsync(trigger);
        h.Time.Advance(TimeSpan.FromDays(4));
        var due = await h.EvaluateAsync(trigger);

        notYet.Outcome.Should().Be(TriggerOutcome.NotFired);
        due.Outcome.Should().Be(TriggerOutcome.Fired);
        due.Reason.Should().Contain("since last retrain 2026-01-06T00:00:00+00:00");
    }

    [Fact]
    public async Task Schedule_CorruptState_StartsFreshAndSaysSo()
    {
        var h = new TriggerHarness();
        h.Store.Corrupt("schedule", "{not json");
        var trigger = Trigger.Cron("0 0 * * *");

        var result = await h.EvaluateAsync(trigger);

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().StartWith("stored state at 'schedule' was unreadable");
        result.Reason.Should().Contain("first evaluation; next at 2026-01-02T00:00:00+00:00");
    }

    [Fact]
    public async Task Schedule_StateFromTheFuture_IsResetInsteadOfBlocking()
    {
        var h = new TriggerHarness();
        h.Store.Corrupt("schedule", """{"firstEvaluatedAt":"2030-01-01T00:00:00+00:00"}""");

        var result = await h.EvaluateAsync(Trigger.Every(TimeSpan.FromHours(1)));

        result.Reason.Should().StartWith("stored state at 'schedule' was in the future and was reset");
    }

    [Theory]
    [InlineData("0 0 * *")]
    [InlineData("61 * * * *")]
    [InlineData("not a cron")]
    public void Cron_InvalidExpression_ThrowsNamingIt(string expression)
    {
        var act = () => Trigger.Cron(expression);

        act.Should().Throw<ArgumentException>().WithMessage($"*Schedule:Cron '{expression}' is not a valid cron expression*");
    }

    [Fact]
    public void Schedule_NeitherCronNorInterval_Throws()
    {
        var act = () => Trigger.Schedule(new ScheduleOptions());

        act.Should().Throw<ArgumentException>().WithMessage("*must set exactly one of Cron*");
    }

    [Fact]
    public void Schedule_BothCronAndInterval_Throws()
    {
        var act = () => Trigger.Schedule(new ScheduleOptions { Cron = "0 0 * * *", Interval = TimeSpan.FromHours(1) });

        act.Should().Throw<ArgumentException>().WithMessage("*must set exactly one of Cron*");
    }

    [Fact]
    public void Every_NonPositiveInterval_Throws()
    {
        var act = () => Trigger.Every(TimeSpan.Zero);

        act.Should().Throw<ArgumentException>().WithMessage("*Schedule:Interval must be > 0*");
    }

    [Fact]
    public void Schedule_NegativeGracePeriod_Throws()
    {
        var act = () => Trigger.Schedule(new ScheduleOptions { Cron = "0 0 * * *", GracePeriod = TimeSpan.FromSeconds(-1) });

        act.Should().Throw<ArgumentException>().WithMessage("*Schedule:GracePeriod must be >= 0*");
    }

    [Fact]
    public async Task Cron_Fired_CauseIsTheOccurrenceInUtc()
    {
        var h = new TriggerHarness(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var trigger = Trigger.Cron("0 3 * * *", Berlin);

        var first = await h.EvaluateAsync(trigger);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 1, 2, 30, 0, TimeSpan.Zero));
        var fired = await h.EvaluateAsync(trigger);

        first.Cause.Should().BeNull();
        fired.Outcome.Should().Be(TriggerOutcome.Fired);
        fired.Cause.Should().Be("schedule@2026-03-01T02:00:00Z");
    }
}
