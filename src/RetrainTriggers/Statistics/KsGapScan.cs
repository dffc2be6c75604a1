using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>
/// The exact two-sample KS test of a raw window against a sorted reference without sorting the window: the window is
/// counted into the reference's gaps (<see cref="KsGapIndex"/>), and only the gaps where the statistic can be attained
/// are sorted and merged.
/// </summary>
/// <remarks>
/// <para>
/// With <c>i</c>, <c>j</c> the numbers of reference and window values at or below a pooled value, the KS extremes are
/// those of <c>i·m − j·n</c> (exact integers). Inside gap <c>b</c> the state is bounded by the counts at the gap's ends:
/// <c>i·m − j·n ≤ R(b+1)·m − W(b)·n</c> and <c>≥ R(b)·m − W(b+1)·n</c> (R, W = reference and window counts below the
/// gap's start). The state just before each cut is a real pooled state whose value is known from the counts alone, so
/// the best such state is a lower bound of the maximum (an upper bound of the minimum). A gap is refined — its window
/// values gathered, sorted and merged with the reference slice, exactly as the full merge would — only when its bound
/// reaches that value (ties included, so the first-occurrence location of scipy is kept). The result is bit-identical
/// to <c>KolmogorovSmirnov.TwoSample</c>: same statistic, location, sign, method and p-value.
/// </para>
/// <para>
/// Cost: one pass to find each window value's gap (a table lookup and a few comparisons), one pass to gather the values
/// of the refined gaps, small sorts. Scratch buffers are pooled; nothing is allocated in steady state.
/// </para>
/// </remarks>
internal static class KsGapScan
{
    private const ushort Missing = ushort.MaxValue;

    /// <summary>Runs the test; <paramref name="sortedReference"/> must be the sample <paramref name="index"/> was built on.</summary>
    public static KolmogorovSmirnovResult Compute(ReadOnlySpan<double> sortedReference, KsGapIndex index, ReadOnlySpan<double> current, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method)
    {
        int n = sortedReference.Length;
        int gaps = index.GapCount;
        ushort[] gapOf = ArrayPool<ushort>.Shared.Rent(Math.Max(current.Length, 1));
        int[] below = ArrayPool<int>.Shared.Rent(gaps + 1);
        double[]? gathered = null;
        try
        {
            Span<int> winBelow = below.AsSpan(0, gaps + 1);
            winBelow.Clear();

            // Pass 1: each value's gap, counted (shifted by one so the prefix sum gives "below the gap's start").
            for (int k = 0; k < current.Length; k++)
            {
                double v = current[k];
                if (double.IsFinite(v))
                {
                    int b = index.GapOf(v);
                    gapOf[k] = (ushort)b;
                    winBelow[b + 1]++;
                }
                else
                {
                    gapOf[k] = Missing;
                }
            }

            for (int b = 1; b <= gaps; b++)
            {
                winBelow[b] += winBelow[b - 1];
            }

            int m = winBelow[gaps];
            if (m == 0)
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sample has 0 finite value(s) out of {current.Length} (NaN and infinities are excluded); at least 1 are required."),
                    nameof(current));
            }

            ReadOnlySpan<int> refBelow = index.ReferenceBelow;

            // Lower bound of the maximum / upper bound of the minimum: the states just before each cut, and the end state (0).
            long lbMax = 0;
            long ubMin = 0;
            for (int b = 1; b < gaps; b++)
            {
                if (refBelow[b] + winBelow[b] > 0)
                {
                    long d = ((long)refBelow[b] * m) - ((long)winBelow[b] * n);
                    lbMax = Math.Max(lbMax, d);
                    ubMin = Math.Min(ubMin, d);
                }
            }

