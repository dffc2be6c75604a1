using System.Text.Json.Serialization;

namespace RetrainTriggers.Evaluation;

/// <summary>How one promotion rule judged one challenger: the values compared, the threshold, the statistics and the verdict with its reason.</summary>
public sealed class RuleResult
{
    [JsonConstructor]
    internal RuleResult()
    {
    }

    /// <summary>Gets the rule as configured, for example <c>Superior(accuracy, margin 0.01)</c>.</summary>
    [JsonInclude]
    [JsonRequired]
    public string Rule { get; internal init; } = string.Empty;

    /// <summary>Gets the kind of rule.</summary>
    [JsonInclude]
    [JsonRequired]
    public RuleKind Kind { get; internal init; }

    /// <summary>Gets the metric the rule reads, or <see langword="null"/> for rules on per-row outcomes or row counts.</summary>
    [JsonInclude]
    public string? Metric { get; internal init; }

    /// <summary>Gets the verdict.</summary>
    [JsonInclude]
    [JsonRequired]
    public RuleStatus Status { get; internal init; }

    /// <summary>Gets the challenger's value (metric value, per-row mean or row count), or <see langword="null"/> when missing.</summary>
    [JsonInclude]
    public double? ChallengerValue { get; internal init; }

    /// <summary>Gets the champion's (baseline) value, or <see langword="null"/> when there is no champion or the value is missing.</summary>
    [JsonInclude]
    public double? ChampionValue { get; internal init; }

    /// <summary>Gets the improvement the rule measured (challenger over champion, in the metric's good direction), when it measures one.</summary>
    [JsonInclude]
    public double? Improvement { get; internal init; }

    /// <summary>Gets the rule's main threshold (bound, margin, alpha or minimum rows), when it has one.</summary>
    [JsonInclude]
    public double? Threshold { get; internal init; }

    /// <summary>Gets the condition that must hold, in words and symbols, for example <c>accuracy(challenger) - accuracy(champion) &gt; 0.01</c>.</summary>
    [JsonInclude]
    [JsonRequired]
    public string Condition { get; internal init; } = string.Empty;

    /// <summary>Gets the p-value of a significance rule.</summary>
    [JsonInclude]
    public double? PValue { get; internal init; }

    /// <summary>Gets the lower end of a bootstrap confidence interval (challenger minus champion).</summary>
    [JsonInclude]
    public double? IntervalLower { get; internal init; }

    /// <summary>Gets the upper end of a bootstrap confidence interval (challenger minus champion).</summary>
    [JsonInclude]
    public double? IntervalUpper { get; internal init; }

    /// <summary>Gets why the rule passed, failed or was skipped, in one sentence.</summary>
    [JsonInclude]
    [JsonRequired]
    public string Reason { get; internal init; } = string.Empty;

    /// <summary>A copy with the given values set (each <see langword="null"/> argument keeps this result's value).</summary>
    internal RuleResult With(
        double? challengerValue = null,
        double? championValue = null,
        double? improvement = null,
        double? threshold = null,
        double? pValue = null,
        double? intervalLower = null,
        double? intervalUpper = null) => new()
    {
        Rule = Rule,
        Kind = Kind,
        Metric = Metric,
        Status = Status,
        Condition = Condition,
        Reason = Reason,
        ChallengerValue = challengerValue ?? ChallengerValue,
        ChampionValue = championValue ?? ChampionValue,
        Improvement = improvement ?? Improvement,
        Threshold = threshold ?? Threshold,
        PValue = pValue ?? PValue,
        IntervalLower = intervalLower ?? IntervalLower,
        IntervalUpper = intervalUpper ?? IntervalUpper,
    };
}
