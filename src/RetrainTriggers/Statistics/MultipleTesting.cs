using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Adjusts the p-values of several simultaneous tests (typically one per feature) for multiple comparisons.</summary>
/// <remarks>
/// Matches <c>statsmodels.stats.multitest.multipletests(pvals, alpha, method)</c> of statsmodels 0.13 for every
/// <see cref="MultipleTestingMethod"/>: adjusted p-values are returned in input order and capped at 1. <see cref="Correct"/>
/// returns everything <c>multipletests</c> does: the rejections, the corrected p-values and the Šidák and Bonferroni levels.
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
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="method"/> is unknown or a two-stage method, whose corrected values depend on alpha (use <see cref="Correct"/>).
    /// </exception>
    internal static double[] Adjust(ReadOnlySpan<double> pValues, MultipleTestingMethod method)
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
            case MultipleTestingMethod.TwoStageBenjaminiHochberg or MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli:
                throw new ArgumentOutOfRangeException(
                    nameof(method),
                    method,
                    "The two-stage corrected p-values depend on alpha; use Correct(pValues, method, alpha).");
            default:
                // Any alpha in (0, 1) gives the same corrected values for the single-stage methods.
                var corrected = Correct(pValues, method, 0.05).CorrectedPValues;
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = corrected[i];
                }

                break;
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
    internal static bool[] Reject(ReadOnlySpan<double> pValues, MultipleTestingMethod method, double alpha = 0.05)
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
                var decided = Correct(pValues, method, alpha).Reject;
                for (var i = 0; i < reject.Length; i++)
                {
                    reject[i] = decided[i];
                }

                break;
        }

        return reject;
    }

    /// <summary>Corrects p-values and decides rejections at family level <paramref name="alpha"/>, as statsmodels' <c>multipletests</c>.</summary>
    /// <param name="pValues">The raw p-values, each in [0, 1].</param>
    /// <param name="method">The correction method.</param>
    /// <param name="alpha">The family-wise error rate or false discovery rate, in (0, 1).</param>
    /// <returns>Reject flags and corrected p-values in input order, with the Šidák and Bonferroni per-test levels.</returns>
    /// <remarks>
    /// <para>
    /// Exactly <c>statsmodels.stats.multitest.multipletests(pValues, alpha, method)</c> of statsmodels 0.13 on the
    /// ascending p(1) ≤ … ≤ p(m), results returned in input order, corrected values capped at 1:
    /// Holm: running max of (m − i + 1)·p(i), step-down against alpha/(m − i + 1).
    /// Holm–Šidák: running max of 1 − (1 − p(i))^(m − i + 1), step-down against 1 − (1 − alpha)^(1/(m − i + 1)).
    /// Šidák: 1 − (1 − p)^m, reject p ≤ 1 − (1 − alpha)^(1/m).
    /// Simes–Hochberg: running min from the largest of (m − i + 1)·p(i), step-up against alpha/(m − i + 1).
    /// Hommel: statsmodels' algorithm, reject corrected ≤ alpha.
    /// Benjamini–Yekutieli: Benjamini–Hochberg with the factor c_m = Σ 1/i.
    /// Two-stage (<c>fdr_tsbh</c>, <c>fdr_tsbky</c>, one iteration): Benjamini–Hochberg at alpha′ (alpha, or alpha/(1 + alpha)
    /// for Krieger–Yekutieli) estimates m0 = m − r1, then Benjamini–Hochberg at alpha′·m/m0; corrected values are scaled
    /// by m0/m (and by 1 + alpha for Krieger–Yekutieli), so they depend on alpha and can be below the raw p-value.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="pValues"/> is empty or holds a value outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside (0, 1) or <paramref name="method"/> is unknown.</exception>
    public static MultipleTestingResult Correct(ReadOnlySpan<double> pValues, MultipleTestingMethod method, double alpha = 0.05)
    {
        ValidatePValues(pValues);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in the open interval (0, 1).");
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown multiple-testing method.");
        }

        var m = pValues.Length;
        var sorted = pValues.ToArray();
        var order = new int[m];
        for (var i = 0; i < m; i++)
        {
            order[i] = i;
        }

        // Tied p-values receive identical corrections and decisions, so the sort's tie order does not matter.
        Array.Sort(sorted, order);
        var correctedSorted = new double[m];
        var rejectSorted = new bool[m];
        StepwiseCorrection.Apply(sorted, method, alpha, correctedSorted, rejectSorted);
        var corrected = new double[m];
        var reject = new bool[m];
        for (var i = 0; i < m; i++)
        {
            corrected[order[i]] = correctedSorted[i];
            reject[order[i]] = rejectSorted[i];
        }

        return new MultipleTestingResult(reject, corrected, StepwiseCorrection.SidakAlpha(alpha, m), alpha / m);
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
