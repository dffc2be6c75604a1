using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Hysteresis</c> node into <see cref="HysteresisOptions"/>.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] HysteresisSettings = ["Metric", "Direction", "Enter", "Exit", "Basis", "MaxAge", NameKey];

    private ITrigger? ReadHysteresis(IConfigurationSection section, NodeName name)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, HysteresisSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new HysteresisOptions
        {
            Metric = settings.TryGetValue("Metric", out var metric) ? ReadText(metric) ?? string.Empty : string.Empty,
            Direction = OptionalEnum<ThresholdDirection>(settings, "Direction") ?? ThresholdDirection.Below,
            Enter = OptionalNumber(settings, "Enter") ?? double.NaN,
            Exit = OptionalNumber(settings, "Exit") ?? double.NaN,
            Basis = OptionalEnum<ThresholdBasis>(settings, "Basis") ?? ThresholdBasis.Absolute,
            MaxAge = OptionalDuration(settings, "MaxAge"),
            Name = MergeName(settings, name),
        };
        return Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), Trigger.Hysteresis);
    }
}
