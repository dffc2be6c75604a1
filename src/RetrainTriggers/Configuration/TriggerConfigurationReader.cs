using System.Globalization;
using Cronos;
using Microsoft.Extensions.Configuration;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Configuration;

/// <summary>Walks a configuration tree node by node, collecting every error with its path, and builds triggers through the <see cref="Trigger"/> factory.</summary>
internal sealed class TriggerConfigurationReader
{
    private const string NameKey = "Name";
    private const string TriggerKey = "Trigger";

    private static readonly string[] Kinds =
        ["Threshold", "Hysteresis", "Schedule", "Volume", "Drift", "Any", "All", "Not", "AtLeast", "Sustained", "Cooldown"];

    private static readonly string[] ThresholdSettings = ["Metric", "Below", "Above", "Basis", "MaxAge", NameKey];
    private static readonly string[] HysteresisSettings = ["Metric", "Direction", "Enter", "Exit", "Basis", "MaxAge", NameKey];
    private static readonly string[] ScheduleSettings = ["Cron", "Interval", "TimeZone", "MissedFire", "GracePeriod", NameKey];
    private static readonly string[] VolumeSettings = ["MinNewRows", "MinGrowth", "Match", NameKey];
    private static readonly string[] DriftSettings = ["Feature", "ScoreAbove", "MinLevel", "Match", NameKey];
    private static readonly string[] AtLeastSettings = ["Count", "Of"];
    private static readonly string[] SustainedSettings = ["Duration", "Evaluations", "ResetOnInsufficientData", NameKey, TriggerKey];
    private static readonly string[] CooldownSettings = ["Period", NameKey, TriggerKey];

    private readonly List<string> _errors = [];

    // Trigger name -> configuration path of the node that took it; names key state, so they must be unique in a tree.
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

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

