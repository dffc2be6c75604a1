namespace RetrainTriggers.Statistics;

/// <summary>Distances between two discrete distributions given as proportions (bins or categories): total variation and Bhattacharyya.</summary>
/// <remarks>
/// The inputs are what <see cref="Binning.Proportions"/> produces: the same number of entries, each in [0, 1]. No
/// epsilon smoothing is applied (as for <see cref="Divergence.Hellinger"/>). For the Jensen–Shannon distance in
/// another log base use <see cref="Divergence.JensenShannonDistance"/> with its <c>logBase</c>.
/// </remarks>
public static class ProportionDistance
{
    /// <summary>Computes the total variation distance ½·Σ|r − c|, in [0, 1].</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions, in the same order.</param>
    /// <returns>The distance: 0 for identical distributions, 1 for disjoint ones.</returns>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold a value outside [0, 1].</exception>
    public static double TotalVariation(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        Validate(reference, current);
        var terms = new double[reference.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = Math.Abs(reference[i] - current[i]);
        }

        return 0.5 * Divergence.NumpySum(terms);
    }

    /// <summary>Computes the Bhattacharyya coefficient Σ√(r·c), in [0, 1] (1 for identical distributions).</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions, in the same order.</param>
    /// <returns>The coefficient: 0 when no entry is positive in both.</returns>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold a value outside [0, 1].</exception>
    public static double BhattacharyyaCoefficient(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        Validate(reference, current);
        var terms = new double[reference.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = Math.Sqrt(reference[i] * current[i]);
        }

        return Divergence.NumpySum(terms);
    }

    /// <summary>Computes the Bhattacharyya distance −ln(Σ√(r·c)), ≥ 0.</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions, in the same order.</param>
    /// <returns>The distance: 0 for identical distributions, +∞ when no entry is positive in both.</returns>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold a value outside [0, 1].</exception>
    public static double BhattacharyyaDistance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var coefficient = BhattacharyyaCoefficient(reference, current);
        return coefficient == 0 ? double.PositiveInfinity : Math.Max(0.0, -Math.Log(coefficient));
    }

    private static void Validate(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.IsEmpty)
        {
            throw new ArgumentException("At least one proportion is required.", nameof(reference));
        }

        if (current.Length != reference.Length)
        {
            throw new ArgumentException($"current has {current.Length} entries but reference has {reference.Length}.", nameof(current));
        }

        for (var i = 0; i < reference.Length; i++)
        {
            if (!(reference[i] >= 0 && reference[i] <= 1))
            {
                throw new ArgumentException("Proportions must be in [0, 1].", nameof(reference));
            }

            if (!(current[i] >= 0 && current[i] <= 1))
            {
                throw new ArgumentException("Proportions must be in [0, 1].", nameof(current));
            }
        }
    }
}
