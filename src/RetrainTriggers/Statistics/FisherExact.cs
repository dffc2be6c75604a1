using MathNet.Numerics;

namespace RetrainTriggers.Statistics;

/// <summary>Fisher's exact test of association on a 2×2 contingency table, as scipy 1.10 <c>fisher_exact</c>.</summary>
public static class FisherExact
{
    private const double RelativeTolerance = 1e-14;

    /// <summary>Runs Fisher's exact test on the table <c>[[a, b], [c, d]]</c>.</summary>
    /// <param name="a">Row 0, column 0 (for drift: reference count of the category).</param>
    /// <param name="b">Row 0, column 1 (reference count of everything else).</param>
    /// <param name="c">Row 1, column 0 (current count of the category).</param>
    /// <param name="d">Row 1, column 1 (current count of everything else).</param>
    /// <param name="alternative">The alternative hypothesis about the odds ratio: two-sided (≠ 1), less (&lt; 1) or greater (&gt; 1).</param>
    /// <returns>The sample odds ratio and the p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or <paramref name="alternative"/> is not a defined value.</exception>
    /// <remarks>
    /// Matches <c>scipy.stats.fisher_exact([[a, b], [c, d]], alternative)</c> of scipy 1.10. The p-value comes from the
    /// hypergeometric law of the top-left cell with all margins fixed: less = P(X ≤ a), greater = P(X ≥ a), two-sided =
    /// the total probability of the tables no more likely than the observed one (pmf ≤ pmf(a)·(1 + 1e-14)), and 1 when
    /// the observed table is as likely as the mode. A zero row or column sum gives (NaN, 1) without testing, as scipy.
    /// </remarks>
    public static FisherExactResult Test(long a, long b, long c, long d, TestAlternative alternative = TestAlternative.TwoSided)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        if (alternative is not (TestAlternative.TwoSided or TestAlternative.Less or TestAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }

        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        {
            return new FisherExactResult(double.NaN, 1.0);
        }

        var oddsRatio = c > 0 && b > 0 ? (double)checked(a * d) / checked(c * b) : double.PositiveInfinity;

        // X = top-left cell: population M = a+b+c+d, n1 = a+b successes, draws = a+c.
        var row0 = a + b;
        var row1 = c + d;
        var draws = a + c;
        var lo = Math.Max(0, draws - row1);
        var hi = Math.Min(row0, draws);
        var pmf = Pmf(row0, row1, draws, lo, hi);
        var observed = pmf[a - lo];
        double p;
        switch (alternative)
        {
            case TestAlternative.Less:
                p = Sum(pmf, 0, (int)(a - lo));
                break;
            case TestAlternative.Greater:
                p = Sum(pmf, (int)(a - lo), pmf.Length - 1);
                break;
            default:
                var mode = (long)((draws + 1) * (double)(row0 + 1) / (row0 + row1 + 2));
                var atMode = pmf[mode - lo];
                if (Math.Abs(observed - atMode) / Math.Max(observed, atMode) <= RelativeTolerance)
                {
                    return new FisherExactResult(oddsRatio, 1.0);
                }

                var limit = observed * (1 + RelativeTolerance);
                p = 0;
                foreach (var q in pmf)
                {
                    if (q <= limit)
                    {
                        p += q;
                    }
                }

                break;
        }

        return new FisherExactResult(oddsRatio, Math.Min(p, 1.0));
    }

    /// <summary>The hypergeometric probabilities of lo..hi, each from log-gamma terms.</summary>
    private static double[] Pmf(long row0, long row1, long draws, long lo, long hi)
    {
        var total = row0 + row1;
        var logDenominator = LogChoose(total, draws);
        var pmf = new double[hi - lo + 1];
        for (var x = lo; x <= hi; x++)
        {
            pmf[x - lo] = Math.Exp(LogChoose(row0, x) + LogChoose(row1, draws - x) - logDenominator);
        }

        return pmf;
    }

    private static double LogChoose(long n, long k) => SpecialFunctions.BinomialLn(checked((int)n), checked((int)k));

    private static double Sum(double[] values, int from, int to)
    {
        var s = 0.0;
        for (var i = from; i <= to; i++)
        {
            s += values[i];
        }

        return s;
    }
}
