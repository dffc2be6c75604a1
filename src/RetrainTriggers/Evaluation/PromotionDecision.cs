using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetrainTriggers.Evaluation;

/// <summary>The explained answer to "may this challenger replace the champion?": the outcome, every rule's result and a readable summary.</summary>
/// <remarks>
/// A <see cref="PromotionOutcome.Reject"/> is the signal to alert on: <see cref="FailedRules"/> says which rules failed and why,
/// and <see cref="IsSuspicious"/> flags an improvement too large to believe. The decision round-trips through JSON
/// (<see cref="ToJson"/>/<see cref="FromJson"/>) so run histories can store it.
/// </remarks>
public sealed class PromotionDecision
{
    /// <summary>The default largest document <see cref="FromJson"/> accepts: 64 MiB, as for profiles (<see cref="Drift.DatasetProfile.DefaultMaxDocumentBytes"/>).</summary>
    public const long DefaultMaxDocumentBytes = Drift.DatasetProfile.DefaultMaxDocumentBytes;

    [JsonConstructor]
    internal PromotionDecision()
    {
    }

    /// <summary>Gets whether the challenger may be promoted.</summary>
    [JsonInclude]
    [JsonRequired]
    public PromotionOutcome Outcome { get; internal init; }

    /// <summary>Gets whether a champion was compared with; without one only non-comparative rules were evaluated.</summary>
    [JsonInclude]
    [JsonRequired]
    public bool HasChampion { get; internal init; }

    /// <summary>Gets every configured rule's result, in policy order.</summary>
    [JsonInclude]
    [JsonRequired]
    public IReadOnlyList<RuleResult> Rules { get; internal init; } = [];

    /// <summary>Gets the challenger's metrics as evaluated.</summary>
    [JsonInclude]
    [JsonRequired]
    public IReadOnlyDictionary<string, double> ChallengerMetrics { get; internal init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gets the champion's metrics as evaluated, or <see langword="null"/> without a champion.</summary>
    [JsonInclude]
    public IReadOnlyDictionary<string, double>? ChampionMetrics { get; internal init; }

    /// <summary>Gets the number of holdout rows the challenger was evaluated on.</summary>
    [JsonInclude]
    [JsonRequired]
    public long RowCount { get; internal init; }

    /// <summary>Gets a one-paragraph, human-readable account of the decision.</summary>
    [JsonInclude]
    [JsonRequired]
    public string Summary { get; internal init; } = string.Empty;

    /// <summary>Gets a value indicating whether the outcome is <see cref="PromotionOutcome.Promote"/>.</summary>
    [JsonIgnore]
    public bool IsPromoted => Outcome == PromotionOutcome.Promote;

    /// <summary>Gets the rules that failed (empty when promoted).</summary>
    [JsonIgnore]
    public IEnumerable<RuleResult> FailedRules => Rules.Where(static r => r.Status == RuleStatus.Failed);

    /// <summary>Gets a value indicating whether a <see cref="RuleKind.SuspiciousImprovement"/> rule rejected the challenger.</summary>
    [JsonIgnore]
    public bool IsSuspicious => Rules.Any(static r => r.Kind == RuleKind.SuspiciousImprovement && r.Status == RuleStatus.Failed);

    /// <summary>Serialises the decision to JSON (camelCase, enums as strings, NaN allowed).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Default.PromotionDecision);

    /// <summary>Reads a decision written by <see cref="ToJson"/>; the size is checked before the text is parsed.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in UTF-8 bytes; <see cref="DefaultMaxDocumentBytes"/> by default.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is empty, not JSON or not a decision.</exception>
    /// <exception cref="InvalidDataException">The document is larger than <paramref name="maxDocumentBytes"/>; the message names the limit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static PromotionDecision FromJson(string json, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Drift.DocumentLimit.ThrowIfTooLarge(json, maxDocumentBytes, "promotion decision");
        try
        {
            return JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.PromotionDecision)
                ?? throw new ArgumentException("The JSON text is 'null', not a promotion decision.", nameof(json));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The JSON text is not a promotion decision: {ex.Message}", nameof(json), ex);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Summary;
}
