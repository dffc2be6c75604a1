namespace RetrainTriggers.Statistics;

/// <summary>The G-test (log-likelihood ratio test) of homogeneity over category counts, as scipy 1.10 <c>chi2_contingency(lambda_="log-likelihood")</c>.</summary>
public static class GTest
{
    /// <summary>Tests whether two samples of a categorical feature come from the same distribution with the G statistic.</summary>
    /// <param name="referenceCounts">The reference count per category (row 0 of the 2×k table).</param>
    /// <param name="currentCounts">The current count per category, in the same category order (row 1).</param>
    /// <returns>G, the degrees of freedom k − 1 and the chi-square p-value.</returns>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, a count is negative, or one sample has no observation.</exception>
    /// <remarks>
    /// Exactly <c>scipy.stats.chi2_contingency([referenceCounts, currentCounts], correction=False, lambda_="log-likelihood")</c>
    /// over the categories present in either sample (as <see cref="ChiSquare.Homogeneity"/>, categories counted zero
    /// times in both are dropped where scipy would fail): expected frequencies <c>row_total * column_total / total</c>,
    /// G = 2·Σ O·ln(O/E) with 0·ln 0 = 0, k − 1 degrees of freedom, p = Q((k − 1)/2, G/2). No continuity correction.
    /// Fewer than two categories present give (0, 0, 1), as scipy.
    /// </remarks>
    public static ChiSquareResult Homogeneity(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var expected = ContingencyTable.Expected(referenceCounts, currentCounts, out var observed);
        var columns = observed.Length / 2;
        if (columns < 2)
        {
            return new ChiSquareResult(0.0, 0, 1.0);
        }

        var terms = new double[observed.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var o = observed[i];
            terms[i] = 2.0 * (o == 0 ? 0.0 : o * Math.Log(o / expected[i]));
        }

        var statistic = Divergence.NumpySum(terms);
        var dof = columns - 1;
        return new ChiSquareResult(statistic, dof, ChiSquare.SurvivalFunction(statistic, dof));
    }
}
