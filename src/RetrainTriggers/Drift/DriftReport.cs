using System.Text.Json;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>One statistic computed for one feature: its value, p-value when it is a test, the threshold used and what it decided.</summary>
/// <param name="Statistic">Which statistic.</param>
/// <param name="Value">The statistic's value (PSI, D, distance, χ², z…); always finite.</param>
/// <param name="PValue">The p-value for tests; <see langword="null"/> for distances.</param>
/// <param name="Threshold">The drift threshold: α for tests, the distance threshold otherwise.</param>
/// <param name="Decision">What this statistic alone decided.</param>
public sealed record DriftStatisticResult(
    DriftStatistic Statistic,
    double Value,
    double? PValue,
    double Threshold,
    DriftDecision Decision)
{
    /// <summary>Gets the bound of the value's error against the full reference (value ± bound) when the reference is a sketch; <see langword="null"/> when exact.</summary>
    public double? ErrorBound { get; init; }
}

/// <summary>The drift result of one feature: counts, every statistic, the decision and the reasons for it.</summary>
public sealed record FeatureDriftResult
{
    /// <summary>Gets the feature name.</summary>
    public required string Feature { get; init; }

    /// <summary>Gets the feature kind.</summary>
    public required FeatureKind Kind { get; init; }

    /// <summary>Gets the feature's decision: the most severe of its statistics and its missing-rate signal.</summary>
    public required DriftDecision Decision { get; init; }

    /// <summary>Gets one line per statistic that warned or drifted, or why data were insufficient; empty when nothing happened.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Gets the computed statistics, in <see cref="DriftStatistic"/> order.</summary>
    public IReadOnlyList<DriftStatisticResult> Statistics { get; init; } = [];

    /// <summary>Gets the number of non-missing reference values.</summary>
    public long ReferenceCount { get; init; }

    /// <summary>Gets the number of missing reference values.</summary>
    public long ReferenceMissingCount { get; init; }

    /// <summary>Gets the number of non-missing values in the window.</summary>
    public long CurrentCount { get; init; }

    /// <summary>Gets the number of missing values in the window (NaN/±∞ or <see langword="null"/>).</summary>
    public long CurrentMissingCount { get; init; }

    /// <summary>Gets the p-value of the feature's primary test (KS, else Cramér–von Mises; z-test, else chi-square), if any.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets <see cref="PValue"/> adjusted across features when the dataset rule is <see cref="DatasetDriftRule.AnyFeatureAfterCorrection"/>.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>Gets the feature's weight in the drift share (its importance, or 1).</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Gets the statistic that explains the decision: the first (in <see cref="DriftStatistic"/> order) that reached the feature's decision, else the first distribution statistic.</summary>
    /// <returns>The headline statistic, or <see langword="null"/> when none was computed.</returns>
    public DriftStatisticResult? Headline()
    {
        if (Decision is DriftDecision.Drift or DriftDecision.Warning)
        {
            var hit = Statistics.FirstOrDefault(s => s.Decision == Decision);
            if (hit is not null)
            {
                return hit;
            }
        }

        return Statistics.FirstOrDefault(s => s.Statistic != DriftStatistic.MissingRateChange) ?? Statistics.FirstOrDefault();
    }

    /// <summary>Gets the value of <paramref name="statistic"/>, if it was computed.</summary>
    /// <param name="statistic">The statistic.</param>
    /// <returns>The result, or <see langword="null"/>.</returns>
    public DriftStatisticResult? Get(DriftStatistic statistic)
    {
        foreach (var s in Statistics)
        {
            if (s.Statistic == statistic)
            {
                return s;
            }
        }

        return null;
    }
}

/// <summary>The outcome of checking one window against a reference profile: every feature's result and the dataset verdict, serialisable to JSON.</summary>
public sealed record DriftReport
{
    /// <summary>Gets when the report was made (from the detector's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the dataset verdict: <see cref="DriftDecision.Drift"/> when <see cref="DatasetRule"/> holds, <see cref="DriftDecision.Warning"/> when some feature warned or drifted without it, <see cref="DriftDecision.InsufficientData"/> when no feature could be judged.</summary>
    public required DriftDecision DatasetDecision { get; init; }

