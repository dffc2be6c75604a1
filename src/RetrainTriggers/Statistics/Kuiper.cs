using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>Kuiper's two-sample statistic V = D⁺ + D⁻, a KS-like distance equally sensitive in the tails and around the median.</summary>
public static class Kuiper
{
    /// <summary>Computes Kuiper's V between two raw samples.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded.</param>
    /// <returns>V with D⁺ and D⁻.</returns>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    /// <remarks>
    /// At every pooled value z the right-continuous ECDFs F_r(z) = #(reference ≤ z)/n_r and F_c(z) = #(current ≤ z)/n_c
    /// are compared exactly as <c>scipy.stats.ks_2samp</c> evaluates them: D⁺ = max(F_r − F_c), D⁻ = max(F_c − F_r)
    /// (both ≥ 0 because the largest pooled value gives 0), V = D⁺ + D⁻. No p-value is computed.
    /// </remarks>
    public static KuiperResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var r = ContinuousSample.RentSortedFinite(reference, nameof(reference), 1, out var n1);
        try
        {
            var c = ContinuousSample.RentSortedFinite(current, nameof(current), 1, out var n2);
            try
            {
                return Compute(r.AsSpan(0, n1), c.AsSpan(0, n2));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(c);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(r);
        }
    }

    private static KuiperResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double n1 = x.Length;
        double n2 = y.Length;
        var i = 0;
        var j = 0;
        var plus = 0.0;
        var minus = 0.0;
        while (i < x.Length || j < y.Length)
        {
            var v = Math.Min(i < x.Length ? x[i] : double.PositiveInfinity, j < y.Length ? y[j] : double.PositiveInfinity);
            while (i < x.Length && x[i] == v)
            {
                i++;
            }

            while (j < y.Length && y[j] == v)
            {
                j++;
            }

            var difference = (i / n1) - (j / n2);
            plus = Math.Max(plus, difference);
            minus = Math.Max(minus, -difference);
        }

        return new KuiperResult(plus + minus, plus, minus);
    }
}
