using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <summary>
/// Parses the values of hand-read configuration sections (pipelines, promotion policies) with the invariant culture and
/// records every value that does not parse, or key that is not allowed, with its configuration path. Ranges are not
/// checked here: they belong to the options or builder that receives the values.
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

    public TimeSpan? Duration(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a duration; use the invariant [d.]hh:mm:ss format (3.00:00:00 is three days)");
        return null;
    }

    public double? Number(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a finite number (invariant culture, e.g. 0.05)");
        return null;
    }

    public int? Integer(IConfigurationSection section, string key) =>
        Whole(section, key, static (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "a whole number");

    public long? LongInteger(IConfigurationSection section, string key) =>
        Whole(section, key, static (string text, out long value) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "a whole number");

    public ulong? UnsignedInteger(IConfigurationSection section, string key) =>
        Whole(section, key, static (string text, out ulong value) => ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "a non-negative whole number");

    public bool? Boolean(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not true or false");
        return null;
    }

    /// <summary>Reads an enum value by name (ignoring case); numbers are rejected so that configuration stays readable.</summary>
    public T? Enumeration<T>(IConfigurationSection section, string key)
        where T : struct, Enum
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (!text.All(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }

    private T? Whole<T>(IConfigurationSection section, string key, TryParse<T> parse, string what)
        where T : struct
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not {what}");
        return null;
    }

    private delegate bool TryParse<T>(string text, out T value);
}
