namespace RetrainTriggers.Statistics;

/// <summary>The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples, as scipy 1.10 <c>mannwhitneyu</c>.</summary>
public static class MannWhitney
{
    /// <summary>Runs the Mann–Whitney U test.</summary>
    /// <param name="reference">The first sample; NaN and ±∞ are excluded; at least one finite value.</param>
    /// <param name="current">The second sample; NaN and ±∞ are excluded; at least one finite value.</param>
    /// <param name="alternative">The alternative hypothesis; <see cref="TestAlternative.Less"/> means the reference tends to smaller values.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <param name="useContinuity">Whether the asymptotic method subtracts the continuity correction 0.5 (scipy's default true); ignored by the exact method.</param>
    /// <returns>U of the reference sample, the p-value and the method used.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> or <paramref name="method"/> is not a defined value.</exception>
    /// <remarks>
    /// <para>
    /// Matches <c>scipy.stats.mannwhitneyu(reference, current, use_continuity, alternative, method)</c> of scipy 1.10.
    /// U1 = R1 − n1(n1+1)/2 with R1 the reference's midrank sum in the pooled sample. The U behind the p-value is U1
    /// for greater, U2 = n1·n2 − U1 for less and max(U1, U2) for two-sided, whose one-sided p is doubled; p is
    /// clipped to [0, 1].
    /// </para>
    /// <para>
    /// Exact: P(U ≥ u) under the tie-free permutation distribution (counted exactly as the coefficients of a Gaussian
    /// binomial). Asymptotic: the normal upper tail of (u − n1·n2/2 − c)/s with c = 0.5 under the continuity correction
    /// and s² = n1·n2/12·((n + 1) − Σ(t³ − t)/(n(n − 1))) over the tie groups t. Auto is scipy 1.10's rule
    /// (asymptotic when n1 &gt; 8 and n2 &gt; 8, or when there are ties; exact otherwise).
    /// </para>
    /// </remarks>
    public static MannWhitneyResult Test(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        TestAlternative alternative = TestAlternative.TwoSided,
        MannWhitneyMethod method = MannWhitneyMethod.Auto,
        bool useContinuity = true)
    {
        if (alternative is not (TestAlternative.TwoSided or TestAlternative.Less or TestAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }

        if (method is not (MannWhitneyMethod.Auto or MannWhitneyMethod.Exact or MannWhitneyMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown Mann–Whitney method.");
        }

        var x = Ranking.Finite(reference, nameof(reference), 1);
        var y = Ranking.Finite(current, nameof(current), 1);
        var sums = Ranking.RankSums([x, y], out var tieTerm, out var total);
        double n1 = x.Length;
        double n2 = y.Length;
        var u1 = sums[0] - (n1 * (n1 + 1) / 2);
        var u2 = (n1 * n2) - u1;
        var (u, factor) = alternative switch
        {
            TestAlternative.Greater => (u1, 1.0),
            TestAlternative.Less => (u2, 1.0),
            _ => (Math.Max(u1, u2), 2.0),
        };

        if (method == MannWhitneyMethod.Auto)
        {
            method = (n1 > 8 && n2 > 8) || tieTerm > 0 ? MannWhitneyMethod.Asymptotic : MannWhitneyMethod.Exact;
        }

        double p;
        if (method == MannWhitneyMethod.Exact)
        {
            p = ExactSurvival((long)u, x.Length, y.Length);
        }
        else
        {
            double n = total;
            var s = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1)))));
            var numerator = u - (n1 * n2 / 2);
            if (useContinuity)
            {
                numerator -= 0.5;
            }

            p = NormalDistribution.Survival(numerator / s);
        }

        p *= factor;
        return new MannWhitneyResult(u1, Math.Clamp(p, 0.0, 1.0), method);
    }

    /// <summary>P(U ≥ k) for samples of sizes m and n without ties.</summary>
    internal static double ExactSurvival(long k, int m, int n)
    {
        var frequencies = Frequencies(Math.Min(m, n), Math.Max(m, n));
        long max = (long)m * n;
        if (k <= 0)
        {
            return 1.0;
        }

        if (k > max)
        {
            return 0.0;
        }

        // P(U >= k) = P(U <= mn - k) by symmetry; sum the counts of the lower tail.
        var upTo = max - k;
        double count = 0;
        double all = 0;
        for (long i = 0; i <= max; i++)
        {
            all += frequencies[i];
            if (i <= upTo)
            {
                count += frequencies[i];
            }
        }

        return count / all;
    }

    /// <summary>
    /// The number of rank arrangements giving each U in 0..m·n: the coefficients of the Gaussian binomial
    /// [m + n choose m]_q, built as the product of (1 − q^(n+i)) / (1 − q^i) for i = 1..m (exact while below 2^53).
    /// </summary>
    private static double[] Frequencies(int m, int n)
    {
        var degree = (long)m * n;
        var poly = new double[degree + 1];
        poly[0] = 1;
        long current = 0;
        for (var i = 1; i <= m; i++)
        {
            var shift = n + i;
            var next = current + n;

            // Multiply by (1 - q^shift): only coefficients up to next matter (the quotient has that degree).
            for (var k = next; k >= shift; k--)
            {
                poly[k] -= poly[k - shift];
            }

            // Divide by (1 - q^i): b[k] = a[k] + b[k - i].
            for (long k = i; k <= next; k++)
            {
                poly[k] += poly[k - i];
            }

            current = next;
        }

        return poly;
    }
}
