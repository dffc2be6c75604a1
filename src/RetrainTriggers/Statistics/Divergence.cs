using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Distances and divergences between two discrete distributions given as proportion vectors over the same bins.</summary>
/// <remarks>
/// <para>
/// Both vectors must have the same length, at least one element, and only finite, non-negative entries. They are
/// normally proportions summing to 1 (each count divided by the total); only
/// <see cref="JensenShannonDistance"/> renormalises, every other method uses the values as given.
/// </para>
/// <para>
/// Sums use numpy's pairwise summation so that results agree with numpy 1.24 / scipy 1.10 to the last bits, not just
/// to the tolerance of a naive loop.
/// </para>
/// </remarks>
public static class Divergence
{
    /// <summary>The default replacement for zero proportions in <see cref="Psi"/> and <see cref="KullbackLeibler"/>.</summary>
    public const double DefaultEpsilon = 1e-4;

    // Above this many bins the per-bin terms go to a pooled buffer instead of the stack.
    private const int MaxStackTerms = 256;

    /// <summary>Computes the population stability index of <paramref name="current"/> against <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions, over the same bins.</param>
    /// <param name="epsilon">The value that replaces a zero proportion (default 1e-4); must be positive.</param>
    /// <returns>The PSI, which is non-negative for proportion vectors and 0 when they are equal.</returns>
    /// <remarks>
    /// <c>PSI = sum_i (c_i - r_i) * ln(c_i / r_i)</c> after replacing every proportion that is exactly 0 by
    /// <paramref name="epsilon"/>, with no renormalisation. A bin empty on one side therefore contributes a large but
    /// finite term. Usual reading: &lt; 0.1 stable, 0.1–0.2 moderate shift, &gt; 0.2 significant shift.
    /// </remarks>
    /// <exception cref="ArgumentException">The vectors are empty, differ in length, or hold a negative or non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not a positive finite number.</exception>
    public static double Psi(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double epsilon = DefaultEpsilon)
    {
        ValidatePair(reference, current);
        ValidateEpsilon(epsilon);
        return SumTerms(reference, current, epsilon, static (r, c, e) =>
        {
            r = r == 0 ? e : r;
            c = c == 0 ? e : c;
            return (c - r) * Math.Log(c / r);
        });
    }

    /// <summary>Computes the Kullback–Leibler divergence KL(reference ‖ current) in nats.</summary>
    /// <param name="reference">The reference proportions (the "true" distribution P).</param>
    /// <param name="current">The current proportions (the approximating distribution Q).</param>
    /// <param name="epsilon">The value that replaces a zero proportion (default 1e-4); must be positive.</param>
    /// <returns>The divergence; 0 when the vectors are equal.</returns>
    /// <remarks>
    /// <c>KL = sum_i r_i * ln(r_i / c_i)</c> after replacing zero proportions on either side by
    /// <paramref name="epsilon"/>, with no renormalisation (the same rule as <see cref="Psi"/>, which is
    /// KL(r‖c) + KL(c‖r) without smoothing). Not symmetric.
    /// </remarks>
    /// <exception cref="ArgumentException">The vectors are empty, differ in length, or hold a negative or non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not a positive finite number.</exception>
    public static double KullbackLeibler(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double epsilon = DefaultEpsilon)
    {
        ValidatePair(reference, current);
        ValidateEpsilon(epsilon);
        return SumTerms(reference, current, epsilon, static (r, c, e) =>
        {
            r = r == 0 ? e : r;
            c = c == 0 ? e : c;
            return r * Math.Log(r / c);
        });
    }

