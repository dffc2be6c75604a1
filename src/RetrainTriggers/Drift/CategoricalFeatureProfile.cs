using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>The frozen reference distribution of one categorical feature: how often each category occurred, and how many values were missing.</summary>
/// <remarks>Categories are compared ordinally (case-sensitive); <see langword="null"/> is missing, the empty string is a category.</remarks>
public sealed class CategoricalFeatureProfile
{
    private readonly string[] categories;
    private readonly long[] counts;
    private readonly Dictionary<string, long> countByCategory;

    private CategoricalFeatureProfile(string name, string[] categories, long[] counts, long missingCount)
    {
        Name = name;
        this.categories = categories;
        this.counts = counts;
        MissingCount = missingCount;
        countByCategory = new Dictionary<string, long>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            countByCategory.Add(categories[i], counts[i]);
            Count += counts[i];
        }
    }

    /// <summary>Gets the feature name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of non-missing reference values.</summary>
    public long Count { get; }

    /// <summary>Gets the number of missing (<see langword="null"/>) reference values.</summary>
    public long MissingCount { get; }

    /// <summary>Gets the number of reference rows, present or missing.</summary>
    internal long TotalCount => Count + MissingCount;

    /// <summary>Gets the share of reference rows that are missing.</summary>
    public double MissingRate => (double)MissingCount / TotalCount;

    /// <summary>Gets the categories seen in the reference, in ordinal order.</summary>
    internal IReadOnlyList<string> Categories => categories;

    /// <summary>Gets the count of each category, by category.</summary>
    public IReadOnlyDictionary<string, long> Counts => countByCategory;

    /// <summary>Builds the profile of one categorical feature from its training values.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="values">The training values; <see langword="null"/> counts as missing.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, or <paramref name="values"/> holds no non-missing value.</exception>
    public static CategoricalFeatureProfile Build(string name, ReadOnlySpan<string?> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (map, missing) = CategoryTally.Count(values);

        if (map.Count == 0)
        {
            throw new ArgumentException(
                $"Feature '{name}': the reference holds no non-missing value ({values.Length} values).", nameof(values));
        }

        return FromMap(name, map, missing);
    }

    /// <summary>Merges the profiles of two shards of the same feature: counts add, so the result equals the whole-data profile exactly.</summary>
    /// <param name="first">The first shard's profile.</param>
    /// <param name="second">The second shard's profile.</param>
    /// <returns>The merged profile.</returns>
    /// <exception cref="ArgumentException">The profiles describe different features.</exception>
    public static CategoricalFeatureProfile Merge(CategoricalFeatureProfile first, CategoricalFeatureProfile second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!string.Equals(first.Name, second.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge profiles of different features '{first.Name}' and '{second.Name}'.", nameof(second));
        }

        var map = new Dictionary<string, long>(first.countByCategory, StringComparer.Ordinal);
        try
        {
            foreach (var (category, count) in second.countByCategory)
            {
                map[category] = checked(map.GetValueOrDefault(category) + count);
            }

            return FromMap(first.Name, map, checked(first.MissingCount + second.MissingCount));
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"Feature '{first.Name}': the merged counts exceed {long.MaxValue}.", nameof(second), ex);
        }
    }

    /// <summary>Rebuilds a profile from stored parts, checking invariants.</summary>
    internal static CategoricalFeatureProfile FromStored(string name, IReadOnlyDictionary<string, long> counts, long missingCount, string path)
    {
        if (counts.Count == 0)
        {
            throw new InvalidDataException($"{path}.counts: no category.");
        }

        foreach (var (category, count) in counts)
        {
            if (count <= 0)
            {
                throw new InvalidDataException($"{path}.counts['{category}']: count must be positive, was {count}.");
            }
        }

        if (missingCount < 0)
        {
            throw new InvalidDataException($"{path}.missingCount: must not be negative, was {missingCount}.");
        }

        var total = missingCount;
        foreach (var count in counts.Values)
        {
            if (count > long.MaxValue - total)
            {
                throw new InvalidDataException($"{path}: the category counts and missingCount add up to more than {long.MaxValue} rows.");
            }

            total += count;
        }

        return FromMap(name, counts, missingCount);
    }

    /// <summary>Gets the count of <paramref name="category"/>, 0 when never seen.</summary>
    internal long CountOf(string category) => countByCategory.GetValueOrDefault(category);

    private static CategoricalFeatureProfile FromMap(string name, IReadOnlyDictionary<string, long> map, long missing)
    {
        var categories = map.Keys.ToArray();
        Array.Sort(categories, StringComparer.Ordinal);
        var counts = new long[categories.Length];
        for (var i = 0; i < categories.Length; i++)
        {
            counts[i] = map[categories[i]];
        }

        return new CategoricalFeatureProfile(name, categories, counts, missing);
    }
}
