using System.Globalization;

namespace RetrainTriggers;

/// <summary>Formats numbers, instants and durations for reasons: invariant culture, short, stable.</summary>
internal static class TriggerFormat
{
    /// <summary>Formats one number with up to six significant digits (G6).</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Formats a compared pair so the two sides never print equal when they differ (G6, then G10, then R).</summary>
    public static (string Left, string Right) Pair(double left, double right)
    {
        foreach (var format in (ReadOnlySpan<string>)["G6", "G10", "R"])
        {
            var l = left.ToString(format, CultureInfo.InvariantCulture);
            var r = right.ToString(format, CultureInfo.InvariantCulture);
            if (l != r || left.Equals(right))
            {
                return (l, r);
            }
        }

        return (left.ToString("R", CultureInfo.InvariantCulture), right.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Formats a fraction as a percentage, e.g. <c>0.25</c> as <c>25%</c>; a finite fraction whose percentage passes the range of a double still shows its digits (<c>1E+310%</c>), never <c>Infinity%</c>.</summary>
    public static string Percent(double fraction)
    {
        var percent = fraction * 100;
        if (double.IsFinite(percent) || !double.IsFinite(fraction))
        {
            return percent.ToString("G4", CultureInfo.InvariantCulture) + "%";
        }

        // Shift the exponent by hand: 1e308 is 1E+310%.
        var text = fraction.ToString("0.###E+0", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 2;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, e)}E+{exponent}%");
    }

    /// <summary>Formats an instant as ISO 8601 with its offset, to the second (sub-second digits only when present).</summary>
    public static string Instant(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant for a cause: ISO 8601 in UTC with <c>Z</c>, sub-second digits only when present.</summary>
    public static string CauseInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an age or a maximum age in the invariant constant format (<c>2.00:00:00</c>), the format configuration uses.</summary>
    public static string Age(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Formats a duration as <c>3d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c> when whole, else the constant <c>c</c> format.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return (value.Ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (value.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return (value.Ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (value.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return (value.Ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return (value.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
        }

        return value.ToString("c", CultureInfo.InvariantCulture);
    }
}
