using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <summary>
/// The one parser of configuration values, used by every configuration reader of the library (trigger trees, pipelines,
/// promotion policies): numbers, whole numbers, booleans, enum names, durations and time zones, read with the invariant
/// culture. Every value that does not parse, key that holds a section where a value is expected, or key that is not
/// allowed is recorded with its full configuration path (<c>RetrainTriggers:Triggers:Volume:MinNewRows 'many' is not a whole number</c>).
/// Ranges are not checked here: they belong to the options or builder that receives the values.
/// </summary>
/// <param name="errors">The list every problem is added to.</param>
internal sealed class SettingReader(List<string> errors)
{
    /// <summary>Gets the problems found, each starting with its configuration path.</summary>
    public List<string> Errors { get; } = errors;

    /// <summary>Reports every child of <paramref name="section"/> whose key is not in <paramref name="allowed"/> (ignoring case).</summary>
    /// <param name="section">The section.</param>
    /// <param name="allowed">The keys the section may hold.</param>
    /// <param name="what">What the section is, for the message (<c>a known setting</c>, <c>a setting of Superior rules</c>).</param>
    public void CheckKeys(IConfigurationSection section, IReadOnlyCollection<string> allowed, string what = "a known setting")
    {
        foreach (var child in section.GetChildren())
        {
            if (!allowed.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Errors.Add($"{child.Path} is not {what}; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>Reads the text of a value: <see langword="null"/> when absent, or when the key holds a section (reported).</summary>
    /// <param name="value">The value's section.</param>
    /// <returns>The text as written, or <see langword="null"/>.</returns>
    public string? Value(IConfigurationSection value)
    {
        if (value.GetChildren().Any())
        {
            Errors.Add($"{value.Path} must be a value, not a section");
            return null;
        }

        return value.Value;
    }

    /// <summary>Reads the text of <paramref name="key"/> as written; see <see cref="Value(IConfigurationSection)"/>.</summary>
    public string? Text(IConfigurationSection section, string key) => Value(section.GetSection(key));

    // Each Xxx(section, key) reads the child key of section; an absent key reads as null and is not reported.
    public TimeSpan? Duration(IConfigurationSection section, string key) => Duration(section.GetSection(key));

    public double? Number(IConfigurationSection section, string key) => Number(section.GetSection(key));

    public int? Integer(IConfigurationSection section, string key) => Integer(section.GetSection(key));

    public long? LongInteger(IConfigurationSection section, string key) => LongInteger(section.GetSection(key));

    public ulong? UnsignedInteger(IConfigurationSection section, string key) => UnsignedInteger(section.GetSection(key));

    public bool? Boolean(IConfigurationSection section, string key) => Boolean(section.GetSection(key));

    /// <summary>Reads an enum value by name (ignoring case); numbers are rejected so that configuration stays readable.</summary>
    public T? Enumeration<T>(IConfigurationSection section, string key)
        where T : struct, Enum =>
        Enumeration<T>(section.GetSection(key));

    /// <summary>Reads a duration in the invariant <c>[d.]hh:mm:ss</c> format.</summary>
    public TimeSpan? Duration(IConfigurationSection value) =>
        Value(value) is { } text ? ParseDuration(value.Path, text) : null;

    /// <summary>Reads a finite number written with the invariant culture.</summary>
    public double? Number(IConfigurationSection value) =>
        Value(value) is { } text ? ParseNumber(value.Path, text) : null;

    /// <summary>Reads a whole number that fits an <see cref="int"/>.</summary>
    public int? Integer(IConfigurationSection value) =>
        Value(value) is { } text ? ParseInteger(value.Path, text) : null;

    /// <summary>Reads a whole number that fits a <see cref="long"/>.</summary>
    public long? LongInteger(IConfigurationSection value) =>
        Value(value) is { } text ? ParseLongInteger(value.Path, text) : null;

    /// <summary>Reads a whole number from 0 that fits a <see cref="ulong"/>.</summary>
    public ulong? UnsignedInteger(IConfigurationSection value) =>
        Value(value) is { } text && Whole(value.Path, text, ulong.MinValue, ulong.MaxValue) is { } whole ? (ulong)whole : null;

    /// <summary>Reads <c>true</c> or <c>false</c> (ignoring case).</summary>
    public bool? Boolean(IConfigurationSection value) =>
        Value(value) is { } text ? ParseBoolean(value.Path, text) : null;

    /// <summary>Reads an enum value by name (ignoring case); numbers are rejected so that configuration stays readable.</summary>
    public T? Enumeration<T>(IConfigurationSection value)
        where T : struct, Enum =>
        Value(value) is { } text ? ParseEnumeration<T>(value.Path, text) : null;

    /// <summary>Parses a duration in the invariant <c>[d.]hh:mm:ss</c> format.</summary>
    public TimeSpan? ParseDuration(string path, string text)
    {
        if (TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add($"{path} '{text}' is not a duration; use the invariant [d.]hh:mm:ss format, e.g. 3.00:00:00 for three days or 01:30:00");
        return null;
    }

    /// <summary>Parses a finite number written with the invariant culture.</summary>
    public double? ParseNumber(string path, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Errors.Add($"{path} '{text}' is not a finite number; write it with the invariant culture, e.g. 0.05");
        return null;
    }

    /// <summary>Parses a whole number that fits an <see cref="int"/>.</summary>
    public int? ParseInteger(string path, string text) =>
        Whole(path, text, int.MinValue, int.MaxValue) is { } whole ? (int)whole : null;

    /// <summary>Parses a whole number that fits a <see cref="long"/>.</summary>
    public long? ParseLongInteger(string path, string text) =>
        Whole(path, text, long.MinValue, long.MaxValue) is { } whole ? (long)whole : null;

    /// <summary>Parses <c>true</c> or <c>false</c> (ignoring case).</summary>
    public bool? ParseBoolean(string path, string text)
    {
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Errors.Add($"{path} '{text}' is not true or false");
        return null;
    }

    /// <summary>Parses an enum value by name (ignoring case).</summary>
    public T? ParseEnumeration<T>(string path, string text)
        where T : struct, Enum
    {
        // Names only: Enum.TryParse also accepts numbers and comma lists, which would let "7" through as an undefined value.
        var trimmed = text.Trim();
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        Errors.Add($"{path} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }

    /// <summary>Parses a time zone id (IANA, or Windows on Windows).</summary>
    public TimeZoneInfo? ParseTimeZone(string path, string text)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            Errors.Add($"{path} '{text}' is not a known time zone; use an IANA id such as Europe/Berlin (or UTC)");
            return null;
        }
    }

    // A whole number in [min, max]; one that does not fit the type is worded with the type's limits.
    private Int128? Whole(string path, string text, Int128 min, Int128 max)
    {
        if (!Int128.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add($"{path} '{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            Errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path} '{text}' is not a whole number from {min} to {max}"));
            return null;
        }

        return value;
    }
}
