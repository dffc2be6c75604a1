using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Reads setting values through the library's one value parser, <see cref="SettingReader"/>; ranges are the options types' to check.</content>
internal sealed partial class TriggerConfigurationReader
{
    /// <summary>Reads a text setting as written (trimmed); blank text is left for the options' validation to judge.</summary>
    private string? ReadText(IConfigurationSection section) =>
        Raw(section)?.Trim();

    /// <summary>Reads the text of a name or expression; blank is an error.</summary>
    private string? ReadString(IConfigurationSection section)
    {
        if (ReadText(section) is not { } text)
        {
            return null;
        }

        if (text.Length == 0)
        {
            Error($"{section.Path} must not be empty");
            return null;
        }

        return text;
    }

    private double? OptionalNumber(Dictionary<string, IConfigurationSection> settings, string key) =>
        settings.TryGetValue(key, out var section) && Raw(section) is { } text ? _values.ParseNumber(section.Path, text) : null;

    private long? ReadInteger(IConfigurationSection section) =>
        Raw(section) is { } text ? _values.ParseLongInteger(section.Path, text) : null;

    private int? ReadInt32(IConfigurationSection section) =>
        Raw(section) is { } text ? _values.ParseInteger(section.Path, text) : null;

    private bool? OptionalBool(Dictionary<string, IConfigurationSection> settings, string key) =>
        settings.TryGetValue(key, out var section) && Raw(section) is { } text ? _values.ParseBoolean(section.Path, text) : null;

    private TimeSpan? OptionalDuration(Dictionary<string, IConfigurationSection> settings, string key) =>
        settings.TryGetValue(key, out var section) && Raw(section) is { } text ? _values.ParseDuration(section.Path, text) : null;

    private TEnum? OptionalEnum<TEnum>(Dictionary<string, IConfigurationSection> settings, string key)
        where TEnum : struct, Enum =>
        settings.TryGetValue(key, out var section) && Raw(section) is { } text ? _values.ParseEnumeration<TEnum>(section.Path, text) : null;

    private TimeZoneInfo? ReadTimeZone(IConfigurationSection section) =>
        ReadString(section) is { } id ? _values.ParseTimeZone(section.Path, id) : null;

    // The text of a key that is present: a section where a value is expected is reported, a key without a value reads as empty.
    private string? Raw(IConfigurationSection section) =>
        section.GetChildren().Any() ? _values.Value(section) : section.Value ?? string.Empty;
}
