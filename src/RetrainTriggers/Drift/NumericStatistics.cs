namespace RetrainTriggers.Drift;

/// <summary>The statistics the detector computes for numeric features (combine with <c>|</c>).</summary>
[Flags]
public enum NumericStatistics
{
    /// <summary>No distribution statistic (only the missing-rate signal).</summary>
    None = 0,

    /// <summary>Population Stability Index (default).</summary>
    Psi = 1,

    /// <summary>Two-sample Kolmogorov–Smirnov test (default).</summary>
    KolmogorovSmirnov = 2,

    /// <summary>Normalised Wasserstein-1 distance.</summary>
    WassersteinNormalized = 4,

    /// <summary>Jensen–Shannon distance over the reference bins.</summary>
    JensenShannon = 8,

    /// <summary>Hellinger distance over the reference bins.</summary>
    Hellinger = 16,

    /// <summary>Kullback–Leibler divergence over the reference bins.</summary>
    KullbackLeibler = 32,

    /// <summary>Energy distance.</summary>
    EnergyDistance = 64,

    /// <summary>Cramér–von Mises two-sample test.</summary>
    CramerVonMises = 128,

    /// <summary>The defaults: PSI and KS.</summary>
    Default = Psi | KolmogorovSmirnov,
}
