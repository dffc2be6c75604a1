using System.Text.Json.Serialization;

namespace RetrainTriggers.Drift;

/// <summary>The drift result of one feature: counts, every statistic, the decision and the reasons for it.</summary>
public sealed class FeatureDriftResult
{
    [JsonConstructor]
    internal FeatureDriftResult()
    {
    }

    /// <summary>Gets the feature name.</summary>
    [JsonInclude]
    public string Feature { get; internal init; } = string.Empty;

    /// <summary>Gets the feature kind.</summary>
    [JsonInclude]
    public FeatureKind Kind { get; internal init; }

    /// <summary>Gets the feature's decision: the most severe of its statistics and its missing-rate signal.</summary>
    [JsonInclude]
    public DriftDecision Decision { get; internal init; }

    /// <summary>Gets one line per statistic that warned or drifted, or why data were insufficient; empty when nothing happened.</summary>
    [JsonInclude]
    public IReadOnlyList<string> Reasons { get; internal init; } = [];

    /// <summary>Gets the computed statistics, in <see cref="DriftStatistic"/> order.</summary>
    [JsonInclude]
    public IReadOnlyList<DriftStatisticResult> Statistics { get; internal init; } = [];

    /// <summary>Gets the number of non-missing reference values.</summary>
    [JsonInclude]
    public long ReferenceCount { get; internal init; }

    /// <summary>Gets the number of missing reference values.</summary>
    [JsonInclude]
    public long ReferenceMissingCount { get; internal init; }

    /// <summary>Gets the number of non-missing values in the window.</summary>
    [JsonInclude]
    public long CurrentCount { get; internal init; }

    /// <summary>Gets the number of missing values in the window (NaN/±∞ or <see langword="null"/>).</summary>
    [JsonInclude]
    public long CurrentMissingCount { get; internal init; }

    /// <summary>Gets the p-value of the feature's primary test (KS, else Cramér–von Mises; z-test, else chi-square), if any.</summary>
    [JsonInclude]
    public double? PValue { get; internal init; }

    /// <summary>Gets <see cref="PValue"/> adjusted across features when the dataset rule is <see cref="DatasetDriftRule.AnyFeatureAfterCorrection"/>.</summary>
    [JsonInclude]
    public double? AdjustedPValue { get; internal set; }

    /// <summary>Gets the feature's weight in the drift share (its importance, or 1).</summary>
    [JsonInclude]
    public double Weight { get; internal init; } = 1;

    /// <summary>Gets the statistic that explains the decision: the first (in <see cref="DriftStatistic"/> order) that reached the feature's decision, else the first computed distribution statistic.</summary>
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

        return Statistics.FirstOrDefault(s => s.Statistic != DriftStatistic.MissingRateChange && s.Value is not null)
            ?? Statistics.FirstOrDefault(s => s.Value is not null);
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

    /// <summary>Describes the feature on one line: decision, name, kind and reasons.</summary>
    /// <returns>A line like <c>[Drift] age (Numeric): PSI 0.41 &gt;= 0.2</c>; see <see cref="DriftReport.Explain"/> for the statistics.</returns>
    internal string Describe() =>
        $"[{Decision}] {Feature} ({Kind}): {(Reasons.Count == 0 ? "no change" : string.Join("; ", Reasons))}";
}
