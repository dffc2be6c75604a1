using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetrainTriggers.Statistics;

/// <content>The counting kernel: values into the bins of finite, strictly increasing inner edges (SIMD up to 256 edges, branch-free binary search beyond).</content>
internal static partial class Binning
{
    // Values are counted in L1-sized chunks so that each group of thresholds re-reads cached data.
    private const int ChunkLength = 2048;

    // Above this many edges a per-value (branch-free) binary search beats one vector compare per edge.
    private const int MaxVectorEdges = 256;

    // Thresholds compared per pass: 6 accumulators + 6 broadcast thresholds + the loaded vector fit 16 registers.
    private const int MaxGroupWidth = 6;

    /// <summary>Counts values into the bins defined by inner edges.</summary>
    /// <param name="values">The values to count.</param>
    /// <param name="innerEdges">Finite, strictly increasing inner edges (as returned by the edge methods of this class).</param>
    /// <param name="counts">Receives the bin counts; must have <c>innerEdges.Length + 1</c> elements. It is overwritten, not accumulated.</param>
    /// <returns>The number of non-finite values (NaN, +inf, -inf) that were excluded from the counts.</returns>
    /// <remarks>
    /// <para>
    /// Bin <c>j</c> counts the finite values <c>x</c> with exactly <c>j</c> edges <c>&lt;= x</c>:
    /// <c>(-inf, e1), [e1, e2), ..., [ek, +inf)</c>, as <c>numpy.bincount(numpy.searchsorted(edges, x, side="right"))</c>.
    /// The counts sum to <c>values.Length</c> minus the returned exclusions.
    /// </para>
    /// <para>
    /// This is the hot path of checking a window against a frozen reference profile. Up to 256 edges it counts, per
    /// edge, the values <c>&gt;= edge</c> with SIMD compares over cache-sized chunks and derives the bins as
    /// differences; in a chunk whose vector sum is not finite (so it holds a NaN or an infinity) two extra vector
    /// bounds count the non-finite values so that they can be taken out, so missing data stays on the vector path. More edges
    /// use a branch-free binary search per value. Nothing is allocated.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="innerEdges"/> is not finite and strictly increasing, or <paramref name="counts"/> has the wrong length.
    /// </exception>
    internal static long Count(ReadOnlySpan<double> values, ReadOnlySpan<double> innerEdges, Span<long> counts)
    {
        ValidateInnerEdges(innerEdges, nameof(innerEdges));
        if (counts.Length != innerEdges.Length + 1)
        {
            throw new ArgumentException(
                $"counts must have innerEdges.Length + 1 = {innerEdges.Length + 1} elements but has {counts.Length}.",
                nameof(counts));
        }

        counts.Clear();
        var edgeCount = innerEdges.Length;
        var width = Vector<double>.Count;
        if (edgeCount == 0 || edgeCount > MaxVectorEdges || !Vector.IsHardwareAccelerated || values.Length < 4 * width)
        {
            return CountScalar(values, innerEdges, counts);
        }

        // atOrAbove[j] = number of vector-path values >= innerEdges[j]; bins are differences of these.
        Span<long> atOrAbove = stackalloc long[edgeCount];
        Span<long> scratch = stackalloc long[MaxGroupWidth];
        atOrAbove.Clear();
        long vectorCounted = 0;
        long positiveInfinities = 0;
        long excluded = 0;
        for (var start = 0; start < values.Length; start += ChunkLength)
        {
            var chunk = values.Slice(start, Math.Min(ChunkLength, values.Length - start));
            var vectorLength = chunk.Length - (chunk.Length % width);
            var body = chunk[..vectorLength];
            if (CountChunk(body, innerEdges, atOrAbove, scratch))
            {
                vectorCounted += vectorLength;
            }
            else
            {
                // The chunk holds NaN or infinities, which the compares have counted consistently: NaN and -inf below
                // every edge, +inf at or above every edge. Counting them with the two bounds -double.MaxValue (every
                // value but NaN and -inf is at or above it) and +inf corrects the counts without any scalar code.
                var bounds = scratch[..2];
                bounds.Clear();
                CountGroup<Width2, WithoutSum>(body, [-double.MaxValue, double.PositiveInfinity], bounds);
                vectorCounted += bounds[0];
                positiveInfinities += bounds[1];
                excluded += vectorLength - bounds[0] + bounds[1];
            }

            excluded += CountScalar(chunk[vectorLength..], innerEdges, counts);
        }

        // +inf values sit in the last bin of the vector counts; they are excluded, not counted.
        for (var j = 0; j < edgeCount; j++)
        {
            atOrAbove[j] -= positiveInfinities;
        }

        counts[0] += vectorCounted - positiveInfinities - atOrAbove[0];
        for (var j = 1; j < edgeCount; j++)
        {
            counts[j] += atOrAbove[j - 1] - atOrAbove[j];
        }

        counts[edgeCount] += atOrAbove[edgeCount - 1];
        return excluded;
    }

