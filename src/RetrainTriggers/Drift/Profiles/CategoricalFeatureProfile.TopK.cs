namespace RetrainTriggers.Drift;

/// <summary>The bounded (top-K) side of <see cref="CategoricalFeatureProfile"/>.</summary>
public sealed partial class CategoricalFeatureProfile
{
    /// <summary>The category name under which a bounded profile (and a window checked against it) counts every value outside the kept categories.</summary>
    /// <remarks>The private-use character U+E000 in front keeps it apart from real category names in practice.</remarks>
    public const string OtherCategory = "\uE000(other)";

    private CategoricalFeatureProfile(string name, string[] categories, long[] counts, long missingCount, int maxCategories, long otherCount, long countErrorBound)
        : this(name, categories, counts, missingCount)
    {
        MaxCategories = maxCategories;
        OtherCount = otherCount;
        CountErrorBound = countErrorBound;
        Count += otherCount;
    }

    /// <summary>Gets the most categories the profile keeps (<see langword="null"/>: every category, exactly).</summary>
    public int? MaxCategories { get; }

    /// <summary>Gets the number of non-missing reference values outside the kept categories (the explicit <see cref="OtherCategory"/> bucket); 0 when unbounded.</summary>
    public long OtherCount { get; }

    /// <summary>Gets how far any category's count can be below its true count (0 for a profile built in one go: the kept counts are exact).</summary>
    /// <remarks>
    /// Building keeps the K most frequent categories with exact counts; every dropped category occurred at most as often
    /// as the least frequent kept one. Merging bounded profiles adds the counts, keeps the K largest sums and adds the
    /// bounds (a category dropped on one side may hide up to that side's bound there); other = total − kept.
    /// </remarks>
    public long CountErrorBound { get; }

    /// <summary>Builds a bounded categorical profile that keeps at most <paramref name="maxCategories"/> categories plus an explicit other bucket.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="values">The training values; <see langword="null"/> counts as missing.</param>
    /// <param name="maxCategories">The most categories to keep (at least 1); ties in frequency keep the ordinally smaller category.</param>
    /// <returns>The profile; unbounded and exact when the data has at most <paramref name="maxCategories"/> categories.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, or <paramref name="values"/> holds no non-missing value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCategories"/> is less than 1.</exception>
    public static CategoricalFeatureProfile Build(string name, ReadOnlySpan<string?> values, int maxCategories)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCategories, 1);
        var full = Build(name, values);
        return full.categories.Length <= maxCategories ? full : Bound(full.Name, full.countByCategory, full.MissingCount, maxCategories, 0, 0);
    }

    /// <summary>Gets the counts including the other bucket (when bounded), as the detector compares them.</summary>
    internal IReadOnlyDictionary<string, long> CountsWithOther
    {
        get
        {
            if (MaxCategories is null)
            {
                return countByCategory;
            }

            var map = new Dictionary<string, long>(countByCategory, StringComparer.Ordinal) { [OtherCategory] = OtherCount };
            return map;
        }
    }

    /// <summary>Folds a window's category counts into this profile's kept categories plus <see cref="OtherCategory"/>; the folded category names are reported.</summary>
    internal Dictionary<string, long> FoldWindow(IReadOnlyDictionary<string, long> window, out IReadOnlyList<string> folded)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (category, count) in window)
        {
            if (countByCategory.ContainsKey(category))
            {
                result[category] = count;
            }
            else
            {
                result[OtherCategory] = result.GetValueOrDefault(OtherCategory) + count;
                names.Add(category);
            }
        }

        names.Sort(StringComparer.Ordinal);
        folded = names;
        return result;
    }

    /// <summary>A bounded profile from streamed counts (see <see cref="Bound"/>).</summary>
    internal static CategoricalFeatureProfile Bounded(string name, IReadOnlyDictionary<string, long> map, long missing, int k, long other, long bound) =>
        Bound(name, map, missing, k, other, bound);

    /// <summary>An exact profile from streamed counts.</summary>
    internal static CategoricalFeatureProfile Exact(string name, IReadOnlyDictionary<string, long> map, long missing) => FromMap(name, map, missing);

    private static CategoricalFeatureProfile MergeBounded(CategoricalFeatureProfile first, CategoricalFeatureProfile second)
    {
        int k = Math.Min(first.MaxCategories ?? int.MaxValue, second.MaxCategories ?? int.MaxValue);
        var map = new Dictionary<string, long>(first.countByCategory, StringComparer.Ordinal);
        foreach (var (category, count) in second.countByCategory)
        {
            map[category] = map.GetValueOrDefault(category) + count;
        }

        long other = first.OtherCount + second.OtherCount;
        long bound = first.CountErrorBound + second.CountErrorBound;
        return Bound(first.Name, map, first.MissingCount + second.MissingCount, k, other, bound);
    }

    /// <summary>Keeps the k largest counts (ties: ordinal order); the rest goes to other, the bound grows by the largest dropped count.</summary>
    private static CategoricalFeatureProfile Bound(string name, IReadOnlyDictionary<string, long> map, long missing, int k, long other, long bound)
    {
        var ranked = map.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var kept = ranked.Take(k).ToArray();
        long dropped = 0;
        long largestDropped = 0;
        foreach (var (_, count) in ranked.Skip(k))
        {
            dropped += count;
            largestDropped = Math.Max(largestDropped, count);
        }

        var categories = kept.Select(p => p.Key).ToArray();
        Array.Sort(categories, StringComparer.Ordinal);
        var counts = categories.Select(c => map[c]).ToArray();
        return new CategoricalFeatureProfile(name, categories, counts, missing, k, other + dropped, bound + largestDropped);
    }

    /// <summary>Rebuilds a bounded profile from stored parts, checking invariants.</summary>
    internal static CategoricalFeatureProfile FromStoredBounded(string name, IReadOnlyDictionary<string, long> counts, long missingCount, int maxCategories, long otherCount, long countErrorBound, string path)
    {
        var plain = FromStored(name, counts, missingCount, path);
        if (maxCategories < 1 || counts.Count > maxCategories || otherCount < 0 || countErrorBound < 0)
        {
            throw new InvalidDataException($"{path}: maxCategories, otherCount or countErrorBound is out of range (at most maxCategories categories, non-negative counts).");
        }

        return new CategoricalFeatureProfile(name, plain.categories, plain.counts, missingCount, maxCategories, otherCount, countErrorBound);
    }
}
