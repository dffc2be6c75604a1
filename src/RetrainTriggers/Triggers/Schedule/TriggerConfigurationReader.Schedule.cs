using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Schedule</c> node into <see cref="ScheduleOptions"/>.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] ScheduleSettings = ["Cron", "Interval", "TimeZone", "MissedFire", "GracePeriod", NameKey];

    private ITrigger? ReadSchedule(IConfigurationSection section, NodeName name)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, ScheduleSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new ScheduleOptions
        {
            Cron = settings.TryGetValue("Cron", out var cron) ? ReadString(cron) : null,
            Interval = OptionalDuration(settings, "Interval"),
            TimeZone = settings.TryGetValue("TimeZone", out var zone) ? ReadTimeZone(zone) : null,
            MissedFire = OptionalEnum<MissedFirePolicy>(settings, "MissedFire") ?? MissedFirePolicy.FireOnce,
            Name = MergeName(settings, name),
        };
        if (OptionalDuration(settings, "GracePeriod") is { } grace)
        {
            options.GracePeriod = grace;
        }

        return Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), Trigger.Schedule);
    }
}
