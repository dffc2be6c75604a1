using System.Runtime.CompilerServices;

namespace RetrainTriggers.Statistics;

/// <summary>The merge pass behind <see cref="KolmogorovSmirnov"/>: the extremes of F − G over two sorted samples, found where numpy's argmax/argmin would find them.</summary>
internal static class EcdfScan
{
    /// <summary>Extremes of F − G over the pooled sample, tracked as scipy's argmax/argmin would find them.</summary>
    internal struct Extremes
    {
        // Numerators i*n2 - j*n1 (exact); separate trackers for values present in x and in y so the location matches
        // numpy's first-occurrence argmax over the concatenation [x, y].
        public long MaxX;
        public long MaxY;
        public long MinX;
        public long MinY;
        public int MaxXi;
        public int MaxXj;
        public int MaxYi;
        public int MaxYj;
        public int MinXi;
        public int MinXj;
        public int MinYi;
        public int MinYj;
        public double MaxXAt;
        public double MaxYAt;
        public double MinXAt;
        public double MinYAt;

        // scipy's float value i/n1 - j/n2 at each tracked state: among states with the same exact difference the
        // rounded values can differ in the last bit, and numpy's argmax/argmin see only the rounded ones.
        public double MaxXf;
        public double MaxYf;
        public double MinXf;
        public double MinYf;
    }

    /// <summary>
    /// One merge pass over two sorted samples: the extremes of i·n2 − j·n1 (i, j = counts ≤ v) over every pooled value v.
    /// </summary>
    /// <remarks>
    /// A branch-free merge is bound by the latency of its loop-carried compare, so large inputs are split at a pivot
    /// value into two independent merges (values below / at or above the pivot) that run interleaved in one loop; the
    /// CPU overlaps the two dependency chains. Each chain keeps its own extremes; ties between chains go to the lower
    /// chain, which holds the smaller values, exactly as numpy's first-occurrence argmax would pick.
    /// </remarks>
    internal static Extremes ScanExtremes(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n1 = x.Length;
        int n2 = y.Length;
        if (n1 + n2 >= InterleaveThreshold)
        {
            double pivot = x[n1 / 2];
            int ix = LowerBound(x, pivot);
            int jy = LowerBound(y, pivot);
            if (ix > 0 && jy > 0 && ix < n1 - 1 && jy < n2 - 1)
            {
                return ScanInterleaved(x, y, ix, jy);
            }
        }

        Extremes e = NewExtremes();
        int i = 0;
        int j = 0;
        long diff = 0;
        FastChain(x, y, ref i, ref j, ref diff, n1 - 1, n2 - 1, ref e);
        CarefulChain(x, y, ref i, ref j, n1, n2, ref e);
        return e;
    }

    private const int InterleaveThreshold = 4096;

    /// <summary>Extremes before any step: every maximum below, every minimum above, any recorded value.</summary>
    internal static Extremes NewExtremes() => new()
    {
        MaxX = long.MinValue,
        MaxY = long.MinValue,
        MinX = long.MaxValue,
        MinY = long.MaxValue,
    };

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
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

    private static Extremes ScanInterleaved(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int ix, int jy)
    {
        long n1 = x.Length;
        long n2 = y.Length;
        long upStep = n1 + n2;
        Extremes ea = NewExtremes();
        Extremes eb = NewExtremes();
        long lowMaxA = long.MinValue;
        long highMinA = long.MaxValue;
        long lowMaxB = long.MinValue;
        long highMinB = long.MaxValue;
        ref double xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref double yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);

        // Chain A: x[0, ix) and y[0, jy), all below the pivot. Chain B: the rest, starting from its offsets.
        int ia = 0;
        int ja = 0;
        long da = 0;
        int ib = ix;
        int jb = jy;
        long db = (ib * n2) - (jb * n1);
        int xLast = x.Length - 1;
        int yLast = y.Length - 1;