    /// <summary>Converts bin counts into proportions of their total.</summary>
    /// <param name="counts">Non-negative bin counts with a positive total.</param>
    /// <param name="proportions">Receives <c>counts[i] / sum(counts)</c>; must have the same length as <paramref name="counts"/>.</param>
    /// <remarks>Each proportion is <c>(double)count / (double)total</c>, as numpy's true division of integer arrays computes it.</remarks>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a count is negative, or the total is zero (an empty or all-missing sample).
    /// </exception>
    internal static void Proportions(ReadOnlySpan<long> counts, Span<double> proportions)
    {
        if (counts.Length != proportions.Length)
        {
            throw new ArgumentException(
                $"proportions has {proportions.Length} elements but counts has {counts.Length}.", nameof(proportions));
        }

        long total = 0;
        foreach (var c in counts)
        {
            if (c < 0)
            {
                throw new ArgumentException("Counts must not be negative.", nameof(counts));
            }

            total = checked(total + c);
        }

        if (total == 0)
        {
            throw new ArgumentException("The counts sum to zero: the sample is empty or has no finite value.", nameof(counts));
        }

        for (var i = 0; i < counts.Length; i++)
        {
            proportions[i] = (double)counts[i] / total;
        }
    }

    private static long CountScalar(ReadOnlySpan<double> values, ReadOnlySpan<double> innerEdges, Span<long> counts)
    {
        long excluded = 0;
        if (innerEdges.IsEmpty)
        {
            foreach (var x in values)
            {
                excluded += double.IsFinite(x) ? 0 : 1;
            }

            counts[0] += values.Length - excluded;
            return excluded;
        }

        foreach (var x in values)
        {
            if (double.IsFinite(x))
            {
                counts[UpperBound(innerEdges, x)]++;
            }
            else
            {
                excluded++;
            }
        }

        return excluded;
    }

    /// <summary>The number of edges less than or equal to <paramref name="x"/> (numpy's searchsorted, side="right").</summary>
    /// <remarks>
    /// Branch-free: the loop runs a fixed log2(k) steps and the comparison only selects the next base (a conditional
    /// move), so random data costs no mispredictions. Requires at least one edge.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UpperBound(ReadOnlySpan<double> edges, double x)
    {
        var start = 0;
        var length = edges.Length;
        while (length > 1)
        {
            var half = length >> 1;

            // 0/1 from the comparison (setcc) turned into a mask: the JIT does not if-convert inside loops.
            var atOrBelow = edges[start + half] <= x ? 1 : 0;
            start += half & -atOrBelow;
            length -= half;
        }

        return start + (edges[start] <= x ? 1 : 0);
    }

    /// <summary>
    /// Adds to <paramref name="atOrAbove"/> the number of values of <paramref name="body"/> at or above each edge and
    /// returns whether every value of the chunk is finite.
    /// </summary>
    private static bool CountChunk(ReadOnlySpan<double> body, ReadOnlySpan<double> edges, Span<long> atOrAbove, Span<long> scratch)
    {
        if (body.IsEmpty)
        {
            return true;
        }

        // The first pass also sums the chunk: a finite sum proves every value is finite, because NaN and infinities
        // propagate through addition (a finite chunk whose sum overflows merely takes the non-finite correction,
        // which is exact as well).
        var width = edges.Length / GroupCount(edges.Length);
        var firstCounts = scratch[..width];
        firstCounts.Clear();
        var sum = width switch
        {
            1 => CountGroup<Width1, WithSum>(body, edges[..1], firstCounts),
            2 => CountGroup<Width2, WithSum>(body, edges[..2], firstCounts),
            3 => CountGroup<Width3, WithSum>(body, edges[..3], firstCounts),
            4 => CountGroup<Width4, WithSum>(body, edges[..4], firstCounts),
            5 => CountGroup<Width5, WithSum>(body, edges[..5], firstCounts),
            _ => CountGroup<Width6, WithSum>(body, edges[..6], firstCounts),
        };
        for (var j = 0; j < width; j++)
        {
            atOrAbove[j] += firstCounts[j];
        }

        CountGroups(body, edges, atOrAbove, offset: width, firstGroup: 1);
        return double.IsFinite(sum);
    }

    /// <summary>The number of passes: edges split into near-equal groups of at most <see cref="MaxGroupWidth"/>, each kept in registers.</summary>
    private static int GroupCount(int edgeCount) => (edgeCount + MaxGroupWidth - 1) / MaxGroupWidth;

