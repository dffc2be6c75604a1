using MathNet.Numerics.LinearAlgebra;

namespace RetrainTriggers.Statistics;

/// <summary>The Epps–Singleton two-sample test on the empirical characteristic function, as scipy 1.10 <c>epps_singleton_2samp</c>.</summary>
/// <remarks>Unlike KS it also applies to discrete data, and it is often more powerful than KS for shifts in shape.</remarks>
public static class EppsSingleton
{
    /// <summary>The minimum number of finite values per sample (scipy's rule).</summary>
    public const int MinimumSampleSize = 5;

    private static readonly double[] DefaultPoints = [0.4, 0.8];

    /// <summary>Runs the Epps–Singleton test.</summary>
    /// <param name="reference">The reference sample; NaN and ±∞ are excluded; at least <see cref="MinimumSampleSize"/> finite values.</param>
    /// <param name="current">The current sample; NaN and ±∞ are excluded; at least <see cref="MinimumSampleSize"/> finite values.</param>
    /// <param name="points">The positive points t where the characteristic function is evaluated; empty for scipy's default (0.4, 0.8).</param>
    /// <returns>W, the p-value, the degrees of freedom and whether the small-sample correction applied.</returns>
    /// <exception cref="ArgumentException">
    /// A sample has too few finite values, a point is not positive and finite, or the pooled sample's interquartile range is 0.
    /// </exception>
    /// <remarks>
    /// With σ = IQR(pooled)/2 (linear-interpolation percentiles), g(v) = [cos(t₁v/σ), …, sin(t₁v/σ), …], S = (n/n_x)·cov_x(g)
    /// + (n/n_y)·cov_y(g) (biased covariances) and d the difference of the mean g vectors, W = n·dᵀS⁺d with the
    /// pseudo-inverse S⁺ (singular values ≤ 1e-15 × the largest dropped). When both samples have fewer than 25 values W is
    /// multiplied by 1/(1 + n^−0.45 + 10.1(n_x^−1.7 + n_y^−1.7)). df = rank(S⁺) and p = Q(df/2, W/2). S is often
    /// ill-conditioned (well-separated samples), and W then carries a relative rounding error of about its condition
    /// number × 1e-16, as in scipy.
    /// </remarks>
    public static EppsSingletonResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ReadOnlySpan<double> points = default)
    {
        var x = Ranking.Finite(reference, nameof(reference), MinimumSampleSize);
        var y = Ranking.Finite(current, nameof(current), MinimumSampleSize);
        var t = points.IsEmpty ? DefaultPoints : points.ToArray();
        foreach (var p in t)
        {
            if (!(p > 0 && double.IsFinite(p)))
            {
                throw new ArgumentException("Every evaluation point must be positive and finite.", nameof(points));
            }
        }

        double nx = x.Length;
        double ny = y.Length;
        var n = nx + ny;
        var pooled = new double[x.Length + y.Length];
        x.CopyTo(pooled, 0);
        y.CopyTo(pooled, x.Length);
        Array.Sort(pooled);
        var sigma = (Percentile(pooled, 75) - Percentile(pooled, 25)) / 2;
        if (!(sigma > 0))
        {
            throw new ArgumentException("The pooled sample's interquartile range is 0; the Epps–Singleton test needs spread.", nameof(reference));
        }

        var ts = t.Select(v => v / sigma).ToArray();
        var dimension = 2 * ts.Length;
        var gx = Features(x, ts);
        var gy = Features(y, ts);
        var meanX = Means(gx, dimension);
        var meanY = Means(gy, dimension);
        var covX = Covariance(gx, meanX, dimension);
        var covY = Covariance(gy, meanY, dimension);
        var s = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => (n / nx * covX[i, j]) + (n / ny * covY[i, j]));
        var inverse = PseudoInverse(s);
        var rank = Rank(inverse);
        var d = Vector<double>.Build.Dense(dimension, i => meanX[i] - meanY[i]);
        var w = n * d.DotProduct(inverse * d);
        var corrected = Math.Max(nx, ny) < 25;
        if (corrected)
        {
            var correction = 1.0 / (1.0 + Math.Pow(n, -0.45) + (10.1 * (Math.Pow(nx, -1.7) + Math.Pow(ny, -1.7))));
            w = correction * w;
        }

        return new EppsSingletonResult(w, ChiSquare.SurvivalFunction(w, rank), rank, corrected);
    }

    /// <summary>numpy's default (linear) percentile of a sorted sample.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * (q / 100);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var g = h - lo;
        var a = sorted[lo];
        var b = sorted[hi];
        var diff = b - a;
        return g >= 0.5 ? b - (diff * (1 - g)) : a + (diff * g);
    }

    private static double[,] Features(double[] values, double[] ts)
    {
        var g = new double[values.Length, 2 * ts.Length];
        for (var i = 0; i < values.Length; i++)
        {
            for (var k = 0; k < ts.Length; k++)
            {
                var angle = ts[k] * values[i];
                g[i, k] = Math.Cos(angle);
                g[i, ts.Length + k] = Math.Sin(angle);
            }
        }

        return g;
    }

    private static double[] Means(double[,] g, int dimension)
    {
        var rows = g.GetLength(0);
        var means = new double[dimension];
        var column = new double[rows];
        for (var k = 0; k < dimension; k++)
        {
            // The feature matrix is column-major in scipy (a transpose), so numpy sums each column pairwise.
            for (var i = 0; i < rows; i++)
            {
                column[i] = g[i, k];
            }

            means[k] = Divergence.NumpySum(column) / rows;
        }

        return means;
    }

    /// <summary>numpy's <c>cov(g.T, bias=True)</c>: centred columns, their products summed, times <c>1 / rows</c>.</summary>
    private static double[,] Covariance(double[,] g, double[] means, int dimension)
    {
        var rows = g.GetLength(0);
        var centred = new double[dimension][];
        for (var a = 0; a < dimension; a++)
        {
            centred[a] = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                centred[a][i] = g[i, a] - means[a];
            }
        }

        var cov = new double[dimension, dimension];
        var products = new double[rows];
        var scale = 1.0 / rows;
        for (var a = 0; a < dimension; a++)
        {
            for (var b = a; b < dimension; b++)
            {
                for (var i = 0; i < rows; i++)
                {
                    products[i] = centred[a][i] * centred[b][i];
                }

                cov[a, b] = cov[b, a] = Divergence.NumpySum(products) * scale;
            }
        }

        return cov;
    }

    /// <summary>numpy's <c>pinv(s, rcond=1e-15)</c> through the singular value decomposition.</summary>
    private static Matrix<double> PseudoInverse(Matrix<double> s)
    {
        var svd = s.Svd(computeVectors: true);
        var singular = svd.S;
        var cutoff = 1e-15 * singular.Maximum();
        var inverted = Matrix<double>.Build.Dense(s.ColumnCount, s.RowCount);
        for (var i = 0; i < singular.Count; i++)
        {
            if (singular[i] > cutoff)
            {
                inverted[i, i] = 1.0 / singular[i];
            }
        }

        return svd.VT.Transpose() * inverted * svd.U.Transpose();
    }

    /// <summary>numpy's <c>matrix_rank</c>: singular values above largest × size × machine epsilon.</summary>
    private static int Rank(Matrix<double> m)
    {
        var singular = m.Svd(computeVectors: false).S;
        var tolerance = singular.Maximum() * Math.Max(m.RowCount, m.ColumnCount) * 2.220446049250313e-16;
        var rank = 0;
        foreach (var v in singular)
        {
            if (v > tolerance)
            {
                rank++;
            }
        }

        return rank;
    }
}
