namespace RetrainTriggers;

/// <content>The Schedule slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires when a cron occurrence or an interval has passed since the anchor (first evaluation, last retrain, last firing).</summary>
    /// <param name="options">The cron expression or interval, the time zone and the missed-fire policy.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither or both of cron and interval are set, or the cron expression is invalid (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive or the grace period is negative.</exception>
    public static Trigger Schedule(ScheduleOptions options) => new ScheduleTrigger(options);

    /// <summary>Fires when an occurrence of a cron expression (5 fields, or 6 with seconds) has passed since the anchor.</summary>
    /// <param name="cron">The cron expression.</param>
    /// <param name="timeZone">The time zone it is read in; default UTC.</param>
    /// <param name="name">The trigger name; default <c>schedule</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Cron(string cron, TimeZoneInfo? timeZone = null, string? name = null) =>
        new ScheduleTrigger(new ScheduleOptions { Cron = cron, TimeZone = timeZone, Name = name });

    /// <summary>Fires when <paramref name="interval"/> has passed since the anchor.</summary>
    /// <param name="interval">The interval; greater than zero and at most 36 500 days.</param>
    /// <param name="name">The trigger name; default <c>schedule</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Every(TimeSpan interval, string? name = null) =>
        new ScheduleTrigger(new ScheduleOptions { Interval = interval, Name = name });
}
