namespace RetrainTriggers.Statistics;

/// <summary>Pearson's chi-square test on a 2×2 table with Yates' continuity correction, as scipy 1.10 <c>chi2_contingency(correction=True)</c>.</summary>
public static class YatesChiSquare
{
    /// <summary>Runs the Yates-corrected chi-square test on the table <c>[[a, b], [c, d]]</c> (row 0 reference, row 1 current).</summary>
    /// <param name="a">Row 0, column 0.</param>
    /// <param name="b">Row 0, column 1.</param>
    /// <param name="c">Row 1, column 0.</param>
    /// <param name="d">Row 1, column 1.</param>
    /// <returns>The corrected statistic, 1 degree of freedom and the p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="ArgumentException">A row or column sum is 0 (an expected frequency would be 0; scipy refuses it too).</exception>
    /// <remarks>
    /// Each observed count O moves toward its expected frequency E by min(0.5, |E − O|) (never past E, so the statistic
    /// is 0 when every |E − O| ≤ 0.5); statistic = Σ(O′ − E)²/E; p = Q(1/2, statistic/2).
    /// </remarks>
    public static ChiSquareResult Test(long a, long b, long c, long d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        {
            throw new ArgumentException("Every row and column of the 2×2 table needs a positive sum (an expected frequency would be 0).", nameof(a));
        }

        var expected = ContingencyTable.Expected([a, b], [c, d], out var observed);
        var terms = new double[4];
        for (var i = 0; i < 4; i++)
        {
            var diff = expected[i] - observed[i];
            var corrected = observed[i] + (Math.Min(0.5, Math.Abs(diff)) * Math.Sign(diff));
            var e = corrected - expected[i];
            terms[i] = e * e / expected[i];
        }

        var statistic = Divergence.NumpySum(terms);
        return new ChiSquareResult(statistic, 1, ChiSquare.SurvivalFunction(statistic, 1));
    }
}
