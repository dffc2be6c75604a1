namespace RetrainTriggers.Statistics;

/// <summary>Two-sample Kolmogorov–Smirnov test with exactly the semantics of scipy 1.10 <c>scipy.stats.ks_2samp</c>.</summary>
/// <remarks>
/// The three overloads of <see cref="TwoSample(ReadOnlySpan{double}, ReadOnlySpan{double}, KolmogorovSmirnovAlternative, KolmogorovSmirnovMethod)"/>
/// differ only in what the caller guarantees (see <see cref="SortedSample"/>) and return identical results for the same data.
/// </remarks>
public static class KolmogorovSmirnov
{
    /// <summary>Largest max(n, m) for which <see cref="KolmogorovSmirnovMethod.Auto"/> uses the exact distribution (scipy's <c>MAX_AUTO_N</c>).</summary>
    public const int MaxExactAutoSize = 10_000;

    /// <summary>Runs the two-sample KS test on two raw samples.</summary>
    /// <param name="reference">The reference (training) sample; scipy's <c>data1</c>.</param>
    /// <param name="current">The current (serving) sample; scipy's <c>data2</c>.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic, p-value, the method actually used and where the statistic is attained.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> or <paramref name="method"/> is not a defined value.</exception>
    /// <remarks>
    /// Matches scipy 1.10 <c>ks_2samp(reference, current, alternative, method)</c>. NaN and ±∞ are excluded from both
    /// samples before anything else (scipy would propagate them). The empirical CDFs are right-continuous and evaluated
    /// at every pooled value (<c>searchsorted(side='right')</c>), so ties across samples are handled as scipy does.
    /// Two-sided: D = max |F − G| with sign +1 when max(F − G) ≥ max(G − F); <see cref="KolmogorovSmirnovAlternative.Less"/>: D = max(G − F);
    /// <see cref="KolmogorovSmirnovAlternative.Greater"/>: D = max(F − G) (F = reference ECDF, G = current ECDF).
    /// <see cref="KolmogorovSmirnovMethod.Auto"/> is exact when max(n, m) ≤ 10 000. <see cref="KolmogorovSmirnovMethod.Exact"/> rounds D to the lattice
    /// h/lcm(n, m) (the reported statistic is that rounded value, as in scipy) and computes P(D ≥ d) exactly; when
    /// lcm(n, m) is too large for scipy's int32 check or the computation overflows it falls back to
    /// <see cref="KolmogorovSmirnovMethod.Asymptotic"/>, reported in <see cref="KolmogorovSmirnovResult.MethodUsed"/>. Asymptotic two-sided:
    /// <c>kstwo.sf(D, round(n·m/(n+m)))</c> (Simard–L'Ecuyer); one-sided: Hodges' approximation (his eq. 5.3).
    /// One deliberate difference: for n = m = 1 with the asymptotic method scipy's rounded size is 0 and its p-value
    /// NaN; here the size is taken as 1, so every p-value is a number in [0, 1].
    /// Both samples are copied into pooled buffers and radix sorted; nothing else is allocated on the asymptotic path.
    /// The exact two-sided computation costs O(n·m) time in the worst case (about 40 ms at 10 000 × 9 999), so an
    /// explicit <see cref="KolmogorovSmirnovMethod.Exact"/> on much larger samples can take seconds, as it does in scipy.
    /// </remarks>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, KolmogorovSmirnovAlternative alternative = KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        ValidateOptions(alternative, method);
        using var r = PooledSortedSample.Rent(reference, nameof(reference), 1);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Compute(r.Span, c.Span, alternative, method);
    }

    /// <summary>Runs the test of a raw current window against a sorted reference (a reference profile's); only the window is sorted.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic, p-value, the method actually used and where the statistic is attained.</returns>
    /// <exception cref="ArgumentException"><paramref name="current"/> has no finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> or <paramref name="method"/> is not a defined value.</exception>
    /// <remarks>The window is copied into a pooled buffer, radix sorted and merged against the reference in one pass: allocation-free in steady state.</remarks>
    public static KolmogorovSmirnovResult TwoSample(SortedSample reference, ReadOnlySpan<double> current, KolmogorovSmirnovAlternative alternative = KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ValidateOptions(alternative, method);
        using var c = PooledSortedSample.Rent(current, nameof(current), 1);
        return Compute(reference.Span, c.Span, alternative, method);
    }

    /// <summary>Runs the test on two sorted samples; nothing is sorted or allocated.</summary>
    /// <param name="reference">The sorted reference sample.</param>
    /// <param name="current">The sorted current sample.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>The statistic, p-value, the method actually used and where the statistic is attained.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> or <paramref name="method"/> is not a defined value.</exception>
    public static KolmogorovSmirnovResult TwoSample(SortedSample reference, SortedSample current, KolmogorovSmirnovAlternative alternative = KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ValidateOptions(alternative, method);
        return Compute(reference.Span, current.Span, alternative, method);
    }

    private static void ValidateOptions(KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method)
    {
        if (alternative is not (KolmogorovSmirnovAlternative.TwoSided or KolmogorovSmirnovAlternative.Less or KolmogorovSmirnovAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown KS alternative.");
        }

        if (method is not (KolmogorovSmirnovMethod.Auto or KolmogorovSmirnovMethod.Exact or KolmogorovSmirnovMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown KS method.");
        }
    }

    internal static KolmogorovSmirnovResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method)
    {
        int n1 = x.Length;
        int n2 = y.Length;
        EcdfScan.Extremes e = EcdfScan.ScanExtremes(x, y);

        // scipy: maxS = cddiffs[argmax]; minS = clip(-cddiffs[argmin], 0, 1)
        bool maxFromX = !EcdfScan.Above(e.MaxY, e.MaxYf, e.MaxX, e.MaxXf); // numpy: first occurrence, x block first
        int maxI = maxFromX ? e.MaxXi : e.MaxYi;
        int maxJ = maxFromX ? e.MaxXj : e.MaxYj;
        double maxS = ((double)maxI / n1) - ((double)maxJ / n2);
        double maxLocation = maxFromX ? e.MaxXAt : e.MaxYAt;

        bool minFromX = !EcdfScan.Below(e.MinY, e.MinYf, e.MinX, e.MinXf);
        int minI = minFromX ? e.MinXi : e.MinYi;
        int minJ = minFromX ? e.MinXj : e.MinYj;
        // + 0.0: clamping -0.0 (no negative difference) keeps its sign; scipy reports +0.0.
        double minS = Math.Clamp(-(((double)minI / n1) - ((double)minJ / n2)), 0.0, 1.0) + 0.0;
        double minLocation = minFromX ? e.MinXAt : e.MinYAt;

        double d;
        double location;
        int sign;
        if (alternative == KolmogorovSmirnovAlternative.Less || (alternative == KolmogorovSmirnovAlternative.TwoSided && minS > maxS))
        {
            d = minS;
            location = minLocation;
            sign = -1;
        }
        else
        {
            d = maxS;
            location = maxLocation;
            sign = 1;
        }

        double p = PValue(n1, n2, ref d, alternative, method, out KolmogorovSmirnovMethod used);
        return new KolmogorovSmirnovResult(d, p, used, location, sign);
    }

    /// <summary>scipy's choice and computation of the p-value for statistic <paramref name="d"/> (which exact mode rounds).</summary>
    internal static double PValue(int n1, int n2, ref double d, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method, out KolmogorovSmirnovMethod used)
    {
        int g = Gcd(n1, n2);
        int n1g = n1 / g;
        int n2g = n2 / g;
        double prob = double.NegativeInfinity;
        KolmogorovSmirnovMethod mode = method;
        if (mode == KolmogorovSmirnovMethod.Auto)
        {
            mode = Math.Max(n1, n2) <= MaxExactAutoSize ? KolmogorovSmirnovMethod.Exact : KolmogorovSmirnovMethod.Asymptotic;
        }
        else if (mode == KolmogorovSmirnovMethod.Exact && n1g >= (double)int.MaxValue / n2g)
        {
            mode = KolmogorovSmirnovMethod.Asymptotic; // lcm too large for scipy's exact path
        }

        if (mode == KolmogorovSmirnovMethod.Exact && !KsExact.TryPValue(n1, n2, g, ref d, alternative, out prob))
        {
            mode = KolmogorovSmirnovMethod.Asymptotic;
        }

        if (mode == KolmogorovSmirnovMethod.Asymptotic)
        {
            double m = Math.Max(n1, n2);
            double n = Math.Min(n1, n2);
            double en = m * n / (m + n);
            if (alternative == KolmogorovSmirnovAlternative.TwoSided)
            {
                // scipy rounds n·m/(n+m) half-to-even; for n = m = 1 that is 0 and scipy returns NaN. We use 1, the
                // smallest valid size, so the p-value is always defined (documented deviation).
                int effective = Math.Max(1, (int)Math.Round(en, MidpointRounding.ToEven));
                prob = KolmogorovDistribution.TwoSidedSurvival(d, effective);
            }
            else
            {
                // Hodges' approximation, eq. 5.3 (m the larger sample)
                double z = Math.Sqrt(en) * d;
                double expt = (-2 * z * z) - (2 * z * (m + (2 * n)) / Math.Sqrt(m * n * (m + n)) / 3.0);
                prob = Math.Exp(expt);
            }
        }

        used = mode;
        return Math.Clamp(prob, 0.0, 1.0) + 0.0;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
