using MathNet.Numerics;

namespace RetrainTriggers.Statistics;

/// <summary>The Anderson–Darling k-sample test of Scholz and Stephens (1987), as scipy 1.10 <c>anderson_ksamp</c>.</summary>
public static class AndersonDarling
{
    private static readonly double[] Levels = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

    /// <summary>Gets the significance levels the critical values correspond to: 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001.</summary>
    public static IReadOnlyList<double> SignificanceLevels => Levels;

    /// <summary>Tests whether k samples come from the same distribution.</summary>
    /// <param name="samples">Two or more samples; NaN and ±∞ are excluded; each needs a finite value, and the pooled sample at least four values and two distinct ones.</param>
    /// <param name="midrank">True (scipy's default) for the midrank version meant for data with ties (eq. 7), false for the right-continuous one (eq. 6).</param>
    /// <returns>The normalised statistic, critical values and an approximate p-value with how it was obtained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> or one of its samples is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two samples, an empty sample, fewer than four pooled values or a single distinct value.</exception>
    /// <remarks>
    /// <para>
    /// Matches <c>scipy.stats.anderson_ksamp(samples, midrank)</c> of scipy 1.10: the statistic (A²kN − (k − 1))/σN with σN²
    /// the exact finite-sample variance, critical values b0 + b1/√(k − 1) + b2/(k − 1) from Table 2 of Scholz and
    /// Stephens for the levels in <see cref="SignificanceLevels"/>.
    /// </para>
    /// <para>
    /// The p-value is approximate and bounded, as in scipy: within the tabulated range it is exp of a least-squares
    /// quadratic through the (critical value, ln level) points; below the smallest critical value it is capped at 0.25
    /// (the true value is larger), above the largest it is floored at 0.001 (the true value is smaller).
    /// <see cref="AndersonDarlingResult.PValueStatus"/> says which applied.
    /// </para>
    /// </remarks>
    public static AndersonDarlingResult KSample(IReadOnlyList<double[]> samples, bool midrank = true)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var k = samples.Count;
        if (k < 2)
        {
            throw new ArgumentException("At least two samples are required.", nameof(samples));
        }

        var sorted = new double[k][];
        var total = 0;
        for (var i = 0; i < k; i++)
        {
            ArgumentNullException.ThrowIfNull(samples[i], $"{nameof(samples)}[{i}]");
            sorted[i] = Ranking.Finite(samples[i], $"{nameof(samples)}[{i}]", 1);
            Array.Sort(sorted[i]);
            total += sorted[i].Length;
        }

        var pooled = new double[total];
        var offset = 0;
        foreach (var s in sorted)
        {
            s.CopyTo(pooled, offset);
            offset += s.Length;
        }

        Array.Sort(pooled);
        var distinct = pooled.Distinct().ToArray();
        if (distinct.Length < 2)
        {
            throw new ArgumentException("The pooled sample needs more than one distinct value.", nameof(samples));
        }

        if (total < 4)
        {
            throw new ArgumentException("The pooled sample needs at least four values (the variance of the statistic is undefined below).", nameof(samples));
        }

        double n = total;
        var a2 = midrank ? Midrank(sorted, pooled, distinct, n) : RightContinuous(sorted, pooled, distinct, n);
        var statistic = Normalise(a2, sorted, n, k);

        var m = k - 1.0;
        var critical = new double[Levels.Length];
        for (var i = 0; i < critical.Length; i++)
        {
            critical[i] = B0[i] + (B1[i] / Math.Sqrt(m)) + (B2[i] / m);
        }

        double p;
        AndersonDarlingPValueStatus status;
        if (statistic < critical.Min())
        {
            (p, status) = (Levels.Max(), AndersonDarlingPValueStatus.Capped);
        }
        else if (statistic > critical.Max())
        {
            (p, status) = (Levels.Min(), AndersonDarlingPValueStatus.Floored);
        }
        else
        {
            var logLevels = Levels.Select(level => Math.Log(level)).ToArray();
            var fit = Fit.Polynomial(critical, logLevels, 2);
            p = Math.Exp(fit[0] + (fit[1] * statistic) + (fit[2] * statistic * statistic));
            status = AndersonDarlingPValueStatus.Interpolated;
        }

