using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <summary>Walks a configuration tree node by node, collecting every error with its path, and builds triggers through the <see cref="Trigger"/> factory.</summary>
/// <remarks>
/// The reader only parses: each kind's slice (<c>Triggers/&lt;Kind&gt;/TriggerConfigurationReader.&lt;Kind&gt;.cs</c>) turns its
/// settings into the kind's options and lets the options validate themselves under the node's configuration path, so a
/// rule is written once, in the options type. A new kind adds its slice and one line to <see cref="Kinds"/>.
/// </remarks>
internal sealed partial class TriggerConfigurationReader
{
    private const string NameKey = "Name";
    private const string TriggerKey = "Trigger";

    /// <summary>Every kind a node may name, with the slice that reads it; the order is the one messages list.</summary>
    private static readonly (string Kind, KindReader Read)[] Kinds =
    [
        (TriggerKinds.Threshold, static (r, s, n, d) => r.ReadThreshold(s, n)),
        (TriggerKinds.Hysteresis, static (r, s, n, d) => r.ReadHysteresis(s, n)),
        (TriggerKinds.Schedule, static (r, s, n, d) => r.ReadSchedule(s, n)),
        (TriggerKinds.Volume, static (r, s, n, d) => r.ReadVolume(s, n)),
        (TriggerKinds.Drift, static (r, s, n, d) => r.ReadDrift(s, n)),
        (TriggerKinds.Any, static (r, s, n, d) => r.ReadAnyOrAll(s, n, d, all: false)),
        (TriggerKinds.All, static (r, s, n, d) => r.ReadAnyOrAll(s, n, d, all: true)),
        (TriggerKinds.Not, static (r, s, n, d) => r.ReadNot(s, n, d)),
        (TriggerKinds.AtLeast, static (r, s, n, d) => r.ReadAtLeast(s, n, d)),
        (TriggerKinds.Sustained, static (r, s, n, d) => r.ReadSustained(s, n, d)),
        (TriggerKinds.Cooldown, static (r, s, n, d) => r.ReadCooldown(s, n, d)),
    ];

    private static readonly string KindList = string.Join(", ", Kinds.Select(k => k.Kind));

    private readonly List<string> _errors;

    // The library's one value parser; it adds its problems to _errors.
    private readonly SettingReader _values;

    // Trigger name -> configuration path of the node that took it; names key state, so they must be unique in a tree.
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="TriggerConfigurationReader"/> class.</summary>
    public TriggerConfigurationReader()
    {
        _errors = [];
        _values = new SettingReader(_errors);
    }

    /// <summary>Reads one kind's settings at <c>section</c> (the value under the kind key) and builds its trigger.</summary>
    private delegate ITrigger? KindReader(TriggerConfigurationReader reader, IConfigurationSection section, NodeName name, int depth);

    /// <summary>Gets every problem found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Reads the root node.</summary>
    public ITrigger? ReadRoot(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            Error($"{section.Path} is missing or empty; expected one trigger node such as {{\"Threshold\":{{\"Metric\":\"accuracy\",\"Below\":0.85}}}}");
            return null;
        }

