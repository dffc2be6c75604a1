namespace RetrainTriggers.Statistics;

/// <summary>The one category-counting loop: how often each value occurs (ordinal, case-sensitive) and how many are missing (<see langword="null"/>).</summary>
internal static class CategoryTally
{
    /// <summary>Counts <paramref name="values"/>; the empty string is a category, <see langword="null"/> is missing.</summary>
    /// <param name="values">The values.</param>
    /// <param name="capacity">The expected number of distinct categories.</param>
    /// <returns>The count per category (ordinal comparer) and the number of missing values.</returns>
    public static (Dictionary<string, long> Counts, long Missing) Count(ReadOnlySpan<string?> values, int capacity = 0)
    {
        var counts = new Dictionary<string, long>(capacity, StringComparer.Ordinal);
        long missing = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                missing++;
            }
            else
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        return (counts, missing);
    }
}
