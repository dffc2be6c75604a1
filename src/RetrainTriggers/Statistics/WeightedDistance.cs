namespace RetrainTriggers.Statistics;

/// <summary>Wasserstein-1 and energy distances between weighted samples, as scipy 1.10 with <c>u_weights</c> / <c>v_weights</c>.</summary>
public static class WeightedDistance
{
    /// <summary>Computes the Wasserstein-1 distance between two weighted empirical distributions.</summary>
    /// <param name="reference">The reference values (<c>u_values</c>); a value that is NaN or ±∞ is excluded together with its weight.</param>
    /// <param name="current">The current values (<c>v_values</c>); non-finite values are excluded with their weights.</param>
    /// <param name="referenceWeights">One weight ≥ 0 per reference value, or empty for weight 1 each.</param>
    /// <param name="currentWeights">One weight ≥ 0 per current value, or empty for weight 1 each.</param>
    /// <returns>The distance, ≥ 0, in the unit of the data.</returns>
    /// <exception cref="ArgumentException">
    /// A sample has no finite value, a weight list has the wrong length, a weight is negative or not finite, or a sample's weights sum to 0.
    /// </exception>
    /// <remarks>
    /// Matches <c>scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)</c>: over the sorted pooled values z, the sum
    /// of |U(z_k) − V(z_k)|·(z_{k+1} − z_k), where U and V are the weighted right-continuous CDFs (each sample's weights
    /// normalised by their sum, so integer weights act as repetition counts and a zero weight removes a point).
    /// </remarks>
    public static double Wasserstein(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        ReadOnlySpan<double> referenceWeights,
        ReadOnlySpan<double> currentWeights) =>
        Integrate(reference, current, referenceWeights, currentWeights, squared: false);

    /// <summary>Computes the energy distance between two weighted empirical distributions.</summary>
    /// <param name="reference">The reference values (<c>u_values</c>); non-finite values are excluded with their weights.</param>
    /// <param name="current">The current values (<c>v_values</c>); non-finite values are excluded with their weights.</param>
    /// <param name="referenceWeights">One weight ≥ 0 per reference value, or empty for weight 1 each.</param>
    /// <param name="currentWeights">One weight ≥ 0 per current value, or empty for weight 1 each.</param>
    /// <returns>The distance, ≥ 0.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Wasserstein"/>.</exception>
    /// <remarks>
    /// Matches <c>scipy.stats.energy_distance(u, v, u_weights, v_weights)</c>: √2 · √(Σ (U(z_k) − V(z_k))²·(z_{k+1} − z_k))
    /// with the weighted CDFs of <see cref="Wasserstein"/>.
    /// </remarks>
    public static double Energy(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        ReadOnlySpan<double> referenceWeights,
        ReadOnlySpan<double> currentWeights) =>
        Math.Sqrt(2) * Integrate(reference, current, referenceWeights, currentWeights, squared: true);

    private static double Integrate(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        ReadOnlySpan<double> referenceWeights,
        ReadOnlySpan<double> currentWeights,
        bool squared)
    {
        var (u, uCumulative) = Prepare(reference, referenceWeights, nameof(reference), nameof(referenceWeights));
        var (v, vCumulative) = Prepare(current, currentWeights, nameof(current), nameof(currentWeights));
        var all = new double[u.Length + v.Length];
        u.CopyTo(all, 0);
        v.CopyTo(all, u.Length);
        Array.Sort(all);
        var terms = new double[all.Length - 1];
        for (var k = 0; k < terms.Length; k++)
        {
            var uCdf = Cdf(u, uCumulative, all[k]);
            var vCdf = Cdf(v, vCumulative, all[k]);
            var difference = uCdf - vCdf;
            var delta = all[k + 1] - all[k];
            terms[k] = squared ? difference * difference * delta : Math.Abs(difference) * delta;
        }

        var sum = Divergence.NumpySum(terms);
        return squared ? Math.Sqrt(sum) : sum;
    }

    private static double Cdf(double[] sorted, double[]? cumulative, double z)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= z)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return cumulative is null ? lo / (double)sorted.Length : cumulative[lo] / cumulative[^1];
    }

    /// <summary>The finite values sorted, with the cumulative weights <c>[0, w1, w1 + w2, ...]</c> in that order (null when unweighted).</summary>
    private static (double[] Values, double[]? Cumulative) Prepare(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, string valuesName, string weightsName)
    {
        if (!weights.IsEmpty && weights.Length != values.Length)
        {
            throw new ArgumentException($"{weightsName} has {weights.Length} weights but {valuesName} has {values.Length} values.", weightsName);
        }

        var finite = 0;
        foreach (var x in values)
        {
            if (double.IsFinite(x))
            {
                finite++;
            }
        }

        if (finite == 0)
        {
            throw new ArgumentException("The sample has no finite value.", valuesName);
        }

        var sorted = new double[finite];
        var sortedWeights = weights.IsEmpty ? null : new double[finite];
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!weights.IsEmpty && !(weights[i] >= 0 && double.IsFinite(weights[i])))
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Weights must be finite and >= 0; {weightsName}[{i}] is {weights[i]}."),
                    weightsName);
            }

            if (double.IsFinite(values[i]))
            {
                sorted[k] = values[i] == 0 ? 0.0 : values[i];
                if (sortedWeights is not null)
                {
                    sortedWeights[k] = weights[i];
                }

                k++;
            }
        }

        if (sortedWeights is null)
        {
            Array.Sort(sorted);
            return (sorted, null);
        }

        Array.Sort(sorted, sortedWeights);
        var cumulative = new double[finite + 1];
        for (var i = 0; i < finite; i++)
        {
            cumulative[i + 1] = cumulative[i] + sortedWeights[i];
        }

        if (!(cumulative[^1] > 0))
        {
            throw new ArgumentException("The weights of the finite values must have a positive sum.", weightsName);
        }

        return (sorted, cumulative);
    }
}
