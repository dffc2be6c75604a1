using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Volume</c> node into <see cref="VolumeOptions"/>.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] VolumeSettings = ["MinNewRows", "MinGrowth", "Match", NameKey];

    private ITrigger? ReadVolume(IConfigurationSection section, NodeName name)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, VolumeSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new VolumeOptions
        {
            MinNewRows = settings.TryGetValue("MinNewRows", out var rows) ? ReadInteger(rows) : null,
            MinGrowth = OptionalNumber(settings, "MinGrowth"),
            Match = OptionalEnum<ConditionMatch>(settings, "Match") ?? ConditionMatch.Any,
            Name = MergeName(settings, name),
        };
        return Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), Trigger.Volume);
    }
}