    /// <summary>Runs the passes from group <paramref name="firstGroup"/> (starting at edge <paramref name="offset"/>) on.</summary>
    private static void CountGroups(ReadOnlySpan<double> body, ReadOnlySpan<double> edges, Span<long> atOrAbove, int offset, int firstGroup)
    {
        var groups = GroupCount(edges.Length);
        for (var g = firstGroup; g < groups; g++)
        {
            var width = (edges.Length - offset) / (groups - g);
            var groupEdges = edges.Slice(offset, width);
            var groupCounts = atOrAbove.Slice(offset, width);
            _ = width switch
            {
                1 => CountGroup<Width1, WithoutSum>(body, groupEdges, groupCounts),
                2 => CountGroup<Width2, WithoutSum>(body, groupEdges, groupCounts),
                3 => CountGroup<Width3, WithoutSum>(body, groupEdges, groupCounts),
                4 => CountGroup<Width4, WithoutSum>(body, groupEdges, groupCounts),
                5 => CountGroup<Width5, WithoutSum>(body, groupEdges, groupCounts),
                _ => CountGroup<Width6, WithoutSum>(body, groupEdges, groupCounts),
            };
            offset += width;
        }
    }

    /// <summary>
    /// Adds to <paramref name="atOrAbove"/>[j] the number of values &gt;= <paramref name="edges"/>[j] and returns the sum
    /// of the values (0 when <typeparamref name="TSum"/> says not to sum). Width and summing are type arguments so the
    /// JIT specialises one loop per combination with the unused accumulators removed.
    /// </summary>
    private static double CountGroup<TWidth, TSum>(ReadOnlySpan<double> body, ReadOnlySpan<double> edges, Span<long> atOrAbove)
        where TWidth : struct, IGroupWidth
        where TSum : struct, ISumFlag
    {
        var w = TWidth.Width;
        var t0 = new Vector<double>(edges[0]);
        var t1 = w > 1 ? new Vector<double>(edges[1]) : default;
        var t2 = w > 2 ? new Vector<double>(edges[2]) : default;
        var t3 = w > 3 ? new Vector<double>(edges[3]) : default;
        var t4 = w > 4 ? new Vector<double>(edges[4]) : default;
        var t5 = w > 5 ? new Vector<double>(edges[5]) : default;

        // Compare masks are all-ones (-1) per true lane, so subtracting a mask counts it.
        Vector<long> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        var sum = Vector<double>.Zero;
        ref var origin = ref MemoryMarshal.GetReference(body);
        var length = (nuint)body.Length;
        var stride = (nuint)Vector<double>.Count;
        for (nuint i = 0; i < length; i += stride)
        {
            var x = Vector.LoadUnsafe(ref origin, i);
            if (TSum.Enabled)
            {
                sum += x;
            }

            a0 -= Vector.GreaterThanOrEqual(x, t0);
            if (w > 1)
            {
                a1 -= Vector.GreaterThanOrEqual(x, t1);
            }

            if (w > 2)
            {
                a2 -= Vector.GreaterThanOrEqual(x, t2);
            }

            if (w > 3)
            {
                a3 -= Vector.GreaterThanOrEqual(x, t3);
            }

            if (w > 4)
            {
                a4 -= Vector.GreaterThanOrEqual(x, t4);
            }

            if (w > 5)
            {
                a5 -= Vector.GreaterThanOrEqual(x, t5);
            }
        }

        atOrAbove[0] += Vector.Sum(a0);
        if (w > 1)
        {
            atOrAbove[1] += Vector.Sum(a1);
        }

        if (w > 2)
        {
            atOrAbove[2] += Vector.Sum(a2);
        }

        if (w > 3)
        {
            atOrAbove[3] += Vector.Sum(a3);
        }

        if (w > 4)
        {
            atOrAbove[4] += Vector.Sum(a4);
        }

        if (w > 5)
        {
            atOrAbove[5] += Vector.Sum(a5);
        }

        return TSum.Enabled ? Vector.Sum(sum) : 0.0;
    }

    private interface IGroupWidth
    {
        static abstract int Width { get; }
    }

    private interface ISumFlag
    {
        static abstract bool Enabled { get; }
    }

    private readonly struct WithSum : ISumFlag
    {
        public static bool Enabled => true;
    }

    private readonly struct WithoutSum : ISumFlag
    {
        public static bool Enabled => false;
    }

    private readonly struct Width1 : IGroupWidth
    {
        public static int Width => 1;
    }

    private readonly struct Width2 : IGroupWidth
    {
        public static int Width => 2;
    }

    private readonly struct Width3 : IGroupWidth
    {
        public static int Width => 3;
    }

    private readonly struct Width4 : IGroupWidth
    {
        public static int Width => 4;
    }

    private readonly struct Width5 : IGroupWidth
    {
        public static int Width => 5;
    }

    private readonly struct Width6 : IGroupWidth
    {
        public static int Width => 6;
    }
}