    /// <summary>Gets the rule the verdict used.</summary>
    public required DatasetDriftRule DatasetRule { get; init; }

    /// <summary>Gets the (weighted) share of drifted features among the features that could be judged; 0 when none could.</summary>
    public double DriftShare { get; init; }

    /// <summary>Gets the share threshold of <see cref="DatasetDriftRule.ShareOfDriftedFeatures"/>.</summary>
    public double DriftShareThreshold { get; init; }

    /// <summary>Gets the correction of <see cref="DatasetDriftRule.AnyFeatureAfterCorrection"/>.</summary>
    public MultipleTestingMethod Correction { get; init; }

    /// <summary>Gets the α the dataset rule compared adjusted p-values with (the default rules' α).</summary>
    public double Alpha { get; init; }

    /// <summary>Gets whether feature importances weighted the share.</summary>
    public bool Weighted { get; init; }

    /// <summary>Gets the number of features checked.</summary>
    public int FeatureCount { get; init; }

    /// <summary>Gets the number of drifted features.</summary>
    public int DriftedFeatureCount { get; init; }

    /// <summary>Gets the number of features with a warning.</summary>
    public int WarningFeatureCount { get; init; }

    /// <summary>Gets the number of features that could not be judged.</summary>
    public int InsufficientDataFeatureCount { get; init; }

    /// <summary>Gets a one-line summary of the verdict.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Gets the per-feature results, in ordinal feature order.</summary>
    public IReadOnlyList<FeatureDriftResult> Features { get; init; } = [];

    /// <summary>Gets the features whose decision is <see cref="DriftDecision.Drift"/>.</summary>
    /// <returns>The drifted features, in report order.</returns>
    public IEnumerable<FeatureDriftResult> DriftedFeatures() => Features.Where(f => f.Decision == DriftDecision.Drift);

    /// <summary>Gets the result of <paramref name="feature"/>.</summary>
    /// <param name="feature">The feature name.</param>
    /// <returns>The feature's result.</returns>
    /// <exception cref="ArgumentException">The report has no such feature.</exception>
    public FeatureDriftResult this[string feature]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(feature);
            return Features.FirstOrDefault(f => string.Equals(f.Feature, feature, StringComparison.Ordinal))
                ?? throw new ArgumentException($"The report has no feature '{feature}'.", nameof(feature));
        }
    }

    /// <summary>Gets the short lower-case name of a statistic used in trigger explanations (<c>psi</c>, <c>ks</c>…).</summary>
    /// <param name="statistic">The statistic.</param>
    /// <returns>The short name.</returns>
    public static string ShortName(DriftStatistic statistic) => statistic switch
    {
        DriftStatistic.Psi => "psi",
        DriftStatistic.KolmogorovSmirnov => "ks",
        DriftStatistic.WassersteinNormalized => "wasserstein_norm",
        DriftStatistic.JensenShannon => "js",
        DriftStatistic.Hellinger => "hellinger",
        DriftStatistic.KullbackLeibler => "kl",
        DriftStatistic.EnergyDistance => "energy",
        DriftStatistic.CramerVonMises => "cvm",
        DriftStatistic.LInfinity => "linf",
        DriftStatistic.ChiSquare => "chi2",
        DriftStatistic.TwoProportionZTest => "ztest",
        _ => "missing_rate",
    };

    /// <summary>Serialises the report to JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, DriftJsonContext.Default.DriftReport);

    /// <summary>Reads a report from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid report.</exception>
    public static DriftReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, DriftJsonContext.Default.DriftReport)
                ?? throw new InvalidDataException("The drift report document is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The drift report document is corrupt: {ex.Message}", ex);
        }
    }
}
