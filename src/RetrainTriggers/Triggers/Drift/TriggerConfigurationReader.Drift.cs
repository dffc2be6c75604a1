using Microsoft.Extensions.Configuration;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Drift</c> node into <see cref="DriftOptions"/>.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] DriftSettings = ["Feature", "ScoreAbove", "MinLevel", "Match", NameKey];

    private ITrigger? ReadDrift(IConfigurationSection section, NodeName name)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, DriftSettings) is not { } settings)
        {
            return null;
        }

        var settingsErrors = _errors.Count;

        var options = new DriftOptions
        {
            Feature = settings.TryGetValue("Feature", out var feature) ? ReadText(feature) : null,
            ScoreAbove = OptionalNumber(settings, "ScoreAbove"),
            MinLevel = OptionalEnum<DriftDecision>(settings, "MinLevel"),
            Match = OptionalEnum<ConditionMatch>(settings, "Match") ?? ConditionMatch.Any,
            Name = MergeName(settings, name),
        };
        return Build(section, errorsBefore, settingsErrors, options, static (o, path, errors) => o.Validate(path, errors), Trigger.Drift);
    }
}
