namespace RetrainTriggers.Statistics;

/// <content>The argument guards shared by the edge methods, the counting kernel and <see cref="BinnedDivergence"/>.</content>
internal static partial class Binning
{
    internal static void ValidateBins(int bins, string paramName = "bins")
    {
        if (bins < 2)
        {
            throw new ArgumentOutOfRangeException(paramName, bins, "At least 2 bins are required.");
        }
    }

    internal static void ValidateInnerEdges(ReadOnlySpan<double> innerEdges, string paramName)
    {
        for (var i = 0; i < innerEdges.Length; i++)
        {
            if (!double.IsFinite(innerEdges[i]) || (i > 0 && !(innerEdges[i] > innerEdges[i - 1])))
            {
                throw new ArgumentException(
                    $"Inner edges must be finite and strictly increasing; index {i} is not (use NormalizeEdges).",
                    paramName);
            }
        }
    }

    /// <summary>Copies the finite values of <paramref name="source"/> to the start of <paramref name="destination"/>.</summary>
    internal static int CopyFinite(ReadOnlySpan<double> source, Span<double> destination)
    {
        var count = 0;
        foreach (var x in source)
        {
            if (double.IsFinite(x))
            {
                destination[count++] = x;
            }
        }

        return count;
    }

    internal static ArgumentException NoFiniteValue(int length, string paramName) =>
        new($"The sample has no finite value (all {length} values are NaN or infinite).", paramName);

    internal static void ThrowIfEmpty(ReadOnlySpan<double> sample, string paramName)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", paramName);
        }
    }
}
