using System.Globalization;
using Cronos;

namespace RetrainTriggers;

/// <summary>Configures a schedule trigger: a cron expression in a time zone, or a fixed interval.</summary>
public sealed class ScheduleOptions
{
    /// <summary>Gets or sets a cron expression (Cronos syntax) with 5 fields, or 6 with a leading seconds field; exclusive with <see cref="Interval"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>Gets or sets a fixed interval, measured from the anchor (first evaluation, last retrain or last firing); exclusive with <see cref="Cron"/>.</summary>
    /// <value>Greater than zero and at most 36 500 days; default <see langword="null"/>.</value>
    public TimeSpan? Interval { get; set; }

    /// <summary>Gets or sets the time zone the cron expression is read in.</summary>
    /// <value>Default <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo? TimeZone { get; set; }

    /// <summary>Gets or sets what happens to occurrences missed during downtime.</summary>
    /// <value>Default <see cref="MissedFirePolicy.FireOnce"/>.</value>
    public MissedFirePolicy MissedFire { get; set; } = MissedFirePolicy.FireOnce;

    /// <summary>Gets or sets how late an occurrence may be seen and still fire under <see cref="MissedFirePolicy.Skip"/>; make it longer than the evaluation period.</summary>
    /// <value>At least zero; default 1 hour.</value>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the trigger name; default <c>schedule</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if ((Cron is null) == (Interval is null))
        {
            errors.Add($"{path} must set exactly one of Cron (e.g. \"0 0 * * *\") or Interval (e.g. \"7.00:00:00\")");
        }
        else if (Interval is not null && TimeZone is not null)
        {
            errors.Add($"{path}:TimeZone applies only to Cron schedules; an Interval is measured in elapsed time");
        }

        if (Cron is not null && TryParseCron(Cron, out _) is { } problem)
        {
            errors.Add($"{path}:Cron '{Cron}' is not a valid cron expression: {problem}");
        }

        OptionsValidation.Positive(Interval, path, nameof(Interval), errors);
        if (GracePeriod < TimeSpan.Zero)
        {
            errors.Add($"{path}:GracePeriod must be >= 0, not {GracePeriod.ToString("c", CultureInfo.InvariantCulture)}");
        }

        OptionsValidation.Defined(MissedFire, path, nameof(MissedFire), errors);
        OptionsValidation.Name(Name, path, errors);
    }

    /// <summary>Parses 5-field (minute first) or 6-field (seconds first) cron text; returns the problem, or null when it parsed.</summary>
    internal static string? TryParseCron(string text, out CronExpression? expression)
    {
        expression = null;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields == 1 && text.TrimStart().StartsWith('@'))
        {
            fields = 5;
        }
        else if (fields is not (5 or 6))
        {
            return $"it has {fields.ToString(CultureInfo.InvariantCulture)} fields; expected 5 (minute hour day month weekday) or 6 (with seconds first)";
        }

        try
        {
            expression = CronExpression.Parse(text.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }
}
