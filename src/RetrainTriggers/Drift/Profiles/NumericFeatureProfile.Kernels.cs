namespace RetrainTriggers.Drift;

/// <content>The numeric kernels of <see cref="NumericFeatureProfile"/>: counting a sorted sample into bins, the moments and their checks, merging sorted samples.</content>
public sealed partial class NumericFeatureProfile
{
    /// <summary>Counts a sorted sample into left-closed bins <c>[e(i-1), e(i))</c> by binary search: O(bins · log n).</summary>
    internal static long[] CountSorted(ReadOnlySpan<double> sortedSample, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length + 1];
        var previous = 0;
        for (var i = 0; i < edges.Length; i++)
        {
            var below = LowerBound(sortedSample, edges[i]);
            counts[i] = below - previous;
            previous = below;
        }

        counts[^1] = sortedSample.Length - previous;
        return counts;
    }

    private static int LowerBound(ReadOnlySpan<double> sortedSample, double value)
    {
        int lo = 0, hi = sortedSample.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sortedSample[mid] < value)
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

    /// <summary>
    /// Corrected two-pass mean and M2 (Chan, Golub &amp; LeVeque), accurate for data far from zero, on values scaled by
    /// the power of two of the largest magnitude: scaling by a power of two is exact, so ordinary data give the same bits
    /// as unscaled arithmetic, and values near ±1.7e308 cannot overflow the sums. M2 is infinite only when the variance
    /// itself is beyond the double range.
    /// </summary>
    internal static (double Mean, double M2) Moments(ReadOnlySpan<double> sortedValues)
    {
        var largest = Math.Max(Math.Abs(sortedValues[0]), Math.Abs(sortedValues[^1]));
        var exponent = largest > 1e150 ? Math.ILogB(largest) : 0;
        var n = sortedValues.Length;
        double sum = 0;
        foreach (var v in sortedValues)
        {
            sum += Math.ScaleB(v, -exponent);
        }

        var mean = sum / n;
        double m2 = 0, comp = 0;
        foreach (var v in sortedValues)
        {
            var d = Math.ScaleB(v, -exponent) - mean;
            m2 += d * d;
            comp += d;
        }

        mean += comp / n;
        m2 -= comp * comp / n;
        return (Math.ScaleB(mean, exponent), Math.ScaleB(Math.Max(m2, 0), 2 * exponent));
    }

    /// <summary>Checks stored moments against the stored sample (a merged profile's moments differ from a rebuild only by rounding).</summary>
    private static void CheckMoments(double[] sortedSample, double mean, double m2, string path)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(m2) || m2 < 0)
        {
            throw new InvalidDataException($"{path}: mean and m2 must be finite and m2 non-negative.");
        }

        var (expectedMean, expectedM2) = Moments(sortedSample);
        var magnitude = Math.Max(Math.Abs(sortedSample[0]), Math.Abs(sortedSample[^1]));
        if (Math.Abs(mean - expectedMean) > 1e-9 * Math.Max(magnitude, double.Epsilon))
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"{path}.mean: {mean:R} does not match the mean {expectedMean:R} of the sorted sample."));
        }

        var spread = sortedSample[^1] - sortedSample[0];
        var floor = sortedSample.Length * Math.Pow(1e-9 * spread, 2);
        if (Math.Abs(m2 - expectedM2) > (1e-8 * expectedM2) + floor)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"{path}.m2: {m2:R} does not match the M2 {expectedM2:R} of the sorted sample."));
        }
    }

    private static double[] MergeSorted(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            result[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(result.AsSpan(k));
        b.AsSpan(j).CopyTo(result.AsSpan(k + a.Length - i));
        return result;
    }
}
