using MathNet.Numerics;

namespace RetrainTriggers.Statistics;

/// <summary>The standard normal CDF and survival function as cephes' <c>ndtr</c> (scipy's <c>norm.cdf</c> / <c>norm.sf</c>).</summary>
internal static class NormalDistribution
{
    private const double SqrtHalf = 0.70710678118654752440;

    /// <summary>P(Z ≤ a).</summary>
    public static double Cdf(double a)
    {
        if (double.IsNaN(a))
        {
            return double.NaN;
        }

        var x = a * SqrtHalf;
        var z = Math.Abs(x);
        if (z < SqrtHalf)
        {
            return 0.5 + (0.5 * SpecialFunctions.Erf(x));
        }

        var y = 0.5 * SpecialFunctions.Erfc(z);
        return x > 0 ? 1.0 - y : y;
    }

    /// <summary>P(Z ≥ z) = ndtr(−z).</summary>
    public static double Survival(double z) => Cdf(-z);
}