        return ReadNode(section, 0);
    }

    private ITrigger? ReadNode(IConfigurationSection node, int depth)
    {
        // Checked before looking inside: a generated tree thousands of levels deep must not exhaust the stack.
        if (depth > TriggerTree.MaxDepth)
        {
            Error($"{ShortPath(node.Path)} is nested deeper than {TriggerTree.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels; flatten the tree (Any and All take lists)");
            return null;
        }

        var children = node.GetChildren().ToList();
        if (children.Count == 0)
        {
            Error(node.Value is null or ""
                ? $"{node.Path} is empty; expected one trigger kind: {KindList}"
                : $"{node.Path} must be a trigger object with one kind ({KindList}), not the value '{node.Value}'");
            return null;
        }

        var name = new NodeName();
        var kinds = new List<(string Kind, KindReader Read, IConfigurationSection Section)>();
        foreach (var child in children)
        {
            if (string.Equals(child.Key, NameKey, StringComparison.OrdinalIgnoreCase))
            {
                name.Section = child;
                name.Value = ReadName(child);
            }
            else if (Array.FindIndex(Kinds, k => string.Equals(k.Kind, child.Key, StringComparison.OrdinalIgnoreCase)) is var index and >= 0)
            {
                kinds.Add((Kinds[index].Kind, Kinds[index].Read, child));
            }
            else
            {
                Error($"{child.Path} is not a known trigger kind; expected Name or one of {KindList}");
            }
        }

        if (kinds.Count != 1)
        {
            Error(kinds.Count == 0
                ? $"{node.Path} names no trigger kind; expected exactly one of {KindList}"
                : $"{node.Path} names {kinds.Count.ToString(CultureInfo.InvariantCulture)} trigger kinds ({string.Join(", ", kinds.Select(k => k.Kind))}); " +
                  "a node has exactly one kind: combine several with Any or All");
            return null;
        }

        var errorsBefore = _errors.Count;
        var trigger = kinds[0].Read(this, kinds[0].Section, name, depth);
        if (trigger is null || _errors.Count > errorsBefore)
        {
            return null;
        }

        var namePath = name.Section?.Path ?? node.Path;
        if (!_names.TryAdd(trigger.Name, namePath))
        {
            Error($"{namePath}: the trigger name '{trigger.Name}' is already used by {_names[trigger.Name]}; " +
                  "names must be unique within one tree because they key trigger state - give one of them a different Name");
            return null;
        }

        return trigger;
    }

    // Builds a leaf or modifier from options that validate themselves under the node's path; the factory then only
    // repeats checks that already passed. settingsErrors is the error count after the keys were checked.
    private ITrigger? Build<TOptions>(
        IConfigurationSection section, int errorsBefore, int settingsErrors, TOptions options, Action<TOptions, string, List<string>> validate, Func<TOptions, ITrigger> create)
    {
        // A value that did not parse is already reported; the rules that depend on it would only repeat it.
        // (An unknown key is no reason to stop: "Blow" is worth a second message that Below is missing.)
        if (_errors.Count > settingsErrors)
        {
            return null;
        }

        validate(options, section.Path, _errors);
        return Create(section, errorsBefore, () => create(options));
    }

    // Runs a factory call unless the node already has errors; a factory check that still fails (a tree rule, such as
    // duplicate names inside a host trigger) becomes an error at the node's path.
    private ITrigger? Create(IConfigurationSection section, int errorsBefore, Func<ITrigger> create)
    {
        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            Error($"{section.Path}: {Describe(ex)}");
            return null;
        }
    }

    private ITrigger? ReadWrapped(IConfigurationSection section, Dictionary<string, IConfigurationSection> settings, int depth, string what)
    {
        if (settings.TryGetValue(TriggerKey, out var inner))
        {
            return ReadNode(inner, depth + 1);
        }

        Error($"{section.Path}:{TriggerKey} is required: {what}");
        return null;
    }

    private List<ITrigger>? ReadList(IConfigurationSection section, int depth)
    {
        var items = section.GetChildren().ToList();
        if (items.Count == 0 && section.Value is { Length: > 0 })
        {
            Error($"{section.Path} must be a list of trigger nodes, not the value '{section.Value}'");
            return null;
        }

        if (items.Any(item => !int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            Error($"{section.Path} must be a list (a JSON array) of trigger nodes, not an object with keys {string.Join(", ", items.Select(i => i.Key))}");
            return null;
        }

        var errorsBefore = _errors.Count;
        var triggers = new List<ITrigger>(items.Count);
        foreach (var item in items)
        {
            if (ReadNode(item, depth + 1) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        return _errors.Count > errorsBefore ? null : triggers;
    }

    private Dictionary<string, IConfigurationSection>? ReadSettings(IConfigurationSection section, string[] allowed)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            Error(section.Value is null or ""
                ? $"{section.Path} is empty; expected settings: {string.Join(", ", allowed)}"
                : $"{section.Path} must be an object with settings ({string.Join(", ", allowed)}), not the value '{section.Value}'");
            return null;
        }

        var settings = new Dictionary<string, IConfigurationSection>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in children)
        {
            // Configuration keys are case-insensitive; the canonical spelling is used in messages and lookups.
            if (Array.Find(allowed, candidate => string.Equals(candidate, child.Key, StringComparison.OrdinalIgnoreCase)) is { } key)
            {
                settings[key] = child;
            }
            else
            {
                Error($"{child.Path} is not a known setting; expected one of {string.Join(", ", allowed)}");
            }
        }

        return settings;
    }

    /// <summary>Takes the name from the kind's settings, unless the node already gave one.</summary>
    private string? MergeName(Dictionary<string, IConfigurationSection> settings, NodeName name)
    {
        if (!settings.TryGetValue(NameKey, out var inner))
        {
            return name.Value;
        }

        if (name.Section is not null)
        {
            Error($"{inner.Path}: the name is also given at {name.Section.Path}; give it once");
            return name.Value;
        }

        name.Section = inner;
        name.Value = ReadName(inner);
        return name.Value;
    }

    private string? ReadName(IConfigurationSection section)
    {
        var name = ReadString(section);
        if (name is not null && TriggerTree.NameProblem(name) is { } problem)
        {
            Error($"{section.Path} '{name}' {problem}");
            return null;
        }

        return name;
    }

    // Abbreviates a path of a deeply nested node, so one error never costs kilobytes.
    private static string ShortPath(string path) =>
        path.Length <= 200 ? path : string.Concat(path.AsSpan(0, 100), "…", path.AsSpan(path.Length - 80));

    // The first line of the message without " (Parameter 'x')": the parameter is a code name, the path already says where.
    private static string Describe(ArgumentException ex)
    {
        var message = ex.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd('\r');
        }

        if (ex.ParamName is { } parameter)
        {
            var suffix = " (Parameter '" + parameter + "')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message;
    }

    private void Error(string message) => _errors.Add(message);

    /// <summary>The name of the node being read: given beside the kind key or inside its settings, and where.</summary>
    private sealed class NodeName
    {
        public string? Value { get; set; }

        public IConfigurationSection? Section { get; set; }
    }
}
