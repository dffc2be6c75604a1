namespace RetrainTriggers.Data;

/// <summary>Hands out one string instance per distinct value, so a categorical column of a million rows holds each category once.</summary>
internal sealed class StringPool
{
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> value)
    {
#if NET9_0_OR_GREATER
        var spans = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (spans.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = value.ToString();
        strings.Add(created);
        return created;
#else
        var created = value.ToString();
        if (strings.TryGetValue(created, out var existing))
        {
            return existing;
        }

        strings.Add(created);
        return created;
#endif
    }
}
