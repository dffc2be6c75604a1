using System.Buffers;

namespace RetrainTriggers.Statistics.Sketches;

/// <summary>
/// Sample statistics of a raw window against a quantile sketch of the reference, treated as the weighted sample it
/// holds (distinct values with cumulative weights): KS in one pass over the window, Wasserstein-1 and energy distance
/// over the sorted window. Each comes with a bound on its distance to the value against the full reference.
/// </summary>
internal static class SketchStatistics
{
    private const double MinimumSpread = 0.001;

    /// <summary>
    /// KS of the window against the sketch's CDF in one pass: every window value is located among the sketch's values
    /// with <see cref="KsGapIndex"/>; the ECDF difference is extreme at a sketch value or at the last window value of a
    /// gap, so counts per gap (and ties with the gap's left value) give the statistic.
    /// </summary>
    /// <remarks>
    /// |D − D_exact| ≤ ε (the sketch's rank-error bound) because the reference CDF is off by at most ε everywhere and the
    /// window side is exact. The p-value is the asymptotic one (<see cref="KolmogorovSmirnovMethod.Asymptotic"/>, as scipy's formula)
    /// evaluated at the estimated D with the true reference count; an exact p-value needs the exact lattice statistic.
    /// </remarks>
    public static KolmogorovSmirnovResult Ks(double[] values, long[] cumulative, long total, KsGapIndex index, ReadOnlySpan<double> current, KolmogorovSmirnovAlternative alternative)
    {
        int k = values.Length;
        int[] countRented = ArrayPool<int>.Shared.Rent((2 * k) + 2);
        double[] lastRented = ArrayPool<double>.Shared.Rent(k + 1);
        try
        {
            Span<int> count = countRented.AsSpan(0, k + 1); // values in gap b, [u(b-1), u(b))
            Span<int> ties = countRented.AsSpan(k + 1, k + 1); // values equal to u(b-1), per gap b
            Span<double> last = lastRented.AsSpan(0, k + 1); // largest value strictly inside gap b
            count.Clear();
            ties.Clear();
            last.Fill(double.NegativeInfinity);
            int m = 0;
            foreach (double raw in current)
            {
                if (!double.IsFinite(raw))
                {
                    continue;
                }

                double v = raw + 0.0;
                int b = index.GapOf(v);
                count[b]++;
                m++;
                if (b > 0 && v == values[b - 1])
                {
                    ties[b]++;
                }
                else if (v > last[b])
                {
                    last[b] = v;
                }
            }

            if (m == 0)
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sample has 0 finite value(s) out of {current.Length} (NaN and infinities are excluded); at least 1 are required."),
                    nameof(current));
            }

            double n = total;
            double maxS = double.NegativeInfinity;
            double maxAt = 0;
            double minD = double.PositiveInfinity;
            double minAt = 0;
            long below = 0; // window values below the current gap's start
            for (int b = 0; b <= k; b++)
            {
                double r = b == 0 ? 0 : cumulative[b - 1] / n;
                if (b > 0)
                {
                    // state at u(b-1): reference weight up to it, window values at or below it
                    double d0 = r - ((double)(below + ties[b]) / m);
                    Track(d0, values[b - 1], ref maxS, ref maxAt, ref minD, ref minAt);
                }

                below += count[b];
                if (last[b] > double.NegativeInfinity)
                {
                    // state at the last window value inside the gap: reference still at r, window at "below the next cut"
                    double d1 = r - ((double)below / m);
                    Track(d1, last[b], ref maxS, ref maxAt, ref minD, ref minAt);
                }
            }

