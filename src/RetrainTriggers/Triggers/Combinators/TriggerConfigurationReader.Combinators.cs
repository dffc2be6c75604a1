using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads the <c>Any</c>, <c>All</c> and <c>AtLeast</c> nodes.</content>
internal sealed partial class TriggerConfigurationReader
{
    private static readonly string[] AtLeastSettings = ["Count", "Of"];

    private ITrigger? ReadAnyOrAll(IConfigurationSection section, NodeName name, int depth, bool all)
    {
        var errorsBefore = _errors.Count;
        if (ReadList(section, depth) is not { } children)
        {
            return null;
        }

        CombinatorTrigger.Validate(all ? TriggerKinds.All : TriggerKinds.Any, 1, children, section.Path, _errors);
        return Create(section, errorsBefore, () => all ? Trigger.All(children, name.Value) : Trigger.Any(children, name.Value));
    }

    private ITrigger? ReadAtLeast(IConfigurationSection section, NodeName name, int depth)
    {
        var errorsBefore = _errors.Count;
        if (ReadSettings(section, AtLeastSettings) is not { } settings)
        {
            return null;
        }

        List<ITrigger>? children = null;
        if (settings.TryGetValue("Of", out var of))
        {
            children = ReadList(of, depth);
        }
        else
        {
            Error($"{section.Path}:Of is required: the list of triggers of which at least Count must fire");
        }

        int? count = null;
        if (settings.TryGetValue("Count", out var countSection))
        {
            count = ReadInt32(countSection);
        }
        else
        {
            Error($"{section.Path}:Count is required: how many of the triggers in Of must fire");
        }

        if (children is null || count is null || _errors.Count > errorsBefore)
        {
            return null;
        }

        CombinatorTrigger.Validate(TriggerKinds.AtLeast, count.Value, children, section.Path, _errors);
        return Create(section, errorsBefore, () => Trigger.AtLeast(count.Value, children, name.Value));
    }
}
