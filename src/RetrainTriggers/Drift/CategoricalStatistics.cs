namespace RetrainTriggers.Drift;

/// <summary>The statistics the detector computes for categorical features (combine with <c>|</c>).</summary>
[Flags]
public enum CategoricalStatistics
{
    /// <summary>No distribution statistic (only the missing-rate signal).</summary>
    None = 0,

    /// <summary>Population Stability Index over the categories (default).</summary>
    Psi = 1,

    /// <summary>Jensen–Shannon distance over the categories (default).</summary>
    JensenShannon = 2,

    /// <summary>Chi-square homogeneity test (default); on binary features replaced by the z-test when that is enabled.</summary>
    ChiSquare = 4,

    /// <summary>Two-proportion z-test, used for binary features (exactly two categories in reference and window together) (default).</summary>
    TwoProportionZTest = 8,

    /// <summary>Hellinger distance over the categories.</summary>
    Hellinger = 16,

    /// <summary>L∞ distance (largest change of a category's share).</summary>
    MaxProportionChange = 32,

    /// <summary>The defaults: PSI, Jensen–Shannon, chi-square, and the z-test for binary features.</summary>
    Default = Psi | JensenShannon | ChiSquare | TwoProportionZTest,
}