        return ReadNode(section);
    }

    private ITrigger? ReadNode(IConfigurationSection node)
    {
        var children = node.GetChildren().ToList();
        if (children.Count == 0)
        {
            Error(node.Value is null or ""
                ? $"{node.Path} is empty; expected one trigger kind: {string.Join(", ", Kinds)}"
                : $"{node.Path} must be a trigger object with one kind ({string.Join(", ", Kinds)}), not the value '{node.Value}'");
            return null;
        }

        IConfigurationSection? nameSection = null;
        var kinds = new List<(string Kind, IConfigurationSection Section)>();
        foreach (var child in children)
        {
            if (Is(child.Key, NameKey))
            {
                nameSection = child;
            }
            else if (Canonical(child.Key, Kinds) is { } kind)
            {
                kinds.Add((kind, child));
            }
            else
            {
                Error($"{child.Path} is not a known trigger kind; expected Name or one of {string.Join(", ", Kinds)}");
            }
        }

        if (kinds.Count == 0)
        {
            Error($"{node.Path} names no trigger kind; expected exactly one of {string.Join(", ", Kinds)}");
            return null;
        }

        if (kinds.Count > 1)
        {
            Error($"{node.Path} names {kinds.Count.ToString(CultureInfo.InvariantCulture)} trigger kinds ({string.Join(", ", kinds.Select(k => k.Kind))}); " +
                  "a node has exactly one kind: combine several with Any or All");
            return null;
        }

        var name = nameSection is null ? null : ReadName(nameSection);
        var (kindName, section) = kinds[0];
        var errorsBefore = _errors.Count;
        var trigger = kindName switch
        {
            "Threshold" => ReadThreshold(section, ref name, ref nameSection),
            "Hysteresis" => ReadHysteresis(section, ref name, ref nameSection),
            "Schedule" => ReadSchedule(section, ref name, ref nameSection),
            "Volume" => ReadVolume(section, ref name, ref nameSection),
            "Drift" => ReadDrift(section, ref name, ref nameSection),
            "Any" => ReadAnyOrAll(section, name, all: false),
            "All" => ReadAnyOrAll(section, name, all: true),
            "Not" => ReadNot(section, name),
            "AtLeast" => ReadAtLeast(section, name),
            "Sustained" => ReadSustained(section, ref name, ref nameSection),
            _ => ReadCooldown(section, ref name, ref nameSection),
        };

        if (trigger is null || _errors.Count > errorsBefore)
        {
            return null;
        }

        var namePath = nameSection?.Path ?? node.Path;
        if (!_names.TryAdd(trigger.Name, namePath))
        {
            Error($"{namePath}: the trigger name '{trigger.Name}' is already used by {_names[trigger.Name]}; " +
                  "names must be unique within one tree because they key trigger state - give one of them a different Name");
            return null;
        }

        return trigger;
    }

    private ITrigger? ReadThreshold(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, ThresholdSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new ThresholdOptions
        {
            Metric = RequiredString(section, settings, "Metric") ?? string.Empty,
            Below = OptionalNumber(settings, "Below", NumberRule.Any),
            Above = OptionalNumber(settings, "Above", NumberRule.Any),
            Basis = OptionalEnum<ThresholdBasis>(settings, "Basis") ?? ThresholdBasis.Absolute,
            MaxAge = OptionalDuration(settings, "MaxAge"),
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        if (!settings.ContainsKey("Below") && !settings.ContainsKey("Above"))
        {
            Error($"{section.Path} must set Below, Above, or both (fires outside the band Below..Above)");
        }

        return Create(section, errorsBefore, () => Trigger.Threshold(options));
    }

    private ITrigger? ReadHysteresis(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, HysteresisSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new HysteresisOptions
        {
            Metric = RequiredString(section, settings, "Metric") ?? string.Empty,
            Direction = OptionalEnum<ThresholdDirection>(settings, "Direction") ?? ThresholdDirection.Below,
            Enter = RequiredNumber(section, settings, "Enter", NumberRule.Any) ?? double.NaN,
            Exit = RequiredNumber(section, settings, "Exit", NumberRule.Any) ?? double.NaN,
            Basis = OptionalEnum<ThresholdBasis>(settings, "Basis") ?? ThresholdBasis.Absolute,
            MaxAge = OptionalDuration(settings, "MaxAge"),
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        return Create(section, errorsBefore, () => Trigger.Hysteresis(options));
    }

    private ITrigger? ReadSchedule(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, ScheduleSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new ScheduleOptions
        {
            Cron = settings.TryGetValue("Cron", out var cron) ? ReadCron(cron) : null,
            Interval = OptionalDuration(settings, "Interval"),
            TimeZone = settings.TryGetValue("TimeZone", out var zone) ? ReadTimeZone(zone) : null,
            MissedFire = OptionalEnum<MissedFirePolicy>(settings, "MissedFire") ?? MissedFirePolicy.FireOnce,
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        if (settings.TryGetValue("GracePeriod", out var grace) && ReadDuration(grace, allowZero: true) is { } gracePeriod)
        {
            options.GracePeriod = gracePeriod;
        }

        if (settings.ContainsKey("Cron") == settings.ContainsKey("Interval"))
        {
            Error($"{section.Path} must set exactly one of Cron (e.g. \"0 0 * * *\") or Interval (e.g. \"7.00:00:00\")");
        }
        else if (settings.ContainsKey("Interval") && settings.ContainsKey("TimeZone"))
        {
            Error($"{settings["TimeZone"].Path} applies only to Cron schedules; an Interval is measured in elapsed time");
        }

        return Create(section, errorsBefore, () => Trigger.Schedule(options));
    }

    private ITrigger? ReadVolume(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, VolumeSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new VolumeOptions
        {
            MinNewRows = settings.TryGetValue("MinNewRows", out var rows) ? ReadPositiveInteger(rows) : null,
            MinGrowth = OptionalNumber(settings, "MinGrowth", NumberRule.Positive),
            Match = OptionalEnum<ConditionMatch>(settings, "Match") ?? ConditionMatch.Any,
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        if (!settings.ContainsKey("MinNewRows") && !settings.ContainsKey("MinGrowth"))
        {
            Error($"{section.Path} must set MinNewRows, MinGrowth (0.2 = 20% more rows than the last training set), or both");
        }

        return Create(section, errorsBefore, () => Trigger.Volume(options));
    }

    private ITrigger? ReadDrift(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, DriftSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new DriftOptions
        {
            Feature = settings.TryGetValue("Feature", out var feature) ? ReadString(feature) : null,
            ScoreAbove = OptionalNumber(settings, "ScoreAbove", NumberRule.NonNegative),
            MinLevel = ReadMinLevel(settings),
            Match = OptionalEnum<ConditionMatch>(settings, "Match") ?? ConditionMatch.Any,
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        if (!settings.ContainsKey("ScoreAbove") && !settings.ContainsKey("MinLevel"))
        {
            Error($"{section.Path} must set ScoreAbove, MinLevel (Warning or Drift), or both");
        }

        return Create(section, errorsBefore, () => Trigger.Drift(options));
    }

    private DriftDecision? ReadMinLevel(Dictionary<string, IConfigurationSection> settings)
    {
        var level = OptionalEnum<DriftDecision>(settings, "MinLevel");
        if (level == DriftDecision.None)
        {
            Error($"{settings["MinLevel"].Path} must be Warning or Drift; None would fire on every evaluation");
            return null;
        }

        return level;
    }

    private ITrigger? ReadAnyOrAll(IConfigurationSection section, string? name, bool all)
    {
        var errorsBefore = _errors.Count;
        var children = ReadList(section);
        if (children is null)
        {
            return null;
        }

        return Create(section, errorsBefore, () => all ? Trigger.All(children, name) : Trigger.Any(children, name));
    }

    private ITrigger? ReadNot(IConfigurationSection section, string? name)
    {
        var errorsBefore = _errors.Count;
        var inner = ReadNode(section);
        return inner is null ? null : Create(section, errorsBefore, () => Trigger.Not(inner, name));
    }

    private ITrigger? ReadAtLeast(IConfigurationSection section, string? name)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, AtLeastSettings);
        if (settings is null)
        {
            return null;
        }

        var children = settings.TryGetValue("Of", out var of) ? ReadList(of) : null;
        if (of is null)
        {
            Error($"{section.Path}:Of is required: the list of triggers of which at least Count must fire");
        }

        int? count = null;
        if (!settings.TryGetValue("Count", out var countSection))
        {
            Error($"{section.Path}:Count is required: how many of the triggers in Of must fire");
        }
        else if (ReadPositiveInteger(countSection) is { } k)
        {
            if (children is not null && k > children.Count)
            {
                Error($"{countSection.Path} must be between 1 and {children.Count.ToString(CultureInfo.InvariantCulture)} (the number of triggers in Of), not {k.ToString(CultureInfo.InvariantCulture)}");
            }
            else if (k > int.MaxValue)
            {
                Error($"{countSection.Path} is too large");
            }
            else
            {
                count = (int)k;
            }
        }

        if (children is null || count is null)
        {
            return null;
        }

        return Create(section, errorsBefore, () => Trigger.AtLeast(count.Value, children, name));
    }

    private ITrigger? ReadSustained(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, SustainedSettings);
        if (settings is null)
        {
            return null;
        }

        var options = new SustainedOptions
        {
            Duration = OptionalDuration(settings, "Duration"),
            ResetOnInsufficientData = OptionalBool(settings, "ResetOnInsufficientData") ?? false,
            Name = MergeName(section, settings, ref name, ref nameSection),
        };

        if (settings.TryGetValue("Evaluations", out var evaluations) && ReadPositiveInteger(evaluations) is { } n)
        {
            if (n > int.MaxValue)
            {
                Error($"{evaluations.Path} must be at most {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                options.Evaluations = (int)n;
            }
        }

        if (!settings.ContainsKey("Duration") && !settings.ContainsKey("Evaluations"))
        {
            Error($"{section.Path} must set Duration (e.g. \"3.00:00:00\"), Evaluations (consecutive evaluations), or both");
        }

        var inner = ReadWrapped(section, settings, "the trigger that must keep firing");
        return inner is null ? null : Create(section, errorsBefore, () => Trigger.Sustained(inner, options));
    }

    private ITrigger? ReadCooldown(IConfigurationSection section, ref string? name, ref IConfigurationSection? nameSection)
    {
        var errorsBefore = _errors.Count;
        var settings = ReadSettings(section, CooldownSettings);
        if (settings is null)
        {
            return null;
        }

        TimeSpan? period = null;
        if (!settings.TryGetValue("Period", out var periodSection))
        {
            Error($"{section.Path}:Period is required: the minimum time between two firings, e.g. \"1.00:00:00\"");
        }
        else
        {
            period = ReadDuration(periodSection, allowZero: false);
        }

        var cooldownName = MergeName(section, settings, ref name, ref nameSection);
        var inner = ReadWrapped(section, settings, "the trigger whose firings are spaced out");
        if (inner is null || period is null)
        {
            return null;
        }

        return Create(section, errorsBefore, () => Trigger.Cooldown(inner, period.Value, cooldownName));
    }

    private ITrigger? ReadWrapped(IConfigurationSection section, Dictionary<string, IConfigurationSection> settings, string what)
    {
        if (settings.TryGetValue(TriggerKey, out var inner))
        {
            return ReadNode(inner);
        }

        Error($"{section.Path}:{TriggerKey} is required: {what}");
        return null;
    }

    private List<ITrigger>? ReadList(IConfigurationSection section)
    {
        var items = section.GetChildren().ToList();
        if (items.Count == 0)
        {
            Error(section.Value is null or ""
                ? $"{section.Path} must list at least one trigger"
                : $"{section.Path} must be a list of trigger nodes, not the value '{section.Value}'");
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
            if (ReadNode(item) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        return _errors.Count > errorsBefore ? null : triggers;
    }

    // Runs a factory call unless the node already has errors; the factory's argument checks (cross-field rules the
    // reader does not repeat) become errors at the node's path.
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
            if (Canonical(child.Key, allowed) is { } key)
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

    private string? MergeName(IConfigurationSection section, Dictionary<string, IConfigurationSection> settings, ref string? name, ref IConfigurationSection? nameSection)
    {
        if (!settings.TryGetValue(NameKey, out var inner))
        {
            return name;
        }

        if (nameSection is not null)
        {
            Error($"{inner.Path}: the name is also given at {nameSection.Path}; give it once");
            return name;
        }

        nameSection = inner;
        name = ReadName(inner);
        return name;
    }

    private string? ReadName(IConfigurationSection section)
    {
        var name = ReadString(section);
        if (name is not null && name.Contains('/', StringComparison.Ordinal))
        {
            Error($"{section.Path} '{name}' must not contain '/': it separates the names in a trigger path");
            return null;
        }

        return name;
    }

    private string? RequiredString(IConfigurationSection section, Dictionary<string, IConfigurationSection> settings, string key)
    {
        if (settings.TryGetValue(key, out var value))
        {
            return ReadString(value);
        }

        Error($"{section.Path}:{key} is required");
        return null;
    }

    private string? ReadString(IConfigurationSection section)
    {
        if (section.GetChildren().Any())
        {
            Error($"{section.Path} must be a text value, not an object or list");
            return null;
        }

        if (string.IsNullOrWhiteSpace(section.Value))
        {
            Error($"{section.Path} must not be empty");
            return null;
        }

        return section.Value.Trim();
    }

    private double? RequiredNumber(IConfigurationSection section, Dictionary<string, IConfigurationSection> settings, string key, NumberRule rule)
    {
        if (settings.ContainsKey(key))
        {
            return OptionalNumber(settings, key, rule);
        }

        Error($"{section.Path}:{key} is required");
        return null;
    }

    private double? OptionalNumber(Dictionary<string, IConfigurationSection> settings, string key, NumberRule rule)
    {
        if (!settings.TryGetValue(key, out var section) || ReadString(section) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error($"{section.Path} '{text}' is not a number; write it with the invariant culture, e.g. 0.85");
            return null;
        }

        if (!double.IsFinite(value))
        {
            Error($"{section.Path} must be a finite number, not {text}");
            return null;
        }

        if (rule == NumberRule.Positive && value <= 0)
        {
            Error($"{section.Path} must be > 0");
            return null;
        }

        if (rule == NumberRule.NonNegative && value < 0)
        {
            Error($"{section.Path} must be >= 0");
            return null;
        }

        return value;
    }

    private long? ReadPositiveInteger(IConfigurationSection section)
    {
        if (ReadString(section) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error($"{section.Path} '{text}' is not a whole number");
            return null;
        }

        if (value <= 0)
        {
            Error($"{section.Path} must be > 0");
            return null;
        }

        return value;
    }

    private bool? OptionalBool(Dictionary<string, IConfigurationSection> settings, string key)
    {
        if (!settings.TryGetValue(key, out var section) || ReadString(section) is not { } text)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error($"{section.Path} '{text}' is not true or false");
            return null;
        }

        return value;
    }

    private TimeSpan? OptionalDuration(Dictionary<string, IConfigurationSection> settings, string key) =>
        settings.TryGetValue(key, out var section) ? ReadDuration(section, allowZero: false) : null;

    private TimeSpan? ReadDuration(IConfigurationSection section, bool allowZero)
    {
        if (ReadString(section) is not { } text)
        {
            return null;
        }

        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value))
        {
            Error($"{section.Path} '{text}' is not a duration; use the invariant format [d.]hh:mm:ss, e.g. \"3.00:00:00\" for three days or \"01:30:00\"");
            return null;
        }

        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            Error($"{section.Path} must be {(allowZero ? ">= 0" : "> 0")}");
            return null;
        }

        return value;
    }

    private TEnum? OptionalEnum<TEnum>(Dictionary<string, IConfigurationSection> settings, string key)
        where TEnum : struct, Enum
    {
        if (!settings.TryGetValue(key, out var section) || ReadString(section) is not { } text)
        {
            return null;
        }

        // Names only: Enum.TryParse also accepts any number, which would let "7" through as an undefined value.
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TEnum>(name);
            }
        }

        Error($"{section.Path} '{text}' is not valid; expected one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        return null;
    }

    private string? ReadCron(IConfigurationSection section)
    {
        if (ReadString(section) is not { } text)
        {
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            Error($"{section.Path} '{text}' is not a valid cron expression: it has {fields.ToString(CultureInfo.InvariantCulture)} fields; expected 5 (minute hour day month weekday) or 6 (with seconds first)");
            return null;
        }

        try
        {
            _ = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return text;
        }
        catch (CronFormatException ex)
        {
            Error($"{section.Path} '{text}' is not a valid cron expression: {ex.Message}");
            return null;
        }
    }

    private TimeZoneInfo? ReadTimeZone(IConfigurationSection section)
    {
        if (ReadString(section) is not { } id)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            Error($"{section.Path} '{id}' is not a known time zone; use an IANA id such as Europe/Berlin (or UTC)");
            return null;
        }
    }

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

    private static bool Is(string key, string expected) => string.Equals(key, expected, StringComparison.OrdinalIgnoreCase);

    // Configuration keys are case-insensitive; the canonical spelling is used in messages and lookups.
    private static string? Canonical(string key, string[] allowed) =>
        Array.Find(allowed, candidate => string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase));

    private enum NumberRule
    {
        Any,
        NonNegative,
        Positive,
    }
}
