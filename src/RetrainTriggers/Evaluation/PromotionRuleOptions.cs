using RetrainTriggers.Statistics;

namespace RetrainTriggers.Evaluation;

/// <summary>One promotion rule as configuration describes it (for example an entry of <c>Promotion:Rules</c> in appsettings.json).</summary>
/// <remarks>
/// <see cref="Kind"/> chooses the rule; only the properties that kind uses may be set, and
/// <see cref="PromotionPolicy.FromOptions"/> reports any other as an error naming its option path.
/// The semantics are those of the matching <see cref="PromotionPolicyBuilder"/> method.
/// </remarks>
public sealed class PromotionRuleOptions
{
    /// <summary>Gets or sets the kind of rule.</summary>
    public RuleKind Kind { get; set; }

    /// <summary>Gets or sets the metric the rule reads (all kinds except McNemar, PairedBootstrap and MinimumSampleSize).</summary>
    public string? Metric { get; set; }

    /// <summary>Gets or sets the lower bound (ValueThreshold).</summary>
    public double? LowerBound { get; set; }

    /// <summary>Gets or sets the upper bound (ValueThreshold).</summary>
    public double? UpperBound { get; set; }

    /// <summary>Gets or sets the minimum absolute improvement (Change).</summary>
    public double? Absolute { get; set; }

    /// <summary>Gets or sets the minimum relative improvement as a fraction (Change).</summary>
    public double? Relative { get; set; }

    /// <summary>Gets or sets whether boundary values pass (ValueThreshold, Change).</summary>
    /// <value>Default <see cref="ThresholdComparison.Inclusive"/>.</value>
    public ThresholdComparison? Comparison { get; set; }

    /// <summary>Gets or sets the margin (Superior: default 0; NonInferior: required), at least 0.</summary>
    public double? Margin { get; set; }

    /// <summary>Gets or sets the largest plausible improvement (SuspiciousImprovement, required), at least 0.</summary>
    public double? MaxImprovement { get; set; }

    /// <summary>Gets or sets the significance level (McNemar), in (0, 1).</summary>
    /// <value>Default 0.05.</value>
    public double? Alpha { get; set; }

    /// <summary>Gets or sets the p-value method (McNemar).</summary>
    /// <value>Default <see cref="McNemarMethod.Exact"/>.</value>
    public McNemarMethod? Method { get; set; }

    /// <summary>Gets or sets which per-row outcomes are compared (PairedBootstrap).</summary>
    /// <value>Default <see cref="PerRowOutcome.RowCorrect"/>.</value>
    public PerRowOutcome? Values { get; set; }

    /// <summary>Gets or sets the confidence level (PairedBootstrap), in (0, 1).</summary>
    /// <value>Default 0.95.</value>
    public double? ConfidenceLevel { get; set; }

    /// <summary>Gets or sets the number of resamples (PairedBootstrap), from 100 to <see cref="PairedBootstrap.MaxResamples"/> (one million).</summary>
    /// <value>Default 1000.</value>
    public int? Resamples { get; set; }

    /// <summary>Gets or sets the generator seed (PairedBootstrap).</summary>
    /// <value>Default <see cref="PairedBootstrap.DefaultSeed"/>.</value>
    public ulong? Seed { get; set; }

    /// <summary>Gets or sets the minimum number of holdout rows (MinimumSampleSize, required), at least 1.</summary>
    public long? Rows { get; set; }
}
