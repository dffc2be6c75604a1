using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads a <c>Not</c> node: the node it negates.</content>
internal sealed partial class TriggerConfigurationReader
{
    private ITrigger? ReadNot(IConfigurationSection section, NodeName name, int depth)
    {
        var errorsBefore = _errors.Count;
        var inner = ReadNode(section, depth + 1);
        return inner is null ? null : Create(section, errorsBefore, () => Trigger.Not(inner, name.Value));
    }
}
