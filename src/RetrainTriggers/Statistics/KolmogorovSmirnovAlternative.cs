namespace RetrainTriggers.Statistics;

/// <summary>Alternative hypothesis of the two-sample Kolmogorov–Smirnov test, with scipy's meaning.</summary>
/// <remarks>
/// With F the CDF of the reference sample and G the CDF of the current sample (scipy's <c>ks_2samp(reference, current)</c>):
/// the null of <see cref="Less"/> is F(x) ≥ G(x) for all x and its statistic is max(G − F);
/// the null of <see cref="Greater"/> is F(x) ≤ G(x) for all x and its statistic is max(F − G).
/// </remarks>
public enum KolmogorovSmirnovAlternative
{
    /// <summary>The distributions differ: statistic max |F − G|.</summary>
    TwoSided = 0,

    /// <summary>F(x) &lt; G(x) for some x (current tends to smaller values): statistic max(G − F).</summary>
    Less = 1,

    /// <summary>F(x) &gt; G(x) for some x (current tends to larger values): statistic max(F − G).</summary>
    Greater = 2,
}
