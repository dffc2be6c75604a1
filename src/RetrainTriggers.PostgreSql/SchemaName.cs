namespace RetrainTriggers.PostgreSql;

/// <summary>The one rule for schema names: only names that need no escaping are accepted, and they are still quoted.</summary>
internal static class SchemaName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The quoted identifier; <paramref name="name"/> must be valid, so no character needs escaping.</summary>
    public static string Quote(string name) => IsValid(name)
        ? "\"" + name + "\""
        : throw new ArgumentException("Schema '" + name + "' is not allowed; expected 1 to 63 characters of a-z, 0-9 and _, not starting with a digit.", nameof(name));
}
