using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RetrainTriggers.Configuration;

/// <content>Parses setting values (text, numbers, durations, enums, time zones); ranges are the options types' to check.</content>
internal sealed partial class TriggerConfigurationReader
{
    /// <summary>Reads a text setting as written (trimmed); blank text is left for the options' validation to judge.</summary>
    private string? ReadText(IConfigurationSection section)
    {
        if (section.GetChildren().Any())
        {
            Error($"{section.Path} must be a text value, not an object or list");
            return null;
        }

        return section.Value?.Trim() ?? string.Empty;
    }

    /// <summary>Reads the text of a value that is parsed further; blank is a parse error.</summary>
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

    private double? OptionalNumber(Dictionary<string, IConfigurationSection> settings, string key)
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

        return value;
    }

    private long? ReadInteger(IConfigurationSection section)
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

        return value;
    }

    private int? ReadInt32(IConfigurationSection section)
    {
        if (ReadInteger(section) is not { } value)
        {
            return null;
        }

        if (value is > int.MaxValue or < int.MinValue)
        {
            Error($"{section.Path} must be at most {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)value;
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

    private TimeSpan? OptionalDuration(Dictionary<string, IConfigurationSection> settings, string key)
    {
        if (!settings.TryGetValue(key, out var section) || ReadString(section) is not { } text)
        {
            return null;
        }

        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value))
        {
            Error($"{section.Path} '{text}' is not a duration; use the invariant format [d.]hh:mm:ss, e.g. \"3.00:00:00\" for three days or \"01:30:00\"");
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
}
