using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Threshold</c> node into <see cref="ThresholdOptions"/>.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] ThresholdSettings = ["Metric", "Below", "Above", "Basis", "MaxAge", NameKey];

    private ITrigger? ReadThreshold(IConfigurationSection section, NodeName name)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, ThresholdSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new ThresholdOptions
        {
            Metric = settings.TryGetValue("Metric", out var metric) ? ReadText(metric) ?? string.Empty : string.Empty,
            Below = OptionalNumber(settings, "Below"),
            Above = OptionalNumber(settings, "Above"),
            Basis = OptionalEnum<ThresholdBasis>(settings, "Basis") ?? ThresholdBasis.Absolute,
            MaxAge = OptionalDuration(settings, "MaxAge"),
            Name = MergeName(settings, name),
        };
        return Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), Trigger.Threshold);
    }
}
