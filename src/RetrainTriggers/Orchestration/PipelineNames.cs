namespace RetrainTriggers.Orchestration;

/// <summary>Valid pipeline names: they key stores and name folders, so they are short, ASCII and path-safe.</summary>
internal static class PipelineNames
{
    /// <summary>The longest accepted pipeline name.</summary>
    public const int MaxLength = 100;

    /// <summary>Throws when <paramref name="name"/> is not a valid pipeline name.</summary>
    public static void Validate(string? name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Length > MaxLength)
        {
            throw new ArgumentException($"Pipeline name '{name[..20]}…' is longer than {MaxLength} characters.", paramName);
        }

        if (name[0] == '.')
        {
            throw new ArgumentException($"Pipeline name '{name}' must not start with '.'.", paramName);
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Pipeline name '{name}' contains '{c}'; a pipeline name is made of ASCII letters, digits, '-', '_' and '.'.",
                    paramName);
            }
        }
    }
}