    /// <summary>Computes the Jensen–Shannon distance (the square root of the Jensen–Shannon divergence).</summary>
    /// <param name="reference">The reference weights.</param>
    /// <param name="current">The current weights, over the same bins.</param>
    /// <param name="logBase">The logarithm base; <see cref="Math.E"/> (nats, the default) or e.g. 2 (bits).</param>
    /// <returns>The distance: in [0, sqrt(ln 2)] in nats, in [0, 1] in base 2.</returns>
    /// <remarks>
    /// <para>
    /// Exactly <c>scipy.spatial.distance.jensenshannon(reference, current, base)</c> of scipy 1.10: both vectors are
    /// first divided by their sums, <c>m = (p + q) / 2</c>,
    /// <c>JS = sqrt((sum rel_entr(p, m) + sum rel_entr(q, m)) / 2 [/ ln base])</c> where <c>rel_entr(x, y)</c> is
    /// <c>x ln(x / y)</c> and 0 for <c>x = 0</c>. No smoothing is needed: zero bins contribute 0.
    /// </para>
    /// <para>Deviation: a divergence that rounds to a tiny negative number gives 0 here where scipy returns NaN.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The vectors are empty, differ in length, hold a negative or non-finite value, or one of them sums to zero.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="logBase"/> is not finite, positive and different from 1.</exception>
    public static double JensenShannonDistance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double logBase = Math.E)
    {
        ValidatePair(reference, current);
        if (!double.IsFinite(logBase) || logBase <= 0 || logBase == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(logBase), logBase, "The logarithm base must be finite, positive and different from 1.");
        }

        var n = reference.Length;
        double[]? rented = null;
        var buffer = n <= MaxStackTerms / 2
            ? stackalloc double[2 * n]
            : (rented = ArrayPool<double>.Shared.Rent(2 * n)).AsSpan(0, 2 * n);
        try
        {
            var left = buffer[..n];
            var right = buffer[n..];
            var referenceTotal = NumpySum(reference);
            var currentTotal = NumpySum(current);
            if (referenceTotal == 0)
            {
                throw new ArgumentException("The weights sum to zero.", nameof(reference));
            }

            if (currentTotal == 0)
            {
                throw new ArgumentException("The weights sum to zero.", nameof(current));
            }

            for (var i = 0; i < n; i++)
            {
                var p = reference[i] / referenceTotal;
                var q = current[i] / currentTotal;
                var m = (p + q) / 2.0;
                left[i] = RelativeEntropy(p, m);
                right[i] = RelativeEntropy(q, m);
            }

            var js = NumpySum(left) + NumpySum(right);
            if (logBase != Math.E)
            {
                js /= Math.Log(logBase);
            }

            return Math.Sqrt(Math.Max(js / 2.0, 0));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Computes the Hellinger distance between two proportion vectors.</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions.</param>
    /// <returns>The distance, in [0, 1] for proportion vectors (clamped to 1 against rounding).</returns>
    /// <remarks><c>H = sqrt(0.5 * sum_i (sqrt(r_i) - sqrt(c_i))^2)</c>, no smoothing, no renormalisation.</remarks>
    /// <exception cref="ArgumentException">The vectors are empty, differ in length, or hold a negative or non-finite value.</exception>
    public static double Hellinger(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        ValidatePair(reference, current);
        var sum = SumTerms(reference, current, 0, static (r, c, _) =>
        {
            var d = Math.Sqrt(r) - Math.Sqrt(c);
            return d * d;
        });
        return Math.Min(Math.Sqrt(0.5 * sum), 1.0);
    }

    /// <summary>Computes the L-infinity (Chebyshev) distance: the largest absolute difference between proportions.</summary>
    /// <param name="reference">The reference proportions.</param>
    /// <param name="current">The current proportions.</param>
    /// <returns><c>max_i |r_i - c_i|</c>.</returns>
    /// <remarks>For categorical features this is the largest change in any one category's share.</remarks>
    /// <exception cref="ArgumentException">The vectors are empty, differ in length, or hold a negative or non-finite value.</exception>
    public static double MaxProportionChange(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        ValidatePair(reference, current);
        var max = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            max = Math.Max(max, Math.Abs(reference[i] - current[i]));
        }

        return max;
    }

    /// <summary>Sums like numpy 1.24's <c>add.reduce</c> on a contiguous float64 array (pairwise, 8-way unrolled blocks of 128).</summary>
    internal static double NumpySum(ReadOnlySpan<double> values) => 0.0 + PairwiseSum(values);

    internal static void ValidateEpsilon(double epsilon, string paramName = "epsilon")
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(paramName, epsilon, "Epsilon must be a positive finite number.");
        }
    }

    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }

    /// <summary>scipy.special.rel_entr for the non-negative finite arguments validated here.</summary>
    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 ? 0.0 : double.PositiveInfinity;

    private static double SumTerms(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        double epsilon,
        Func<double, double, double, double> term)
    {
        var n = reference.Length;
        double[]? rented = null;
        var terms = n <= MaxStackTerms
            ? stackalloc double[n]
            : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                terms[i] = term(reference[i], current[i], epsilon);
            }

            return NumpySum(terms);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private static void ValidatePair(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        ValidateProportions(reference, nameof(reference));
        ValidateProportions(current, nameof(current));
        if (reference.Length != current.Length)
        {
            throw new ArgumentException(
                $"current has {current.Length} bins but reference has {reference.Length}; both must use the same bins.",
                nameof(current));
        }
    }

    private static void ValidateProportions(ReadOnlySpan<double> proportions, string paramName)
    {
        if (proportions.IsEmpty)
        {
            throw new ArgumentException("At least one bin is required.", paramName);
        }

        foreach (var p in proportions)
        {
            if (!(p >= 0) || !double.IsFinite(p))
            {
                throw new ArgumentException($"Proportions must be finite and non-negative; found {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", paramName);
            }
        }
    }
}
