namespace RetrainTriggers.Drift;

/// <summary>Streaming state of one categorical feature: category counts (pruned to the top K past 4·K when bounded), other, missing, error bound.</summary>
internal sealed class CategoricalProfileAccumulator(string name, int? maxCategories)
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private long missing;
    private long other;
    private long bound;

    public void Add(ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                missing++;
            }
            else
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
                if (maxCategories is { } k && counts.Count > 4L * k)
                {
                    Prune(k);
                }
            }
        }
    }

    public void Merge(CategoricalProfileAccumulator source)
    {
        foreach (var (category, count) in source.counts)
        {
            counts[category] = counts.GetValueOrDefault(category) + count;
        }

        missing += source.missing;
        other += source.other;
        bound += source.bound;
        if (maxCategories is { } k && counts.Count > 4L * k)
        {
            Prune(k);
        }
    }

    public CategoricalFeatureProfile? Build()
    {
        if (counts.Count == 0)
        {
            return null;
        }

        return maxCategories is { } k && (counts.Count > k || other > 0)
            ? CategoricalFeatureProfile.Bounded(name, counts, missing, k, other, bound)
            : CategoricalFeatureProfile.Exact(name, counts, missing);
    }

    private void Prune(int k)
    {
        var ranked = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        long largestDropped = 0;
        foreach (var (category, count) in ranked.Skip(k))
        {
            counts.Remove(category);
            other += count;
            largestDropped = Math.Max(largestDropped, count);
        }

        bound += largestDropped;
    }
}
