using RetrainTriggers.Drift;

namespace RetrainTriggers.Data;

/// <summary>Counts the categories of a column without keeping its rows, for profiles: memory grows with the number of distinct values only.</summary>
internal sealed class CategoryCounter(string name) : ICategorySink
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private long missing;

    public string Name { get; } = name;

    public long RowCount { get; private set; }

    public void Add(string? value)
    {
        if (value is null)
        {
            AddMissing();
            return;
        }

        Add(value.AsSpan());
    }

    public void Add(ReadOnlySpan<char> value)
    {
        RowCount++;
#if NET9_0_OR_GREATER
        var spans = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (spans.TryGetValue(value, out var count))
        {
            spans[value] = count + 1;
        }
        else
        {
            counts.Add(value.ToString(), 1);
        }
#else
        var key = value.ToString();
        counts[key] = counts.GetValueOrDefault(key) + 1;
#endif
    }

    public void AddMissing()
    {
        RowCount++;
        missing++;
    }

    /// <exception cref="ArgumentException">The column holds no non-missing value.</exception>
    public CategoricalFeatureProfile ToProfile()
    {
        if (counts.Count == 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"Feature '{Name}': the reference holds no non-missing value ({RowCount} values)."));
        }

        return CategoricalFeatureProfile.FromStored(Name, counts, missing, Name);
    }
}
