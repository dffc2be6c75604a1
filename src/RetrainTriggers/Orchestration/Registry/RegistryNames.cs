namespace RetrainTriggers.Orchestration;

/// <summary>Rules every registry shares: valid alias names and where a rollback goes.</summary>
internal static class RegistryNames
{
    /// <summary>Throws when <paramref name="alias"/> is not a valid alias name.</summary>
    public static void ValidateAlias(string? alias, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias, paramName);
        foreach (var c in alias)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Alias '{alias}' contains '{c}'; an alias is made of ASCII letters, digits, '-', '_' and '.'.",
                    paramName);
            }
        }
    }

    /// <summary>The version a rollback of <paramref name="alias"/> restores: the named one, or the one the alias pointed to before its latest move.</summary>
    public static int RollbackTarget(string alias, int? toVersion, IReadOnlyList<ModelAliasChange> history, int? current)
    {
        if (current is null)
        {
            throw new InvalidOperationException($"Alias '{alias}' is not set, so there is nothing to roll back.");
        }

        if (toVersion is { } named)
        {
            return named;
        }

        for (var i = history.Count - 1; i >= 0; i--)
        {
            var change = history[i];
            if (string.Equals(change.Alias, alias, StringComparison.Ordinal))
            {
                return change.PreviousVersion
                    ?? throw new InvalidOperationException(
                        $"Alias '{alias}' has pointed only to version {current}; there is no previous version to roll back to.");
            }
        }

        throw new InvalidOperationException($"Alias '{alias}' has no history, so there is no previous version to roll back to.");
    }
}
