namespace RetrainTriggers.Statistics;

/// <summary>Two-sample Cramér–von Mises test with exactly the semantics of scipy 1.10 <c>scipy.stats.cramervonmises_2samp</c>.</summary>
public static class CramerVonMises
{
    /// <summary>Largest sample size for which <see cref="CramerVonMisesMethod.Auto"/> uses the exact distribution.</summary>
    public const int MaxExactAutoSize = 20;

    /// <summary>Largest n + m accepted with <see cref="CramerVonMisesMethod.Exact"/>; beyond it the exact recursion takes hours.</summary>
    public const int MaxExactTotalSize = 60;

    /// <summary>The fewest finite values each sample needs: the statistic is undefined for a single value.</summary>
    internal const int MinimumSampleSize = 2;

    /// <summary>Runs the two-sample Cramér–von Mises test on two raw samples.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic T and its p-value.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than <see cref="MinimumSampleSize"/> finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="method"/> is not a defined value, or is <see cref="CramerVonMisesMethod.Exact"/> with more than
    /// <see cref="MaxExactTotalSize"/> finite values in total.
    /// </exception>
    /// <remarks>
    /// Matches scipy 1.10 <c>cramervonmises_2samp(reference, current, method)</c>. With midranks r over the pooled sample
    /// (ties averaged), U = n·Σ(r_i − i)² + m·Σ(s_j − j)² and T = U/(nm(n+m)) − (4nm − 1)/(6(n+m)).
    /// Exact (default when both sizes ≤ 20): the permutation distribution of U by the Xiao–Gordon–Yakovlev recursion.
    /// Asymptotic: T is standardised with Anderson's mean and variance and referred to the limiting one-sample
    /// Cramér–von Mises distribution (series of Csörgő and Faraway, terms added until one is below 1e-7, as scipy);
    /// p = 1 when the standardised value is below 0.003. The exact method's cost grows combinatorially; scipy would
    /// attempt any size, here an explicit <see cref="CramerVonMisesMethod.Exact"/> is refused above
    /// <see cref="MaxExactTotalSize"/> values in total (a deliberate difference). The overloads differ only in what the
    /// caller guarantees (see <see cref="SortedSample"/>).
    /// </remarks>
    public static CramerVonMisesResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, CramerVonMisesMethod method = CramerVonMisesMethod.Auto)
    {
        ValidateMethod(method);
        using var r = PooledSortedSample.Rent(reference, nameof(reference), MinimumSampleSize);
        using var c = PooledSortedSample.Rent(current, nameof(current), MinimumSampleSize);
        return Checked(r.Span, c.Span, method);
    }

    /// <summary>Runs the test of a raw current sample against a sorted reference (a reference profile's); only the current sample is sorted.</summary>
    /// <param name="reference">The sorted reference sample; at least two values.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded; at least two finite values.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic T and its p-value.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than <see cref="MinimumSampleSize"/> finite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for the raw overload.</exception>
    public static CramerVonMisesResult TwoSample(SortedSample reference, ReadOnlySpan<double> current, CramerVonMisesMethod method = CramerVonMisesMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ValidateMethod(method);
        ContinuousSample.ThrowIfTooShort(reference.Span, nameof(reference), MinimumSampleSize);
        using var c = PooledSortedSample.Rent(current, nameof(current), MinimumSampleSize);
        return Checked(reference.Span, c.Span, method);
    }

    /// <summary>Runs the test on two sorted samples; nothing is sorted.</summary>
    /// <param name="reference">The sorted reference sample; at least two values.</param>
    /// <param name="current">The sorted current sample; at least two values.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic T and its p-value.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than <see cref="MinimumSampleSize"/> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for the raw overload.</exception>
    public static CramerVonMisesResult TwoSample(SortedSample reference, SortedSample current, CramerVonMisesMethod method = CramerVonMisesMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ValidateMethod(method);
        ContinuousSample.ThrowIfTooShort(reference.Span, nameof(reference), MinimumSampleSize);
        ContinuousSample.ThrowIfTooShort(current.Span, nameof(current), MinimumSampleSize);
        return Checked(reference.Span, current.Span, method);
    }

    private static CramerVonMisesResult Checked(ReadOnlySpan<double> x, ReadOnlySpan<double> y, CramerVonMisesMethod method)
    {
        ValidateExactSize(method, x.Length, y.Length);
        return Compute(x, y, method);
    }

    private static void ValidateMethod(CramerVonMisesMethod method)
    {
        if (method is not (CramerVonMisesMethod.Auto or CramerVonMisesMethod.Exact or CramerVonMisesMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown Cramér–von Mises method.");
        }
    }

    private static void ValidateExactSize(CramerVonMisesMethod method, int nx, int ny)
    {
        if (method == CramerVonMisesMethod.Exact && nx + ny > MaxExactTotalSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(method),
                method,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The exact Cramér–von Mises distribution is supported for at most {MaxExactTotalSize} values in total (got {nx + ny}); use Asymptotic or Auto."));
        }
    }

    internal static CramerVonMisesResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, CramerVonMisesMethod method)
    {
        long nx = x.Length;
        long ny = y.Length;
        if (method == CramerVonMisesMethod.Auto)
        {
            method = Math.Max(nx, ny) > MaxExactAutoSize ? CramerVonMisesMethod.Asymptotic : CramerVonMisesMethod.Exact;
        }

        // 4·Σ(r − i)² exactly: midranks are multiples of 1/2, so 2r − 2i is an integer.
        Int128 sx4 = 0;
        Int128 sy4 = 0;
        int i = 0;
        int j = 0;
        long position = 0; // pooled values consumed so far
        while (i < nx || j < ny)
        {
            double a = i < nx ? x[i] : double.PositiveInfinity;
            double b = j < ny ? y[j] : double.PositiveInfinity;
            double v = Math.Min(a, b);
            int i0 = i;
            int j0 = j;
            while (i < nx && x[i] == v)
            {
                i++;
            }

            while (j < ny && y[j] == v)
            {
                j++;
            }

            long count = (i - i0) + (j - j0);
            long twiceRank = (2 * position) + count + 1; // average of ranks position+1 .. position+count
            for (int k = i0; k < i; k++)
            {
                long dlt = twiceRank - (2L * (k + 1));
                sx4 += (Int128)dlt * dlt;
            }

            for (int k = j0; k < j; k++)
            {
                long dlt = twiceRank - (2L * (k + 1));
                sy4 += (Int128)dlt * dlt;
            }

            position += count;
        }

        Int128 u4 = (nx * sx4) + (ny * sy4);
        double u = (double)u4 / 4.0;
        long k2 = nx * ny;
        long bigN = nx + ny;
        double t = (u / (k2 * bigN)) - ((double)((4 * k2) - 1) / (6 * bigN));

        double p;
        if (method == CramerVonMisesMethod.Exact)
        {
            p = ExactPValue(u, (int)nx, (int)ny);
        }
        else
        {
            double et = (1 + (1.0 / bigN)) / 6;
            Int128 vtNum = (Int128)(bigN + 1) * ((4 * (Int128)k2 * bigN) - (3 * ((Int128)(nx * nx) + (ny * ny))) - (2 * (Int128)k2));
            Int128 vtDen = 45 * (Int128)bigN * bigN * 4 * k2;
            double vt = (double)vtNum / (double)vtDen;
            double tn = (1.0 / 6) + ((t - et) / Math.Sqrt(45 * vt));
            p = tn < 0.003 ? 1.0 : Math.Max(0, 1.0 - CdfCvmInf(tn));
        }

        return new CramerVonMisesResult(t, p);
    }

    /// <summary>scipy <c>_cdf_cvm_inf</c>: CDF of the limiting one-sample Cramér–von Mises statistic.</summary>
    internal static double CdfCvmInf(double x)
    {
        double total = 0.0;
        for (int k = 0; ; k++)
        {
            double u = Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn(k + 0.5) - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1))
                / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = (4 * k) + 1;
            double q = y * y / (16 * x);
            double b = MathNet.Numerics.SpecialFunctions.BesselK(0.25, q);
            double z = u * Math.Sqrt(y) * Math.Exp(-q) * b;
            total += z;
            if (!(Math.Abs(z) >= 1e-7))
            {
                return total;
            }
        }
    }

    /// <summary>scipy <c>_pval_cvm_2samp_exact</c>: P(U ≥ u) under the permutation distribution.</summary>
    internal static double ExactPValue(double s, int m, int n)
    {
        long lcm = Lcm(m, n);
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long)m * n;
        double zeta = PyFloorDiv((double)(lcm * lcm * (m + n)) * ((6 * s) - (mn * ((4 * mn) - 1))), 6.0 * mn * mn);

        // gs[v]: frequency table of the partial sums for row u, as parallel sorted (value, frequency) lists.
        var gs = new List<(long Value, long Freq)>[m + 1];
        gs[0] = [(0, 1)];
        for (int v = 1; v <= m; v++)
        {
            gs[v] = [];
        }

        for (int u = 0; u <= n; u++)
        {
            var next = new List<(long Value, long Freq)>[m + 1];
            List<(long Value, long Freq)> tmp = [];
            for (int v = 0; v <= m; v++)
            {
                List<(long Value, long Freq)> merged = Merge(tmp, gs[v]);
                long add = ((a * v) - (b * u)) * ((a * v) - (b * u));
                for (int k = 0; k < merged.Count; k++)
                {
                    merged[k] = (merged[k].Value + add, merged[k].Freq);
                }

                next[v] = merged;
                tmp = merged;
            }

            gs = next;
        }

        long hits = 0;
        foreach ((long value, long freq) in gs[m])
        {
            if (value >= zeta)
            {
                hits += freq;
            }
        }

        return hits / Binomial(m + n, m);
    }

    private static List<(long Value, long Freq)> Merge(List<(long Value, long Freq)> left, List<(long Value, long Freq)> right)
    {
        var result = new List<(long Value, long Freq)>(left.Count + right.Count);
        int i = 0;
        int j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count || (i < left.Count && left[i].Value < right[j].Value))
            {
                result.Add(left[i++]);
            }
            else if (i >= left.Count || right[j].Value < left[i].Value)
            {
                result.Add(right[j++]);
            }
            else
            {
                result.Add((left[i].Value, left[i].Freq + right[j].Freq));
                i++;
                j++;
            }
        }

        return result;
    }

    private static double Binomial(int n, int k)
    {
        // exact while the result stays below 2^53 (n + m ≤ 56), far beyond where the exact method is practical
        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static long Lcm(long a, long b)
    {
        long x = a;
        long y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }

    /// <summary>Python's float floor division <c>a // b</c>.</summary>
    private static double PyFloorDiv(double a, double b)
    {
        double mod = a % b; // C fmod semantics
        double div = (a - mod) / b;
        if (mod != 0 && ((b < 0) != (mod < 0)))
        {
            div -= 1.0;
        }

        double floordiv;
        if (div != 0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5)
            {
                floordiv += 1.0;
            }
        }
        else
        {
            floordiv = Math.CopySign(0.0, a / b);
        }

        return floordiv;
    }
}
