namespace RetrainTriggers.Statistics;

/// <summary>How the two-sample Cramér–von Mises p-value is computed, with scipy's meaning.</summary>
public enum CramerVonMisesMethod
{
    /// <summary><see cref="Exact"/> when both samples have at most 20 values, otherwise <see cref="Asymptotic"/>.</summary>
    Auto = 0,

    /// <summary>Exact permutation distribution (Xiao, Gordon and Yakovlev); cost grows combinatorially with the sizes.</summary>
    Exact = 1,

    /// <summary>Limiting distribution of the normalised statistic (Anderson 1962; Csörgő and Faraway 1996).</summary>
    Asymptotic = 2,
}
