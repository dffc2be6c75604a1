using System.Globalization;
using Cronos;

namespace RetrainTriggers;

/// <summary>Fires when a cron occurrence (or an interval) has passed since its anchor, once per due occurrence.</summary>
/// <remarks>
/// anchor = max(first evaluation, last retrain completion, last firing). The trigger fires when an occurrence lies in
/// (anchor, now]. <see cref="MissedFirePolicy.FireOnce"/> fires once however many occurrences were missed;
/// <see cref="MissedFirePolicy.Skip"/> fires only when the latest such occurrence is at most the grace period old.
/// Firing records the evaluation instant as the last firing, which consumes every occurrence up to now.
/// State (key = this node's path): first evaluation and last firing.
/// </remarks>
internal sealed class ScheduleTrigger : Trigger
{
    /// <summary>How many missed occurrences a reason counts before saying "or more".</summary>
    private const int MaxCountedMisses = 1000;

    /// <summary>Trailing windows searched, smallest first, for the latest due occurrence.</summary>
    private static readonly TimeSpan[] SearchWindows =
        [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.MaxValue];

    private readonly CronExpression? cron;
    private readonly string? cronText;
    private readonly TimeSpan? interval;
    private readonly TimeZoneInfo zone;
    private readonly MissedFirePolicy policy;
    private readonly TimeSpan grace;

    public ScheduleTrigger(ScheduleOptions options)
        : base(DefaultName(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Schedule, (o, path, errors) => o.Validate(path, errors))))
    {
        if (options.Cron is { } text)
        {
            _ = ScheduleOptions.TryParseCron(text, out cron);
            cronText = text.Trim();
        }

        interval = options.Interval;
        zone = options.TimeZone ?? TimeZoneInfo.Utc;
        policy = options.MissedFire;
        grace = options.GracePeriod;
    }

    public override string Kind => TriggerKinds.Schedule;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var (stored, note) = await TriggerStateIO.ReadAsync(context, TriggerStateJsonContext.Default.ScheduleState, cancellationToken).ConfigureAwait(false);
        if (stored is not null && (stored.FirstEvaluatedAt > now || stored.LastFiredAt > now))
        {
            (stored, note) = (null, $"stored state at '{context.Path}' was in the future and was reset");
        }

        if (stored is null)
        {
            // The first evaluation only sets the anchor: occurrences before the trigger existed never fire (no flood when enabled).
            var fresh = new ScheduleState { FirstEvaluatedAt = now };
            await TriggerStateIO.WriteAsync(context, fresh, TriggerStateJsonContext.Default.ScheduleState, cancellationToken).ConfigureAwait(false);
            return Result(context, TriggerOutcome.NotFired, TriggerStateIO.WithNote(note, "first evaluation; " + NextText(now, now)));
        }

        var anchor = stored.FirstEvaluatedAt;
        var anchorText = "first evaluation";
        if (stored.LastFiredAt is { } fired && fired > anchor)
        {
            (anchor, anchorText) = (fired, "last firing");
        }

        if (context.RetrainHistory is not null
            && await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false) is { } last
            && last.CompletedAt > anchor
            && last.CompletedAt <= now)
        {
            (anchor, anchorText) = (last.CompletedAt, "last retrain");
        }

        var (latest, missed) = LatestDue(anchor, now);
        if (latest is not { } due)
        {
            return Result(context, TriggerOutcome.NotFired, $"nothing due since {anchorText} {Local(anchor)}; {NextText(now, anchor)}");
        }

        var dueText = cron is not null ? $"occurrence {Local(due)} of '{cronText}' ({zone.Id})" : $"interval {TriggerFormat.Duration(interval!.Value)} due at {Local(due)}";
        var age = now - due;
        if (policy == MissedFirePolicy.Skip && age > grace)
        {
            var reason = $"{dueText} skipped: {TriggerFormat.Duration(age)} late, grace {TriggerFormat.Duration(grace)}; {NextText(now, anchor)}";
            return Result(context, TriggerOutcome.NotFired, reason, age.TotalSeconds, grace.TotalSeconds);
        }

        var state = new ScheduleState { FirstEvaluatedAt = stored.FirstEvaluatedAt, LastFiredAt = now };
        await TriggerStateIO.WriteAsync(context, state, TriggerStateJsonContext.Default.ScheduleState, cancellationToken).ConfigureAwait(false);
        var more = missed switch
        {
            <= 1 => string.Empty,
            > MaxCountedMisses => $"; more than {MaxCountedMisses.ToString(CultureInfo.InvariantCulture)} occurrences since {anchorText}, firing once",
            _ => $"; {missed.ToString(CultureInfo.InvariantCulture)} occurrences since {anchorText}, firing once",
        };
        return Result(
            context,
            TriggerOutcome.Fired,
            TriggerStateIO.WithNote(note, $"{dueText} passed since {anchorText} {Local(anchor)}{more}"),
            cause: "schedule@" + TriggerFormat.CauseInstant(due));
    }

    private static string DefaultName(ScheduleOptions options) => options.Name ?? "schedule";

    /// <summary>Finds the latest occurrence in (anchor, now] and how many occurrences lie there (counted up to a cap).</summary>
    private (DateTimeOffset? Latest, int Count) LatestDue(DateTimeOffset anchor, DateTimeOffset now)
    {
        if (interval is { } step)
        {
            var elapsed = now - anchor;
            if (elapsed < step)
            {
                return (null, 0);
            }

            var count = elapsed.Ticks / step.Ticks;
            return (anchor + TimeSpan.FromTicks(step.Ticks * count), (int)Math.Min(count, int.MaxValue));
        }

        // Only forward searches: Cronos defines DST behaviour (skipped local times fire at the transition, fixed times
        // fire once in an ambiguous hour) for GetNextOccurrence, and its backward search places skipped times differently.
        if (cron!.GetNextOccurrence(anchor, zone) is not { } first || first > now)
        {
            return (null, 0);
        }

        // The latest occurrence is found in the smallest trailing window that holds one, so long downtime with a
        // per-second expression costs a few dozen steps, not one step per missed second.
        DateTimeOffset latest = first;
        foreach (var window in SearchWindows)
        {
            var from = window >= now - anchor ? anchor : now - window;
            if (cron.GetNextOccurrence(from, zone) is { } hit && hit <= now)
            {
                foreach (var occurrence in cron.GetOccurrences(from, now, zone, fromInclusive: false, toInclusive: true))
                {
                    latest = occurrence;
                }

                break;
            }
        }

        var counted = cron.GetOccurrences(anchor, now, zone, fromInclusive: false, toInclusive: true).Take(MaxCountedMisses + 1).Count();
        return (latest, counted);
    }

    private string NextText(DateTimeOffset now, DateTimeOffset anchor)
    {
        DateTimeOffset? next = interval is { } step
            ? anchor + TimeSpan.FromTicks(step.Ticks * (((now - anchor).Ticks / step.Ticks) + 1))
            : cron!.GetNextOccurrence(now, zone);
        return next is { } n ? "next at " + Local(n) : "no further occurrence";
    }

    private string Local(DateTimeOffset instant) => TriggerFormat.Instant(TimeZoneInfo.ConvertTime(instant, zone));
}
