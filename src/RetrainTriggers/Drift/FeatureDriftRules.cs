using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Which statistics to compute for a feature and the thresholds that turn them into a <see cref="DriftDecision"/>.</summary>
/// <remarks>
/// <para>
/// The defaults are <see cref="DriftDetectorOptions.Rules"/>; per-feature overrides replace them wholesale:
/// <c>options.FeatureRules["age"] = new FeatureDriftRules { PsiDriftThreshold = 0.3 };</c> keeps the library defaults
/// for everything else. Instances are immutable (init-only), so one instance can serve many features.
/// </para>
/// <para>
/// A feature's decision is the most severe decision of its statistics and of its missing-rate signal. Tests
/// (KS, Cramér–von Mises, chi-square, z-test) give <see cref="DriftDecision.Drift"/> when p &lt; <see cref="Alpha"/>;
/// KS additionally requires D ≥ <see cref="KolmogorovSmirnovMinimumEffect"/> when that is set (significance <em>and</em> effect size).
/// Distances give <see cref="DriftDecision.Drift"/> when they reach their threshold; PSI has a warning band.
/// </para>
/// </remarks>
public sealed class FeatureDriftRules
{
    /// <summary>Gets the statistics computed for numeric features.</summary>
    /// <value>Default: <see cref="NumericStatistics.Default"/> (PSI and KS).</value>
    public NumericStatistics NumericStatistics { get; init; } = NumericStatistics.Default;

    /// <summary>Gets the statistics computed for categorical features.</summary>
    /// <value>Default: <see cref="CategoricalStatistics.Default"/> (PSI, Jensen–Shannon, chi-square; z-test for binary features).</value>
    public CategoricalStatistics CategoricalStatistics { get; init; } = CategoricalStatistics.Default;

    /// <summary>Gets the significance level of the tests.</summary>
    /// <value>Default: 0.05; must be in (0, 1).</value>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Gets the PSI at or above which a feature gets <see cref="DriftDecision.Warning"/>.</summary>
    /// <value>Default: 0.1; must be positive and not above <see cref="PsiDriftThreshold"/>.</value>
    public double PsiWarningThreshold { get; init; } = 0.1;

    /// <summary>Gets the PSI at or above which a feature gets <see cref="DriftDecision.Drift"/>.</summary>
    /// <value>Default: 0.2; must be positive.</value>
    public double PsiDriftThreshold { get; init; } = 0.2;

    /// <summary>Gets the minimum KS statistic D (the effect size δ) a significant KS test needs to count as drift; <see langword="null"/> for none.</summary>
    /// <value>Default: <see langword="null"/>; otherwise in (0, 1].</value>
    public double? KolmogorovSmirnovMinimumEffect { get; init; }

    /// <summary>Gets the method of the KS test.</summary>
    /// <value>Default: <see cref="KolmogorovSmirnovMethod.Auto"/> (exact up to 10 000 values per side, asymptotic above, as scipy).</value>
    public KolmogorovSmirnovMethod KolmogorovSmirnovMethod { get; init; } = KolmogorovSmirnovMethod.Auto;

    /// <summary>Gets the normalised Wasserstein distance at or above which a feature drifts.</summary>
    /// <value>Default: 0.1 (Evidently's default); must be positive.</value>
    public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>Gets the Jensen–Shannon distance at or above which a feature drifts.</summary>
    /// <value>Default: 0.1 (Evidently's default); must be positive.</value>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Gets the Hellinger distance at or above which a feature drifts.</summary>
    /// <value>Default: 0.1 (Evidently's default); must be positive.</value>
    public double HellingerThreshold { get; init; } = 0.1;

    /// <summary>Gets the Kullback–Leibler divergence at or above which a feature drifts.</summary>
    /// <value>Default: 0.1 (Evidently's default); must be positive.</value>
    public double KullbackLeiblerThreshold { get; init; } = 0.1;

    /// <summary>Gets the energy distance at or above which a feature drifts.</summary>
    /// <value>Default: 0.1 (Evidently's default); must be positive.</value>
    public double EnergyDistanceThreshold { get; init; } = 0.1;

    /// <summary>Gets the L∞ distance (largest change of a category's share) at or above which a feature drifts.</summary>
    /// <value>Default: 0.1; must be positive.</value>
    public double MaxProportionChangeThreshold { get; init; } = 0.1;

