namespace RetrainTriggers.Statistics;

/// <content>Order-statistic selection for <see cref="Binning.QuantileEdges(ReadOnlySpan{double}, int)"/>: only the values next to each quantile level are put in place.</content>
internal static partial class Binning
{
    /// <summary>
    /// Writes the ascending, distinct order-statistic positions that <see cref="QuantileEdgesCore"/> reads for a sample
    /// of <paramref name="n"/> values and returns how many there are.
    /// </summary>
    private static int QuantilePositions(int n, int bins, Span<int> positions)
    {
        var step = 1.0 / bins;
        var lastIndex = (double)(n - 1);
        var used = 0;
        for (var i = 1; i < bins; i++)
        {
            var virtualIndex = lastIndex * (i * step);
            if (virtualIndex >= lastIndex)
            {
                Add(positions, ref used, n - 1);
            }
            else
            {
                var lower = (int)Math.Floor(virtualIndex);
                Add(positions, ref used, lower);
                Add(positions, ref used, lower + 1);
            }
        }

        return used;

        // Levels ascend, so positions arrive in non-decreasing order and duplicates are adjacent.
        static void Add(Span<int> positions, ref int used, int position)
        {
            if (used == 0 || positions[used - 1] < position)
            {
                positions[used++] = position;
            }
        }
    }

    /// <summary>
    /// Rearranges <paramref name="values"/>[lo..hi) so that every position in <paramref name="positions"/> (ascending,
    /// absolute, inside the range) holds the value a full sort would put there: a multi-target quickselect with a
    /// three-way split (below, equal to, above the pivot; robust to ties) that falls back to sorting small or badly
    /// split ranges.
    /// </summary>
    private static void Select(Span<double> values, int lo, int hi, ReadOnlySpan<int> positions, int depthLimit)
    {
        while (!positions.IsEmpty)
        {
            if (hi - lo <= 32 || depthLimit-- <= 0)
            {
                values[lo..hi].Sort();
                return;
            }

            var pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi - 1]);
            var less = PartitionBelow(values, lo, hi, pivot, inclusive: false);
            var greater = PartitionBelow(values, less, hi, pivot, inclusive: true);

            // [lo, less) < pivot, [less, greater) == pivot (final), [greater, hi) > pivot.
            var leftCount = 0;
            while (leftCount < positions.Length && positions[leftCount] < less)
            {
                leftCount++;
            }

            var rightStart = leftCount;
            while (rightStart < positions.Length && positions[rightStart] < greater)
            {
                rightStart++;
            }

            var left = positions[..leftCount];
            var right = positions[rightStart..];

            // Recurse into the smaller side and loop on the larger one to bound the stack depth.
            if (less - lo <= hi - greater)
            {
                Select(values, lo, less, left, depthLimit);
                lo = greater;
                positions = right;
            }
            else
            {
                Select(values, greater, hi, right, depthLimit);
                hi = less;
                positions = left;
            }
        }
    }

    /// <summary>
    /// Moves the values of [lo, hi) that are below <paramref name="pivot"/> (or equal to it when
    /// <paramref name="inclusive"/>) to the front and returns where the rest starts. Branch-free Lomuto: the
    /// comparison only decides whether the boundary advances, so random data costs no mispredictions.
    /// </summary>
    private static int PartitionBelow(Span<double> values, int lo, int hi, double pivot, bool inclusive)
    {
        var boundary = lo;
        for (var i = lo; i < hi; i++)
        {
            var x = values[i];
            var below = inclusive ? x <= pivot : x < pivot;
            values[i] = values[boundary];
            values[boundary] = x;
            boundary += below ? 1 : 0;
        }

        return boundary;
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
