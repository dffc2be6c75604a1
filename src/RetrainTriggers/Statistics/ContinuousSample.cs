using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Shared preparation of numeric samples for the two-sample statistics: finite filtering, sorting, guards.</summary>
internal static class ContinuousSample
{
    /// <summary>
    /// Copies the finite values of <paramref name="values"/> into a pooled buffer (normalising -0.0 to +0.0 so the
    /// bit-pattern sort agrees with numeric equality) and sorts them.
    /// </summary>
    /// <returns>The rented buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</returns>
    /// <exception cref="ArgumentException">No finite value in <paramref name="values"/>.</exception>
    public static double[] RentSortedFinite(ReadOnlySpan<double> values, string paramName, int minimumCount, out int count)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        int k = RadixSort.CopyFiniteSorted(values, buffer);
        if (k < minimumCount)
        {
            ArrayPool<double>.Shared.Return(buffer);
            throw TooFewFinite(paramName, minimumCount, values.Length, k);
        }

        count = k;
        return buffer;
    }

    /// <summary>Checks a caller-sorted sample: long enough, ascending, every value finite.</summary>
    /// <exception cref="ArgumentException">The sample is too short, unsorted or holds a non-finite value.</exception>
    public static void ValidateSorted(ReadOnlySpan<double> sorted, string paramName, int minimumCount)
    {
        if (sorted.Length < minimumCount)
        {
            throw TooFewFinite(paramName, minimumCount, sorted.Length, sorted.Length);
        }

        if (!double.IsFinite(sorted[0]) || !double.IsFinite(sorted[^1]))
        {
            throw new ArgumentException("The sorted sample must contain only finite values (NaN and infinities are excluded by the unsorted overloads).", paramName);
        }

        // A NaN anywhere fails the comparison too, so ascending + finite ends means all finite.
        for (int i = 1; i < sorted.Length; i++)
        {
            if (!(sorted[i - 1] <= sorted[i]))
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sample must be sorted ascending and finite; element {i} breaks the order."),
                    paramName);
            }
        }
    }

    /// <summary>Checks that a sample (already sorted and finite) has at least <paramref name="minimumCount"/> values.</summary>
    /// <exception cref="ArgumentException">The sample is too short.</exception>
    public static void ThrowIfTooShort(ReadOnlySpan<double> sorted, string paramName, int minimumCount)
    {
        if (sorted.Length < minimumCount)
        {
            throw TooFewFinite(paramName, minimumCount, sorted.Length, sorted.Length);
        }
    }

    private static ArgumentException TooFewFinite(string paramName, int minimumCount, int length, int finite)
    {
        string message = length == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sample is empty; at least {minimumCount} finite value(s) are required.")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sample has {finite} finite value(s) out of {length} (NaN and infinities are excluded); at least {minimumCount} are required.");
        return new ArgumentException(message, paramName);
    }
}