    /// <summary>Gets the ε that replaces zero bin proportions in PSI and KL (no renormalisation).</summary>
    /// <value>Default: 1e-4; must be positive and below 1.</value>
    public double Epsilon { get; init; } = 1e-4;

    /// <summary>Gets the fewest non-missing values the window (and the reference) must hold for the distribution statistics to be computed.</summary>
    /// <value>Default: 30; at least 1. Below it the feature is <see cref="DriftDecision.InsufficientData"/> unless its missing rate alone drifted.</value>
    public int MinimumSampleSize { get; init; } = 30;

    /// <summary>Gets the change of the missing rate (absolute, in share of rows) at or above which a feature gets a warning; <see langword="null"/> to disable.</summary>
    /// <value>Default: 0.05 (five percentage points); in (0, 1].</value>
    public double? MissingRateWarningThreshold { get; init; } = 0.05;

    /// <summary>Gets the change of the missing rate (absolute) at or above which a feature drifts; <see langword="null"/> to disable.</summary>
    /// <value>Default: 0.1 (ten percentage points); in (0, 1].</value>
    public double? MissingRateDriftThreshold { get; init; } = 0.1;

    /// <summary>Adds a description of every invalid value to <paramref name="errors"/>, prefixed with <paramref name="path"/>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            errors.Add(FormattableString.Invariant($"{path}.Alpha must be in (0, 1), was {Alpha}."));
        }

        Positive(PsiWarningThreshold, nameof(PsiWarningThreshold));
        Positive(PsiDriftThreshold, nameof(PsiDriftThreshold));
        if (PsiWarningThreshold > PsiDriftThreshold)
        {
            errors.Add(FormattableString.Invariant(
                $"{path}.PsiWarningThreshold ({PsiWarningThreshold}) must not exceed {path}.PsiDriftThreshold ({PsiDriftThreshold})."));
        }

        if (KolmogorovSmirnovMinimumEffect is { } delta && !(delta > 0 && delta <= 1))
        {
            errors.Add(FormattableString.Invariant($"{path}.KolmogorovSmirnovMinimumEffect must be in (0, 1], was {delta}."));
        }

        if (!Enum.IsDefined(KolmogorovSmirnovMethod))
        {
            errors.Add($"{path}.KolmogorovSmirnovMethod '{KolmogorovSmirnovMethod}' is not a KS method.");
        }

        Positive(WassersteinThreshold, nameof(WassersteinThreshold));
        Positive(JensenShannonThreshold, nameof(JensenShannonThreshold));
        Positive(HellingerThreshold, nameof(HellingerThreshold));
        Positive(KullbackLeiblerThreshold, nameof(KullbackLeiblerThreshold));
        Positive(EnergyDistanceThreshold, nameof(EnergyDistanceThreshold));
        Positive(MaxProportionChangeThreshold, nameof(MaxProportionChangeThreshold));
        if (!(Epsilon > 0 && Epsilon < 1))
        {
            errors.Add(FormattableString.Invariant($"{path}.Epsilon must be in (0, 1), was {Epsilon}."));
        }

        if (MinimumSampleSize < 1)
        {
            errors.Add(FormattableString.Invariant($"{path}.MinimumSampleSize must be at least 1, was {MinimumSampleSize}."));
        }

        Share(MissingRateWarningThreshold, nameof(MissingRateWarningThreshold));
        Share(MissingRateDriftThreshold, nameof(MissingRateDriftThreshold));
        if (MissingRateWarningThreshold > MissingRateDriftThreshold)
        {
            errors.Add($"{path}.MissingRateWarningThreshold must not exceed {path}.MissingRateDriftThreshold.");
        }

        if ((NumericStatistics & ~(NumericStatistics)255) != 0)
        {
            errors.Add($"{path}.NumericStatistics '{NumericStatistics}' holds unknown flags.");
        }

        if ((CategoricalStatistics & ~(CategoricalStatistics)63) != 0)
        {
            errors.Add($"{path}.CategoricalStatistics '{CategoricalStatistics}' holds unknown flags.");
        }

        void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsPositiveInfinity(value))
            {
                errors.Add(FormattableString.Invariant($"{path}.{name} must be positive and finite, was {value}."));
            }
        }

        void Share(double? value, string name)
        {
            if (value is { } v && !(v > 0 && v <= 1))
            {
                errors.Add(FormattableString.Invariant($"{path}.{name} must be in (0, 1], was {v}."));
            }
        }
    }
}
