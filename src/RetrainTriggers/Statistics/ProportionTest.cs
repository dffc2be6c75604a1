using MathNet.Numerics;

namespace RetrainTriggers.Statistics;

/// <summary>Tests on proportions, for binary features and rates (e.g. the share of positive labels or of missing values).</summary>
internal static class ProportionTest
{
    private const double Sqrt1Over2 = 0.70710678118654752440;

    /// <summary>Tests whether two samples have the same success proportion (pooled two-proportion z-test, two-sided).</summary>
    /// <param name="successesReference">The number of successes in the reference sample.</param>
    /// <param name="sizeReference">The reference sample size (positive).</param>
    /// <param name="successesCurrent">The number of successes in the current sample.</param>
    /// <param name="sizeCurrent">The current sample size (positive).</param>
    /// <returns>The z statistic and the two-sided p-value.</returns>
    /// <remarks>
    /// <para>
    /// Exactly <c>statsmodels.stats.proportion.proportions_ztest([x_ref, x_cur], [n_ref, n_cur])</c> of statsmodels 0.13
    /// (pooled variance, two-sided): <c>z = (p_ref - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur))</c> with
    /// <c>P = (x_ref + x_cur) / (n_ref + n_cur)</c>, and <c>p = 2 * P(Z &gt;= |z|)</c> computed from <c>erfc</c> as
    /// scipy's <c>ndtr</c> does, so tiny p-values keep their relative accuracy.
    /// </para>
    /// <para>
    /// Deviation: when the pooled proportion is 0 or 1 (no successes or only successes in both samples) the variance is
    /// 0 and statsmodels returns NaN; here the proportions are identical, so the result is z = 0, p = 1.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or a success count is outside [0, size].</exception>
    public static ZTestResult TwoProportion(long successesReference, long sizeReference, long successesCurrent, long sizeCurrent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeReference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeCurrent);
        ArgumentOutOfRangeException.ThrowIfNegative(successesReference);
        ArgumentOutOfRangeException.ThrowIfNegative(successesCurrent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesReference, sizeReference);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesCurrent, sizeCurrent);

        var proportionReference = successesReference * 1.0 / sizeReference;
        var proportionCurrent = successesCurrent * 1.0 / sizeCurrent;
        var difference = proportionReference - proportionCurrent;
        var pooled = checked(successesReference + successesCurrent) * 1.0 / checked(sizeReference + sizeCurrent);
        var sizeFactor = 0.0 + (1.0 / sizeReference) + (1.0 / sizeCurrent);
        var variance = pooled * (1 - pooled) * sizeFactor;
        if (variance == 0)
        {
            return new ZTestResult(0.0, 1.0);
        }

        var z = difference / Math.Sqrt(variance);
        return new ZTestResult(z, Math.Min(2 * NormalUpperTail(Math.Abs(z)), 1.0));
    }

    /// <summary>P(Z &gt;= x) for a standard normal Z, as scipy's <c>ndtr(-x)</c> computes it (erf near 0, erfc in the tail).</summary>
    internal static double NormalUpperTail(double x)
    {
        var t = -x * Sqrt1Over2;
        var z = Math.Abs(t);
        if (z < Sqrt1Over2)
        {
            return 0.5 + (0.5 * SpecialFunctions.Erf(t));
        }

        var y = 0.5 * SpecialFunctions.Erfc(z);
        return t > 0 ? 1.0 - y : y;
    }
}
