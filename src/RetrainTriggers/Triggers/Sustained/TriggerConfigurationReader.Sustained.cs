using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Sustained</c> node into <see cref="SustainedOptions"/> and the node it wraps.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] SustainedSettings = ["Duration", "Evaluations", "ResetOnInsufficientData", NameKey, TriggerKey];

    private ITrigger? ReadSustained(IConfigurationSection section, NodeName name, int depth)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, SustainedSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new SustainedOptions
        {
            Duration = OptionalDuration(settings, "Duration"),
            Evaluations = settings.TryGetValue("Evaluations", out var evaluations) ? ReadInt32(evaluations) : null,
            ResetOnInsufficientData = OptionalBool(settings, "ResetOnInsufficientData") ?? false,
            Name = MergeName(settings, name),
        };
        var inner = ReadWrapped(section, settings, depth, "the trigger that must keep firing");
        return inner is null ? null : Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), o => Trigger.Sustained(inner, o));
    }
}