        return new AndersonDarlingResult(statistic, critical, p, status);
    }

    private static double Normalise(double a2, double[][] samples, double n, int k)
    {
        var h1 = 0.0;
        foreach (var s in samples)
        {
            h1 += 1.0 / s.Length;
        }

        // hs_cs = cumsum(1 / (N-1, N-2, ..., 2)); h = hs_cs[-1] + 1; g = sum(hs_cs / (2, 3, ..., N-1)).
        var count = (int)n - 2;
        var cumulative = 0.0;
        var ratios = new double[Math.Max(count, 0)];
        for (var i = 0; i < count; i++)
        {
            cumulative += 1.0 / (n - 1 - i);
            ratios[i] = cumulative / (i + 2);
        }

        var h = cumulative + 1;
        var g = Divergence.NumpySum(ratios);
        double kk = k;
        var a = (((4 * g) - 6) * (kk - 1)) + ((10 - (6 * g)) * h1);
        var b = (((2 * g) - 4) * kk * kk) + (8 * h * kk) + ((((2 * g) - (14 * h)) - 4) * h1) - (8 * h) + (4 * g) - 6;
        var c = ((((6 * h) + (2 * g)) - 2) * kk * kk) + ((((4 * h) - (4 * g)) + 6) * kk) + (((2 * h) - 6) * h1) + (4 * h);
        var d = (((2 * h) + 6) * kk * kk) - (4 * h * kk);
        var sigmaSquared = ((a * n * n * n) + (b * n * n) + (c * n) + d) / ((n - 1.0) * (n - 2.0) * (n - 3.0));
        return (a2 - (k - 1)) / Math.Sqrt(sigmaSquared);
    }

    /// <summary>scipy's <c>_anderson_ksamp_midrank</c> (eq. 7).</summary>
    private static double Midrank(double[][] samples, double[] pooled, double[] distinct, double n)
    {
        var terms = new double[distinct.Length];
        var left = new double[distinct.Length];
        var ties = new double[distinct.Length];
        for (var j = 0; j < distinct.Length; j++)
        {
            left[j] = LowerBound(pooled, distinct[j]);
            ties[j] = UpperBound(pooled, distinct[j]) - left[j];
        }

        var result = 0.0;
        foreach (var s in samples)
        {
            double ni = s.Length;
            for (var j = 0; j < distinct.Length; j++)
            {
                var lj = ties[j];
                var bj = left[j] + (lj / 2.0);
                double right = UpperBound(s, distinct[j]);
                var mij = right - ((right - LowerBound(s, distinct[j])) / 2.0);
                var diff = (n * mij) - (bj * ni);
                terms[j] = lj / n * (diff * diff) / ((bj * (n - bj)) - (n * lj / 4.0));
            }

            result += Divergence.NumpySum(terms) / ni;
        }

        return result * ((n - 1.0) / n);
    }

    /// <summary>scipy's <c>_anderson_ksamp_right</c> (eq. 6).</summary>
    private static double RightContinuous(double[][] samples, double[] pooled, double[] distinct, double n)
    {
        var count = distinct.Length - 1;
        var terms = new double[count];
        var ties = new double[count];
        var cumulative = new double[count];
        var running = 0.0;
        for (var j = 0; j < count; j++)
        {
            ties[j] = UpperBound(pooled, distinct[j]) - LowerBound(pooled, distinct[j]);
            running += ties[j];
            cumulative[j] = running;
        }

        var result = 0.0;
        foreach (var s in samples)
        {
            double ni = s.Length;
            for (var j = 0; j < count; j++)
            {
                double mij = UpperBound(s, distinct[j]);
                var bj = cumulative[j];
                var diff = (n * mij) - (bj * ni);
                terms[j] = ties[j] / n * (diff * diff) / (bj * (n - bj));
            }

            result += Divergence.NumpySum(terms) / ni;
        }

        return result;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
