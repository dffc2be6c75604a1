namespace RetrainTriggers.Statistics;

/// <summary>
/// Cut points taken from a sorted reference that split the real line into gaps of about equal reference mass, with a
/// lookup table that finds a value's gap in a few comparisons; built once per reference and reused by every KS check.
/// </summary>
/// <remarks>
/// Gap <c>b</c> is <c>[cuts[b-1], cuts[b])</c>, with <c>cuts[-1] = −∞</c> and <c>cuts[C] = +∞</c>, so there are
/// <c>C + 1</c> gaps. The table maps <c>(v − lo)·scale</c> (monotone in <c>v</c>) to the first cut whose cell is not
/// below <c>v</c>'s, so the gap is found by scanning the few cuts in that cell (binary search when a cell is crowded).
/// </remarks>
internal sealed class KsGapIndex
{
    /// <summary>The default number of gaps aimed at (fewer when the reference has fewer distinct values).</summary>
    public const int DefaultGapCount = 4096;

    private readonly double[] cuts;
    private readonly int cutCount;
    private readonly int[] referenceBelow;
    private readonly int[] cellStart;
    private readonly double lo;
    private readonly double scale;

    private KsGapIndex(double[] cuts, int[] referenceBelow, int[] cellStart, double lo, double scale, int referenceCount)
    {
        this.cuts = cuts;
        cutCount = cuts.Length == 0 ? 0 : cuts.Length - 1;
        this.referenceBelow = referenceBelow;
        this.cellStart = cellStart;
        this.lo = lo;
        this.scale = scale;
        ReferenceCount = referenceCount;
    }

    /// <summary>Gets the number of gaps (cuts + 1; the cut array ends with a +∞ sentinel).</summary>
    public int GapCount => cutCount + 1;

    /// <summary>Gets the size of the reference the index was built on.</summary>
    public int ReferenceCount { get; }

    /// <summary>Gets the number of reference values below the start of each gap (length <see cref="GapCount"/> + 1, last = n).</summary>
    public ReadOnlySpan<int> ReferenceBelow => referenceBelow;

    /// <summary>Builds the index of a sorted, finite, non-empty reference.</summary>
    /// <param name="sortedReference">The reference, ascending.</param>
    /// <param name="gapCount">The number of gaps aimed at; at least 1, at most 65 534.</param>
    public static KsGapIndex Build(ReadOnlySpan<double> sortedReference, int gapCount = DefaultGapCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gapCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gapCount, ushort.MaxValue - 1);
        int n = sortedReference.Length;
        var cutList = new List<double>(Math.Min(gapCount, n));
        for (long k = 1; k < gapCount; k++)
        {
            double c = sortedReference[(int)(k * n / gapCount)];
            if (c > sortedReference[0] && (cutList.Count == 0 || c > cutList[^1]))
            {
                cutList.Add(c);
            }
        }

        double[] cuts = [.. cutList];
        var below = new int[cuts.Length + 2];
        for (int b = 0; b < cuts.Length; b++)
        {
            below[b + 1] = LowerBound(sortedReference, cuts[b]);
        }

        below[^1] = n;
        return WithTable(cuts, below, n);
    }

    /// <summary>Builds an index whose cuts are the given distinct ascending values (a sketch's retained values).</summary>
    /// <param name="distinctAscending">The cut values, finite, strictly ascending.</param>
    public static KsGapIndex ForCuts(double[] distinctAscending) => WithTable(distinctAscending, [], 0);

    private static KsGapIndex WithTable(double[] cuts, int[] below, int n)
    {
        if (cuts.Length == 0)
        {
            return new KsGapIndex([double.PositiveInfinity], below, [0, 0], 0, 0, n);
        }

        double lo = cuts[0];
        double hi = cuts[^1];
        int cells = Math.Max(1, cuts.Length * 4);
        double scale = hi > lo ? cells / (hi - lo) : 0;
        if (!double.IsFinite(scale))
        {
            scale = 0; // a range too narrow to divide: one cell, binary search inside
        }

        var start = new int[cells + 1];
        for (int k = 0; k < cuts.Length; k++)
        {
            start[Cell(cuts[k], lo, scale, cells) + 1]++;
        }

        for (int c = 1; c <= cells; c++)
        {
            start[c] += start[c - 1];
        }

        // A +∞ sentinel after the last cut: every scan stops at a cut above the value without a bounds test.
        double[] padded = new double[cuts.Length + 1];
        cuts.CopyTo(padded, 0);
        padded[^1] = double.PositiveInfinity;
        return new KsGapIndex(padded, below, start, lo, scale, n);
    }

    /// <summary>Gets the gap of a finite value: the number of cuts at or below it.</summary>
    /// <remarks>
    /// Cuts in later cells are above <paramref name="v"/> (the cell map is monotone), so scanning from the cell's first
    /// cut stops by itself at the cell's end; two branch-free steps cover the usual zero to two cuts per cell.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int GapOf(double v)
    {
        int cells = cellStart.Length - 1;
        int c = Cell(v, lo, scale, cells);
        int b = cellStart[c];
        double[] cut = cuts;
        b += cut[b] <= v ? 1 : 0;
        b += cut[b] <= v ? 1 : 0;
        return cut[b] <= v ? Crowded(b, cellStart[c + 1], v) : b;
    }

    /// <summary>The rest of a crowded cell: linear for a few cuts, binary search beyond.</summary>
    private int Crowded(int b, int end, double v)
    {
        if (end - b > 8)
        {
            // crowded cell: binary search for the first cut above v
            int h = end;
            while (b < h)
            {
                int mid = (int)((uint)(b + h) >> 1);
                if (cuts[mid] <= v)
                {
                    b = mid + 1;
                }
                else
                {
                    h = mid;
                }
            }

            return b;
        }

        while (b < end && cuts[b] <= v)
        {
            b++;
        }

        return b;
    }

    private static int Cell(double v, double lo, double scale, int cells)
    {
        double x = (v - lo) * scale;
        return x <= 0 ? 0 : x >= cells - 1 ? cells - 1 : (int)x;
    }

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
}