            double minS = Math.Clamp(-minD, 0.0, 1.0);
            maxS = Math.Clamp(maxS, 0.0, 1.0);
            bool less = alternative == KolmogorovSmirnovAlternative.Less || (alternative == KolmogorovSmirnovAlternative.TwoSided && minS > maxS);
            double d = less ? minS : maxS;
            int n1 = (int)Math.Min(total, int.MaxValue);
            double p = KolmogorovSmirnov.PValue(n1, m, ref d, alternative, KolmogorovSmirnovMethod.Asymptotic, out KolmogorovSmirnovMethod used);
            return new KolmogorovSmirnovResult(d, p, used, less ? minAt : maxAt, less ? -1 : 1);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(countRented);
            ArrayPool<double>.Shared.Return(lastRented);
        }
    }

    /// <summary>
    /// ∫|F − G| (<paramref name="power"/> 1, Wasserstein-1) or ∫(F − G)² (power 2, the square of energy distance / √2)
    /// between the sketch's CDF F and the ECDF G of a sorted window (the integral is symmetric in F and G).
    /// </summary>
    public static double CdfIntegral(double[] values, long[] cumulative, long total, ReadOnlySpan<double> sortedCurrent, int power) =>
        CdfIntegral(sortedCurrent, default, false, sortedCurrent.Length, values, cumulative, total, power);

    /// <summary>
    /// ∫|F − G| (<paramref name="power"/> 1, Wasserstein-1) or ∫(F − G)² (power 2) between two step CDFs: the reference,
    /// either an exact sorted sample (<paramref name="referenceCumulative"/> null, every value of weight 1, ties allowed)
    /// or a sketch's sorted view (distinct values with cumulative weights), and a window sketch's sorted view.
    /// </summary>
    /// <remarks>
    /// Both CDFs are constant between consecutive values of the merged support, so the integral is the exact sum of
    /// |F − G|^power times each gap; it is the value scipy's <c>wasserstein_distance</c> (or the square of
    /// <c>energy_distance</c> / √2) would give on the weighted samples the two sides hold.
    /// </remarks>
    public static double CdfIntegral(
        ReadOnlySpan<double> referenceValues, ReadOnlySpan<long> referenceCumulative, bool referenceWeighted, long referenceTotal,
        ReadOnlySpan<double> windowValues, ReadOnlySpan<long> windowCumulative, long windowTotal, int power)
    {
        double n = referenceTotal;
        double m = windowTotal;
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.Min(referenceValues[0], windowValues[0]);
        while (i < referenceValues.Length || j < windowValues.Length)
        {
            double x = Math.Min(
                i < referenceValues.Length ? referenceValues[i] : double.PositiveInfinity,
                j < windowValues.Length ? windowValues[j] : double.PositiveInfinity);

            // F and G on [previous, x): the weight at or below the last value passed, over the total.
            double f = !referenceWeighted ? i / n : i == 0 ? 0 : referenceCumulative[i - 1] / n;
            double g = j == 0 ? 0 : windowCumulative[j - 1] / m;
            double diff = Math.Abs(f - g);
            sum += (power == 1 ? diff : diff * diff) * (x - previous);
            previous = x;
            while (i < referenceValues.Length && referenceValues[i] <= x)
            {
                i++;
            }

            while (j < windowValues.Length && windowValues[j] <= x)
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>Wasserstein-1 between the sketch and the window, divided by max(σ, 0.001) as the detector's normalised distance.</summary>
    public static double WassersteinNormalized(double[] values, long[] cumulative, long total, ReadOnlySpan<double> sortedCurrent, double standardDeviation) =>
        CdfIntegral(values, cumulative, total, sortedCurrent, 1) / Math.Max(standardDeviation, MinimumSpread);

    /// <summary>Bound of |W₁(sketch, window) − W₁(reference, window)|: ε·(max − min), normalised like the distance.</summary>
    public static double WassersteinBound(double rankError, double min, double max, double standardDeviation) =>
        rankError * (max - min) / Math.Max(standardDeviation, MinimumSpread);

    /// <summary>Energy distance (scipy's <c>energy_distance</c>, √2 · L2 distance of the CDFs) between the sketch and the window.</summary>
    public static double EnergyDistance(double[] values, long[] cumulative, long total, ReadOnlySpan<double> sortedCurrent) =>
        Math.Sqrt(2 * CdfIntegral(values, cumulative, total, sortedCurrent, 2));

    /// <summary>Bound of the energy distance's error: √2 · ε · √(max − min) (the L2 norm of a CDF error of at most ε on the reference range).</summary>
    public static double EnergyDistanceBound(double rankError, double min, double max) =>
        Math.Sqrt(2) * rankError * Math.Sqrt(max - min);

    private static void Track(double d, double at, ref double maxS, ref double maxAt, ref double minD, ref double minAt)
    {
        if (d > maxS)
        {
            maxS = d;
            maxAt = at;
        }

        if (d < minD)
        {
            minD = d;
            minAt = at;
        }
    }
}
