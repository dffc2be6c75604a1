using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Adjusts the p-values of several simultaneous tests (typically one per feature) for multiple comparisons.</summary>
/// <remarks>
/// Matches <c>statsmodels.stats.multitest.multipletests(pvals, alpha, method)</c> of statsmodels 0.13 with
/// <c>method="bonferroni"</c> or <c>"fdr_bh"</c>: adjusted p-values are returned in input order and capped at 1.
/// </remarks>
public static class MultipleTesting
{
    private const int MaxStackLength = 128;

    /// <summary>Computes adjusted p-values.</summary>
    /// <param name="pValues">The raw p-values, each in [0, 1].</param>
    /// <param name="method">The correction method.</param>
    /// <returns>The adjusted p-values, in input order.</returns>
    /// <remarks>
    /// <para>Bonferroni: <c>min(p_i * m, 1)</c> for <c>m</c> tests.</para>
    /// <para>
    /// Benjamini–Hochberg: with the p-values sorted ascending, <c>p_(i) / (i / m)</c> followed by a cumulative minimum
    /// from the largest down (so adjusted values are monotone in the raw ones), capped at 1; tied p-values get the
    /// same adjusted value.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="pValues"/> is empty or holds a value outside [0, 1] (or NaN).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is unknown.</exception>
    public static double[] Adjust(ReadOnlySpan<double> pValues, MultipleTestingMethod method)
    {
        ValidatePValues(pValues);
        var adjusted = new double[pValues.Length];
        Adjust(pValues, method, adjusted);
        return adjusted;
    }

    /// <summary>Computes adjusted p-values into <paramref name="destination"/> without allocating for up to 128 tests.</summary>
    /// <param name="pValues">The raw p-values, each in [0, 1].</param>
    /// <param name="method">The correction method.</param>
    /// <param name="destination">Receives the adjusted p-values in input order; must have the same length as <paramref name="pValues"/>.</param>
    /// <remarks>Same semantics as <see cref="Adjust(ReadOnlySpan{double}, MultipleTestingMethod)"/>.</remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="pValues"/> is empty or holds a value outside [0, 1], or <paramref name="destination"/> has the wrong length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is unknown.</exception>
    internal static void Adjust(ReadOnlySpan<double> pValues, MultipleTestingMethod method, Span<double> destination)
    {
        ValidatePValues(pValues);
        if (destination.Length != pValues.Length)
        {
            throw new ArgumentException(
                $"destination has {destination.Length} elements but pValues has {pValues.Length}.", nameof(destination));
        }

        switch (method)
        {
            case MultipleTestingMethod.Bonferroni:
                double tests = pValues.Length;
                for (var i = 0; i < pValues.Length; i++)
                {
                    destination[i] = Math.Min(pValues[i] * tests, 1.0);
                }

                break;
            case MultipleTestingMethod.BenjaminiHochberg:
                BenjaminiHochberg(pValues, destination, alpha: double.NaN, reject: default);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown multiple-testing method.");
        }
    }

    /// <summary>Decides which null hypotheses are rejected at family level <paramref name="alpha"/>.</summary>
    /// <param name="pValues">The raw p-values, each in [0, 1].</param>
    /// <param name="method">The correction method.</param>
    /// <param name="alpha">The family-wise error rate (Bonferroni) or false discovery rate (Benjamini–Hochberg), in (0, 1).</param>
    /// <returns>For each test, in input order, whether its null hypothesis is rejected.</returns>
    /// <remarks>
    /// As statsmodels decides it: Bonferroni rejects <c>p_i &lt;= alpha / m</c>; Benjamini–Hochberg finds the largest
    /// rank <c>i</c> (ascending order) with <c>p_(i) &lt;= (i / m) * alpha</c> and rejects every test up to that rank.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="pValues"/> is empty or holds a value outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside (0, 1) or <paramref name="method"/> is unknown.</exception>
    public static bool[] Reject(ReadOnlySpan<double> pValues, MultipleTestingMethod method, double alpha = 0.05)
    {
        ValidatePValues(pValues);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in the open interval (0, 1).");
        }

        var reject = new bool[pValues.Length];
        switch (method)
        {
            case MultipleTestingMethod.Bonferroni:
                var threshold = alpha / pValues.Length;
                for (var i = 0; i < pValues.Length; i++)
                {
                    reject[i] = pValues[i] <= threshold;
                }

                break;
            case MultipleTestingMethod.BenjaminiHochberg:
                double[]? rented = null;
                var adjusted = pValues.Length <= MaxStackLength
                    ? stackalloc double[pValues.Length]
                    : (rented = ArrayPool<double>.Shared.Rent(pValues.Length)).AsSpan(0, pValues.Length);
                try
                {
                    BenjaminiHochberg(pValues, adjusted, alpha, reject);
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<double>.Shared.Return(rented);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown multiple-testing method.");
        }

        return reject;
    }

    /// <summary>statsmodels' <c>fdrcorrection(method="indep")</c>; fills <paramref name="reject"/> when it is not empty.</summary>
    private static void BenjaminiHochberg(ReadOnlySpan<double> pValues, Span<double> adjusted, double alpha, Span<bool> reject)
    {
        var n = pValues.Length;
        double[]? rentedKeys = null;
        int[]? rentedOrder = null;
        var sorted = n <= MaxStackLength ? stackalloc double[n] : (rentedKeys = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        var order = n <= MaxStackLength ? stackalloc int[n] : (rentedOrder = ArrayPool<int>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            pValues.CopyTo(sorted);
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            // The order among tied p-values does not matter: ties receive equal adjusted values and equal decisions.
            sorted.Sort(order);

            var rejectUpTo = -1;
            var running = double.PositiveInfinity;
            for (var i = n - 1; i >= 0; i--)
            {
                var factor = (i + 1) / (double)n;
                running = Math.Min(running, sorted[i] / factor);
                adjusted[order[i]] = Math.Min(running, 1.0);
                if (rejectUpTo < 0 && !reject.IsEmpty && sorted[i] <= factor * alpha)
                {
                    rejectUpTo = i;
                }
            }

            if (!reject.IsEmpty)
            {
                for (var i = 0; i <= rejectUpTo; i++)
                {
                    reject[order[i]] = true;
                }
            }
        }
        finally
        {
            if (rentedKeys is not null)
            {
                ArrayPool<double>.Shared.Return(rentedKeys);
            }

            if (rentedOrder is not null)
            {
                ArrayPool<int>.Shared.Return(rentedOrder);
            }
        }
    }

    private static void ValidatePValues(ReadOnlySpan<double> pValues)
    {
        if (pValues.IsEmpty)
        {
            throw new ArgumentException("At least one p-value is required.", nameof(pValues));
        }

        foreach (var p in pValues)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException(
                    $"p-values must be in [0, 1]; found {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}.",
                    nameof(pValues));
            }
        }
    }
}
