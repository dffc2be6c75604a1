using MathNet.Numerics;

namespace RetrainTriggers.Statistics;

/// <summary>Welch's and Student's two-sample t-tests of equal means, as scipy 1.10 <c>ttest_ind</c>.</summary>
public static class TTest
{
    /// <summary>Runs Welch's t-test (unequal variances), scipy's <c>ttest_ind(reference, current, equal_var=False)</c>.</summary>
    /// <param name="reference">The first sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="current">The second sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="alternative">The alternative hypothesis; <see cref="TestAlternative.Less"/> means the reference mean is smaller.</param>
    /// <returns>t, the p-value and the Welch–Satterthwaite degrees of freedom.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than two finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> is not a defined value.</exception>
    /// <remarks>
    /// t = (m1 − m2)/√(v1/n1 + v2/n2) with unbiased variances v; df = (v1/n1 + v2/n2)² / ((v1/n1)²/(n1 − 1) + (v2/n2)²/(n2 − 1)),
    /// and df = 1 when that is undefined (both variances 0), as scipy. p-values from the Student t CDF with real-valued df:
    /// less = F(t), greater = F(−t), two-sided = 2·F(−|t|).
    /// </remarks>
    public static TTestResult Welch(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, TestAlternative alternative = TestAlternative.TwoSided) =>
        Run(reference, current, alternative, equalVariances: false);

    /// <summary>Runs Student's t-test (pooled variance), scipy's <c>ttest_ind(reference, current, equal_var=True)</c>.</summary>
    /// <param name="reference">The first sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="current">The second sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="alternative">The alternative hypothesis; <see cref="TestAlternative.Less"/> means the reference mean is smaller.</param>
    /// <returns>t, the p-value and df = n1 + n2 − 2.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than two finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> is not a defined value.</exception>
    /// <remarks>
    /// t = (m1 − m2)/√(s²(1/n1 + 1/n2)) with the pooled variance s² = ((n1 − 1)v1 + (n2 − 1)v2)/(n1 + n2 − 2); p-values as
    /// for <see cref="Welch"/>.
    /// </remarks>
    public static TTestResult Student(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, TestAlternative alternative = TestAlternative.TwoSided) =>
        Run(reference, current, alternative, equalVariances: true);

    /// <summary>The Student t CDF with real-valued degrees of freedom (cephes' <c>stdtr</c>).</summary>
    internal static double StudentCdf(double df, double t)
    {
        if (double.IsNaN(t) || double.IsNaN(df))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(t))
        {
            return 1.0;
        }

        if (double.IsNegativeInfinity(t))
        {
            return 0.0;
        }

        if (t == 0)
        {
            return 0.5;
        }

        var tail = 0.5 * SpecialFunctions.BetaRegularized(0.5 * df, 0.5, df / (df + (t * t)));
        return t < 0 ? tail : 1.0 - tail;
    }

    private static TTestResult Run(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, TestAlternative alternative, bool equalVariances)
    {
        if (alternative is not (TestAlternative.TwoSided or TestAlternative.Less or TestAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }

        var x = Ranking.Finite(reference, nameof(reference), 2);
        var y = Ranking.Finite(current, nameof(current), 2);
        double n1 = x.Length;
        double n2 = y.Length;
        var m1 = Mean(x);
        var m2 = Mean(y);
        var v1 = Variance(x, m1);
        var v2 = Variance(y, m2);
        double df;
        double denominator;
        if (equalVariances)
        {
            df = n1 + n2 - 2.0;
            var pooled = (((n1 - 1) * v1) + ((n2 - 1) * v2)) / df;
            denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        }
        else
        {
            var vn1 = v1 / n1;
            var vn2 = v2 / n2;
            df = (vn1 + vn2) * (vn1 + vn2) / ((vn1 * vn1 / (n1 - 1)) + (vn2 * vn2 / (n2 - 1)));
            if (double.IsNaN(df))
            {
                df = 1;
            }

            denominator = Math.Sqrt(vn1 + vn2);
        }

        var t = (m1 - m2) / denominator;
        var p = alternative switch
        {
            TestAlternative.Less => StudentCdf(df, t),
            TestAlternative.Greater => StudentCdf(df, -t),
            _ => StudentCdf(df, -Math.Abs(t)) * 2,
        };
        return new TTestResult(t, p, df);
    }

    private static double Mean(double[] values) => Divergence.NumpySum(values) / values.Length;

    /// <summary>numpy's <c>mean((x - m)^2) * n / (n - 1)</c>, in scipy's order of operations.</summary>
    private static double Variance(double[] values, double mean)
    {
        var squares = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var d = values[i] - mean;
            squares[i] = d * d;
        }

        double n = values.Length;
        return Divergence.NumpySum(squares) / n * (n / (n - 1));
    }
}
