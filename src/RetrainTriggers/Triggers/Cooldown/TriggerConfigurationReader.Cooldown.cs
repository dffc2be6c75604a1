using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Cooldown</c> node into <see cref="CooldownOptions"/> and the node it wraps.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] CooldownSettings = ["Period", NameKey, TriggerKey];

    private ITrigger? ReadCooldown(IConfigurationSection section, NodeName name, int depth)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, CooldownSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new CooldownOptions { Period = OptionalDuration(settings, "Period"), Name = MergeName(settings, name) };
        var inner = ReadWrapped(section, settings, depth, "the trigger whose firings are spaced out");
        return inner is null ? null : Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), o => new CooldownTrigger(inner, o));
    }
}
