namespace RetrainTriggers.Statistics;

/// <summary>Exact null distribution of the two-sample Kolmogorov–Smirnov statistic, as scipy 1.10 computes it.</summary>
/// <remarks>
/// Ports of scipy's <c>_attempt_exact_2kssamp</c>, <c>_compute_prob_outside_square</c>,
/// <c>_compute_outer_prob_inside_method</c> (Hodges' inside method with Viehmann's recursion for 1 − p) and
/// <c>_count_paths_outside_method</c>. A computation that overflows or leaves [0, 1] reports failure, exactly where
/// scipy switches to the asymptotic method.
/// </remarks>
internal static class KsExact
{
    /// <summary>scipy <c>_attempt_exact_2kssamp</c>: rounds <paramref name="d"/> to the lattice h/lcm and computes P(D ≥ d).</summary>
    public static bool TryPValue(int n1, int n2, int g, ref double d, KolmogorovSmirnovAlternative alternative, out double probability)
    {
        long lcm = (long)(n1 / g) * n2;
        long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        d = h * 1.0 / lcm;
        if (h == 0)
        {
            probability = 1.0;
            return true;
        }

        double prob;
        if (alternative == KolmogorovSmirnovAlternative.TwoSided)
        {
            prob = n1 == n2 ? ProbOutsideSquare(n1, h) : OuterProbInsideMethod(n1, n2, g, h);
        }
        else if (n1 == n2)
        {
            // binom(2n, n-h) / binom(2n, n) evaluated as a product
            prob = 1.0;
            for (long j = 0; j < h; j++)
            {
                prob *= (n1 - j) / (n1 + j + 1.0);
            }
        }
        else
        {
            double bin = Binomial(n1 + n2, n1);
            if (double.IsInfinity(bin))
            {
                probability = double.NaN;
                return false;
            }

            double numPaths = CountPathsOutside(n1, n2, g, h);
            if (!double.IsFinite(numPaths) || numPaths > bin)
            {
                probability = double.NaN;
                return false;
            }

            prob = numPaths / bin;
        }

        probability = prob;
        return prob is >= 0 and <= 1;
    }

    /// <summary>Pr(D_{n,n} ≥ h/n) (scipy <c>_compute_prob_outside_square</c>).</summary>
    internal static double ProbOutsideSquare(long n, long h)
    {
        double p = 0.0;
        long k = (long)Math.Floor((double)n / h);
        while (k >= 0)
        {
            double p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>Proportion of lattice paths leaving |x/m − y/n| &lt; h/lcm (scipy <c>_compute_outer_prob_inside_method</c>).</summary>
    internal static double OuterProbInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;
        long minj = 0;
        long maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        long curlen = maxj - minj;
        long lenA = Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (long j = minj; j < Math.Min(maxj, lenA); j++)
        {
            a[j] = 0.0;
        }

        for (long i = 1; i <= m; i++)
        {
            long lastminj = minj;
            long lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)((ng * i) - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)((ng * i) + h) / mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            double val = minj == 0 ? 0.0 : 1.0;
            long shift = minj - lastminj;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                long j = jj + minj;
                val = ((a[jj + shift] * i) + (val * j)) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                long end = Math.Min(maxj - minj + (lastlen - curlen), lenA);
                for (long j = maxj - minj; j < end; j++)
                {
                    a[j] = 1;
                }
            }
        }

        return a[maxj - minj - 1];
    }

    /// <summary>Number of lattice paths that pass below the diagonal m·y ≤ n·x − h·g (scipy <c>_count_paths_outside_method</c>).</summary>
    internal static double CountPathsOutside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;
        long lxj = n + FloorDiv(mg - h, mg);
        if (lxj <= 0)
        {
            return Binomial(m + n, n);
        }

        var xj = new long[lxj];
        for (long j = 0; j < lxj; j++)
        {
            xj[j] = FloorDiv(h + (mg * j) + ng - 1, ng);
        }

        var b = new double[lxj];
        b[0] = 1;
        for (long j = 1; j < lxj; j++)
        {
            double bj = Binomial(xj[j] + j, j);
            for (long i = 0; i < j; i++)
            {
                bj -= Binomial(xj[j] - xj[i] + j - i, j - i) * b[i];
            }

            if (!double.IsFinite(bj))
            {
                return double.NaN;
            }

            b[j] = bj;
        }

        double numPaths = 0;
        for (long j = 0; j < lxj; j++)
        {
            numPaths += b[j] * Binomial(m - xj[j] + (n - j), n - j);
        }

        return numPaths;
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary>
    /// Binomial coefficient in double precision as scipy's <c>special.binom</c> evaluates integer arguments: the
    /// multiplicative formula for k &lt; 20 (after symmetry), otherwise 1/((n+1)·B(n−k+1, k+1)); +∞ on overflow.
    /// </summary>
    internal static double Binomial(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return 0.0;
        }

        double kx = k;
        if (kx > n / 2.0 && n > 0)
        {
            kx = n - kx;
        }

        if (kx < 20)
        {
            double num = 1.0;
            double den = 1.0;
            for (int i = 1; i <= (int)kx; i++)
            {
                num *= i + n - kx;
                den *= i;
                if (Math.Abs(num) > 1e50)
                {
                    num /= den;
                    den = 1.0;
                }
            }

            return num / den;
        }

        double a = 1.0 + n - k;
        double bb = 1.0 + k;
        double logBeta = MathNet.Numerics.SpecialFunctions.GammaLn(a) + MathNet.Numerics.SpecialFunctions.GammaLn(bb)
            - MathNet.Numerics.SpecialFunctions.GammaLn(a + bb);
        double logBinom = -logBeta - Math.Log(n + 1.0);
        return logBinom > 709.782712893384 ? double.PositiveInfinity : Math.Exp(logBinom);
    }
}
