using System.Globalization;

namespace RetrainTriggers;

/// <summary>The shared pieces of every trigger options type's <c>Validate(path, errors)</c>: one message format, one exception.</summary>
/// <remarks>
/// Each options type appends errors as <c>{path}:{Key} must …</c>, the path being the configuration path of its node
/// (<c>RetrainTriggers:Triggers:Any:1:Volume</c>) or, in code, the kind (<c>Volume</c>). The code factory throws once
/// listing every error; the configuration reader adds them to its list.
/// </remarks>
internal static class OptionsValidation
{
    /// <summary>Runs <paramref name="validate"/> with the kind as path and throws one exception listing every error.</summary>
    /// <exception cref="ArgumentException">At least one error was found; the message lists all of them.</exception>
    public static T ThrowIfInvalid<T>(T? options, string kind, Action<T, string, List<string>> validate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        validate(options, kind, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {kind} options: {string.Join("; ", errors)}.", nameof(options));
        }

        return options;
    }

    /// <summary>Adds an error when <paramref name="name"/> is set but cannot name a trigger.</summary>
    public static void Name(string? name, string path, List<string> errors)
    {
        if (name is null)
        {
            return;
        }

        if (TriggerTree.NameProblem(name) is { } problem)
        {
            errors.Add($"{path}:Name '{name}' {problem}");
        }
    }

    /// <summary>Adds an error when the required text setting <paramref name="key"/> is missing or blank.</summary>
    public static void Required(string? value, string path, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}:{key} is required");
        }
    }

    /// <summary>Adds an error when <paramref name="value"/> is not a defined member of its enum.</summary>
    public static void Defined<TEnum>(TEnum value, string path, string key, List<string> errors)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"{path}:{key} '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
    }

    /// <summary>The longest duration a trigger accepts (36 500 days, about 100 years): a longer one added to a time overflows <see cref="DateTimeOffset"/>.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_500);

    /// <summary>Adds an error when the duration <paramref name="value"/> is set and not greater than zero, or longer than <see cref="MaxDuration"/>.</summary>
    public static void Positive(TimeSpan? value, string path, string key, List<string> errors)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            errors.Add($"{path}:{key} must be > 0");
        }
        else if (value is { } w && w > MaxDuration)
        {
            errors.Add($"{path}:{key} must be at most {MaxDuration.ToString("c", CultureInfo.InvariantCulture)} (36500 days), not {w.ToString("c", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Adds an error when a threshold is not finite, or is not positive while it is a factor of the baseline.</summary>
    public static void Threshold(double? value, ThresholdBasis basis, string path, string key, List<string> errors)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v))
        {
            errors.Add($"{path}:{key} must be a finite number, not {TriggerFormat.Number(v)}");
        }
        else if (basis == ThresholdBasis.BaselineFactor && v <= 0)
        {
            errors.Add($"{path}:{key} must be > 0 with Basis BaselineFactor (it is a factor of the baseline), not {TriggerFormat.Number(v)}");
        }
    }
}