            // Mark the gaps that can reach the bounds; the rest cannot hold an extreme (or a tie of one).
            int refinedValues = 0;
            int[] refineRented = ArrayPool<int>.Shared.Rent(gaps);
            try
            {
                Span<int> refine = refineRented.AsSpan(0, gaps);
                int refinedGaps = 0;
                for (int b = 0; b < gaps; b++)
                {
                    int wCount = winBelow[b + 1] - winBelow[b];
                    int rCount = refBelow[b + 1] - refBelow[b];
                    if (wCount + rCount == 0)
                    {
                        continue;
                    }

                    long hiBound = ((long)refBelow[b + 1] * m) - ((long)winBelow[b] * n);
                    long loBound = ((long)refBelow[b] * m) - ((long)winBelow[b + 1] * n);
                    if (hiBound >= lbMax || loBound <= ubMin)
                    {
                        refine[refinedGaps++] = b;
                        refinedValues += wCount;
                    }
                }

                // Pass 2: gather the window values of the refined gaps, gap by gap, in ascending gap order.
                gathered = ArrayPool<double>.Shared.Rent(Math.Max(refinedValues, 1));
                int[] posRented = ArrayPool<int>.Shared.Rent(gaps);
                try
                {
                    Span<int> pos = posRented.AsSpan(0, gaps);
                    pos.Fill(-1);
                    int offset = 0;
                    for (int r = 0; r < refinedGaps; r++)
                    {
                        int b = refine[r];
                        pos[b] = offset;
                        offset += winBelow[b + 1] - winBelow[b];
                    }

                    for (int k = 0; k < current.Length; k++)
                    {
                        ushort b = gapOf[k];
                        if (b != Missing && pos[b] >= 0)
                        {
                            gathered[pos[b]++] = current[k] + 0.0; // -0.0 as +0.0, as the sorting paths do
                        }
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(posRented);
                }

                // Merge each refined gap against its reference slice, in ascending order so first occurrences win.
                var e = EcdfScan.NewExtremes();
                int start = 0;
                for (int r = 0; r < refinedGaps; r++)
                {
                    int b = refine[r];
                    int count = winBelow[b + 1] - winBelow[b];
                    Span<double> slice = gathered.AsSpan(start, count);
                    slice.Sort();
                    ScanGap(sortedReference, refBelow[b], refBelow[b + 1], slice, winBelow[b], m, ref e);
                    start += count;
                }

                return Finish(e, n, m, alternative, method);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(refineRented);
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(gapOf);
            ArrayPool<int>.Shared.Return(below);
            if (gathered is not null)
            {
                ArrayPool<double>.Shared.Return(gathered);
            }
        }
    }

    /// <summary>
    /// Merges x[i0, i1) with the gap's sorted window values y (global offset j0), recording every pooled state as the full
    /// merge would; values on either side of the gap differ from those inside, so each state's right limit is local.
    /// </summary>
    private static void ScanGap(ReadOnlySpan<double> x, int i0, int i1, ReadOnlySpan<double> y, int j0, int m, ref EcdfScan.Extremes e)
    {
        long n1 = x.Length;
        long n2 = m;
        int i = i0;
        int j = 0;
        while (i < i1 || j < y.Length)
        {
            double a = i < i1 ? x[i] : double.PositiveInfinity;
            double b = j < y.Length ? y[j] : double.PositiveInfinity;
            double v;
            if (a <= b)
            {
                v = a;
                i++;
            }
            else
            {
                v = b;
                j++;
            }

            double na = i < i1 ? x[i] : double.PositiveInfinity;
            double nb = j < y.Length ? y[j] : double.PositiveInfinity;
            if (Math.Min(na, nb) != v)
            {
                int jg = j0 + j;
                bool inX = i > i0 && x[i - 1] == v;
                bool inY = j > 0 && y[j - 1] == v;
                EcdfScan.Record(ref e, (i * n2) - (jg * n1), i, jg, v, inX, inY, ((double)i / n1) - ((double)jg / n2));
            }
        }
    }

    /// <summary>The same choice of maximum, minimum, sign, location and p-value as the full merge (scipy's argmax/argmin).</summary>
    private static KolmogorovSmirnovResult Finish(EcdfScan.Extremes e, int n1, int n2, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method)
    {
        bool maxFromX = !EcdfScan.Above(e.MaxY, e.MaxYf, e.MaxX, e.MaxXf);
        int maxI = maxFromX ? e.MaxXi : e.MaxYi;
        int maxJ = maxFromX ? e.MaxXj : e.MaxYj;
        double maxS = ((double)maxI / n1) - ((double)maxJ / n2);
        double maxLocation = maxFromX ? e.MaxXAt : e.MaxYAt;

        bool minFromX = !EcdfScan.Below(e.MinY, e.MinYf, e.MinX, e.MinXf);
        int minI = minFromX ? e.MinXi : e.MinYi;
        int minJ = minFromX ? e.MinXj : e.MinYj;
        double minS = Math.Clamp(-(((double)minI / n1) - ((double)minJ / n2)), 0.0, 1.0);
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

        double p = KolmogorovSmirnov.PValue(n1, n2, ref d, alternative, method, out KolmogorovSmirnovMethod used);
        return new KolmogorovSmirnovResult(d, p, used, location, sign);
    }
}
