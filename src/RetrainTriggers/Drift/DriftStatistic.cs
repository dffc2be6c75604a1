namespace RetrainTriggers.Drift;

/// <summary>A drift statistic the detector can compute for a feature; also the key of each value in a <see cref="FeatureDriftResult"/>.</summary>
public enum DriftStatistic
{
    /// <summary>Population Stability Index over the reference bins: Σ (c − r)·ln(c / r), zero proportions replaced by ε. Warning/drift bands.</summary>
    Psi = 0,

    /// <summary>Two-sample Kolmogorov–Smirnov test (scipy <c>ks_2samp</c>, two-sided); decides on p &lt; α and, optionally, D ≥ δ.</summary>
    KolmogorovSmirnov = 1,

    /// <summary>Wasserstein-1 distance divided by max(reference standard deviation, 0.001); decides on a distance threshold.</summary>
    WassersteinNormalized = 2,

    /// <summary>Jensen–Shannon distance (square root of the divergence, natural log) over the reference bins or categories.</summary>
    JensenShannon = 3,

    /// <summary>Hellinger distance over the reference bins or categories.</summary>
    Hellinger = 4,

    /// <summary>Kullback–Leibler divergence KL(reference ‖ current) over the reference bins, zero proportions replaced by ε.</summary>
    KullbackLeibler = 5,

    /// <summary>Energy distance between the finite samples (scipy <c>energy_distance</c>).</summary>
    EnergyDistance = 6,

    /// <summary>Cramér–von Mises two-sample test (scipy <c>cramervonmises_2samp</c>); decides on p &lt; α.</summary>
    CramerVonMises = 7,

    /// <summary>Largest absolute difference of category proportions (L∞ distance).</summary>
    MaxProportionChange = 8,

    /// <summary>Chi-square homogeneity test over the categories (2×k, no Yates correction); decides on p &lt; α.</summary>
    ChiSquare = 9,

    /// <summary>Two-proportion z-test (pooled variance, two-sided) for binary features; decides on p &lt; α.</summary>
    TwoProportionZTest = 10,

    /// <summary>Absolute change of the missing-value rate, |missing share now − missing share in the reference|.</summary>
    MissingRateChange = 11,
}