        // After a chain-A step ia <= ix < n1 and ja <= jy < n2, so the look-ahead reads stay in range.
        while (ia < ix && ja < jy && ib < xLast && jb < yLast)
        {
            double a1 = Unsafe.Add(ref xr, ia);
            double b1 = Unsafe.Add(ref yr, ja);
            double a2 = Unsafe.Add(ref xr, ib);
            double b2 = Unsafe.Add(ref yr, jb);
            int t1 = a1 <= b1 ? 1 : 0;
            int t2 = a2 <= b2 ? 1 : 0;
            long m1 = -(long)t1;
            long m2 = -(long)t2;
            double v1 = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a1) & m1) | (BitConverter.DoubleToInt64Bits(b1) & ~m1));
            double v2 = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a2) & m2) | (BitConverter.DoubleToInt64Bits(b2) & ~m2));
            ia += t1;
            ja += 1 - t1;
            ib += t2;
            jb += 1 - t2;
            da += (upStep * t1) - n1;
            db += (upStep * t2) - n1;
            if ((da >= lowMaxA || da <= highMinA) && Unsafe.Add(ref xr, ia) != v1 && Unsafe.Add(ref yr, ja) != v1)
            {
                Record(ref ea, da, ia, ja, v1, x, y);
                lowMaxA = Math.Min(ea.MaxX, ea.MaxY);
                highMinA = Math.Max(ea.MinX, ea.MinY);
            }

            if ((db >= lowMaxB || db <= highMinB) && Unsafe.Add(ref xr, ib) != v2 && Unsafe.Add(ref yr, jb) != v2)
            {
                Record(ref eb, db, ib, jb, v2, x, y);
                lowMaxB = Math.Min(eb.MaxX, eb.MaxY);
                highMinB = Math.Max(eb.MinX, eb.MinY);
            }
        }

        FastChain(x, y, ref ia, ref ja, ref da, ix, jy, ref ea);
        CarefulChain(x, y, ref ia, ref ja, ix, jy, ref ea);
        FastChain(x, y, ref ib, ref jb, ref db, xLast, yLast, ref eb);
        CarefulChain(x, y, ref ib, ref jb, x.Length, y.Length, ref eb);

        // Combine: on equal extremes the lower chain (smaller values, earlier in numpy's order) wins.
        if (Above(eb.MaxX, eb.MaxXf, ea.MaxX, ea.MaxXf))
        {
            (ea.MaxX, ea.MaxXf, ea.MaxXi, ea.MaxXj, ea.MaxXAt) = (eb.MaxX, eb.MaxXf, eb.MaxXi, eb.MaxXj, eb.MaxXAt);
        }

        if (Above(eb.MaxY, eb.MaxYf, ea.MaxY, ea.MaxYf))
        {
            (ea.MaxY, ea.MaxYf, ea.MaxYi, ea.MaxYj, ea.MaxYAt) = (eb.MaxY, eb.MaxYf, eb.MaxYi, eb.MaxYj, eb.MaxYAt);
        }

        if (Below(eb.MinX, eb.MinXf, ea.MinX, ea.MinXf))
        {
            (ea.MinX, ea.MinXf, ea.MinXi, ea.MinXj, ea.MinXAt) = (eb.MinX, eb.MinXf, eb.MinXi, eb.MinXj, eb.MinXAt);
        }

        if (Below(eb.MinY, eb.MinYf, ea.MinY, ea.MinYf))
        {
            (ea.MinY, ea.MinYf, ea.MinYi, ea.MinYj, ea.MinYAt) = (eb.MinY, eb.MinYf, eb.MinYi, eb.MinYj, eb.MinYAt);
        }

        return ea;
    }

    /// <summary>
    /// Branch-free merge steps while i &lt; iStop and j &lt; jStop, where the stops guarantee x[i], y[j] exist after
    /// each step (the look-ahead that decides whether a pooled value's run of ties has ended).
    /// </summary>
    private static void FastChain(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref int iRef, ref int jRef, ref long diffRef, int iStop, int jStop, ref Extremes e)
    {
        long n1 = x.Length;
        long n2 = y.Length;
        long upStep = n1 + n2;
        long lowMax = Math.Min(e.MaxX, e.MaxY);
        long highMin = Math.Max(e.MinX, e.MinY);
        int i = iRef;
        int j = jRef;
        long diff = diffRef;
        ref double xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref double yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        while (i < iStop && j < jStop)
        {
            double a = Unsafe.Add(ref xr, i);
            double b = Unsafe.Add(ref yr, j);

            // The comparison of random data is unpredictable, so select with masks, not jumps.
            int takeX = a <= b ? 1 : 0;
            long mask = -(long)takeX;
            double v = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & mask) | (BitConverter.DoubleToInt64Bits(b) & ~mask));
            i += takeX;
            j += 1 - takeX;
            diff += (upStep * takeX) - n1; // +n2 for an x, -n1 for a y

            // Only a new record can change a tracker; a pooled value's right limit is reached only when neither
            // sample continues with the same value.
            if ((diff >= lowMax || diff <= highMin) && Unsafe.Add(ref xr, i) != v && Unsafe.Add(ref yr, j) != v)
            {
                Record(ref e, diff, i, j, v, x, y);
                lowMax = Math.Min(e.MaxX, e.MaxY);
                highMin = Math.Max(e.MinX, e.MinY);
            }
        }

        iRef = i;
        jRef = j;
        diffRef = diff;
    }

    /// <summary>Bounds-checked merge of the rest of x[.., iEnd) and y[.., jEnd), looking ahead into the full samples.</summary>
    private static void CarefulChain(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref int i, ref int j, int iEnd, int jEnd, ref Extremes e)
    {
        long n1 = x.Length;
        long n2 = y.Length;
        while (i < iEnd || j < jEnd)
        {
            double a = i < iEnd ? x[i] : double.PositiveInfinity;
            double b = j < jEnd ? y[j] : double.PositiveInfinity;
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

            double na = i < x.Length ? x[i] : double.PositiveInfinity;
            double nb = j < y.Length ? y[j] : double.PositiveInfinity;
            if (Math.Min(na, nb) != v)
            {
                Record(ref e, (i * n2) - (j * n1), i, j, v, x, y);
            }
        }
    }

    /// <summary>(exact, rounded) strictly greater, so that on a full tie the earlier state is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Above(long exact, double rounded, long currentExact, double currentRounded) =>
        exact > currentExact || (exact == currentExact && rounded > currentRounded);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Below(long exact, double rounded, long currentExact, double currentRounded) =>
        exact < currentExact || (exact == currentExact && rounded < currentRounded);

    private static void Record(ref Extremes e, long diff, int i, int j, double v, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        bool inX = i > 0 && x[i - 1] == v;
        bool inY = j > 0 && y[j - 1] == v;
        Record(ref e, diff, i, j, v, inX, inY, ((double)i / x.Length) - ((double)j / y.Length));
    }

    /// <summary>Records the step at <paramref name="v"/> (ECDF difference <paramref name="diff"/> exactly, <paramref name="rounded"/> in floating point) into the extremes of the sample(s) it belongs to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Record(ref Extremes e, long diff, int i, int j, double v, bool inX, bool inY, double rounded)
    {
        if (inX)
        {
            if (Above(diff, rounded, e.MaxX, e.MaxXf))
            {
                (e.MaxX, e.MaxXf, e.MaxXi, e.MaxXj, e.MaxXAt) = (diff, rounded, i, j, v);
            }

            if (Below(diff, rounded, e.MinX, e.MinXf))
            {
                (e.MinX, e.MinXf, e.MinXi, e.MinXj, e.MinXAt) = (diff, rounded, i, j, v);
            }
        }

        if (inY)
        {
            if (Above(diff, rounded, e.MaxY, e.MaxYf))
            {
                (e.MaxY, e.MaxYf, e.MaxYi, e.MaxYj, e.MaxYAt) = (diff, rounded, i, j, v);
            }

            if (Below(diff, rounded, e.MinY, e.MinYf))
            {
                (e.MinY, e.MinYf, e.MinYi, e.MinYj, e.MinYAt) = (diff, rounded, i, j, v);
            }
        }
    }
}
