namespace RetrainTriggers.Statistics;

/// <summary>How the two-sample Kolmogorov–Smirnov p-value is computed, with scipy's meaning.</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary><see cref="Exact"/> when max(n, m) ≤ 10 000, otherwise <see cref="Asymptotic"/>.</summary>
    Auto = 0,

    /// <summary>Exact null distribution of the statistic; falls back to <see cref="Asymptotic"/> when it cannot be computed in double precision.</summary>
    Exact = 1,

    /// <summary>Kolmogorov distribution (two-sided) or Hodges' approximation (one-sided).</summary>
    Asymptotic = 2,
}
