namespace RetrainTriggers.Statistics;

/// <summary>Expected frequencies of a 2×k contingency table under homogeneity, as scipy's <c>expected_freq</c>.</summary>
internal static class ContingencyTable
{
    /// <summary>
    /// The expected frequencies <c>row_total * column_total / total</c> of the columns present in either row, row-major
    /// (reference row first); <paramref name="observed"/> receives the observed counts in the same layout.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or unequal spans, a negative count, or a row without observations.</exception>
    public static double[] Expected(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, out double[] observed)
    {
        if (referenceCounts.IsEmpty)
        {
            throw new ArgumentException("At least one category is required.", nameof(referenceCounts));
        }

        if (currentCounts.Length != referenceCounts.Length)
        {
            throw new ArgumentException(
                $"currentCounts has {currentCounts.Length} categories but referenceCounts has {referenceCounts.Length}.",
                nameof(currentCounts));
        }

        var referenceTotal = Total(referenceCounts, nameof(referenceCounts));
        var currentTotal = Total(currentCounts, nameof(currentCounts));
        var present = 0;
        for (var j = 0; j < referenceCounts.Length; j++)
        {
            if (referenceCounts[j] != 0 || currentCounts[j] != 0)
            {
                present++;
            }
        }

        observed = new double[2 * present];
        var expected = new double[2 * present];
        double total = referenceTotal + currentTotal;
        var column = 0;
        for (var j = 0; j < referenceCounts.Length; j++)
        {
            if (referenceCounts[j] == 0 && currentCounts[j] == 0)
            {
                continue;
            }

            double columnTotal = referenceCounts[j] + currentCounts[j];
            observed[column] = referenceCounts[j];
            observed[present + column] = currentCounts[j];
            expected[column] = referenceTotal * columnTotal / total;
            expected[present + column] = currentTotal * columnTotal / total;
            column++;
        }

        return expected;
    }

    private static long Total(ReadOnlySpan<long> counts, string paramName)
    {
        long total = 0;
        foreach (var c in counts)
        {
            if (c < 0)
            {
                throw new ArgumentException("Counts must not be negative.", paramName);
            }

            total = checked(total + c);
        }

        if (total == 0)
        {
            throw new ArgumentException("The sample has no observation.", paramName);
        }

        return total;
    }
}
