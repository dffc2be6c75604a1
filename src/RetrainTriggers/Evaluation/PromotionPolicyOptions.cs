using System.Globalization;

namespace RetrainTriggers.Evaluation;

/// <summary>A promotion policy as configuration describes it; <see cref="PromotionPolicy.FromOptions"/> validates and builds it.</summary>
/// <example>
/// <code>
/// "Promotion": {
///   "Metrics": { "accuracy": "HigherIsBetter", "latency_ms": "LowerIsBetter" },
///   "Rules": [
///     { "Kind": "Superior", "Metric": "accuracy", "Margin": 0.01 },
///     { "Kind": "NonInferior", "Metric": "latency_ms", "Margin": 5 },
///     { "Kind": "McNemar", "Alpha": 0.05 }
///   ]
/// }
/// </code>
/// </example>
public sealed class PromotionPolicyOptions
{
    /// <summary>Gets or sets the declared metric directions by metric name.</summary>
    public IDictionary<string, MetricDirection> Metrics { get; set; } = new Dictionary<string, MetricDirection>(StringComparer.Ordinal);

    /// <summary>Gets or sets the rules, in evaluation order.</summary>
    public IList<PromotionRuleOptions> Rules { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether a policy without rules promotes every challenger.</summary>
    /// <value>Default <see langword="false"/>: a policy without rules rejects.</value>
    public bool AllowUnconditionalPromotion { get; set; }

    /// <summary>Turns the options into a policy; every problem is reported with its option path (<c>Rules[2].Margin</c>).</summary>
    internal PromotionPolicy Build(MetricCatalog? catalog)
    {
        PromotionPolicyBuilder builder = PromotionPolicy.CreateBuilder();
        if (catalog is not null)
        {
            builder.UseCatalog(catalog);
        }

        if (Metrics is not null)
        {
            foreach ((string name, MetricDirection direction) in Metrics)
            {
                builder.Metric(name, direction);
            }
        }

        if (AllowUnconditionalPromotion)
        {
            builder.AllowUnconditionalPromotion();
        }

        IList<PromotionRuleOptions> rules = Rules ?? [];
        for (int i = 0; i < rules.Count; i++)
        {
            Add(builder, rules[i]);
        }

        return builder.Build(static i => string.Create(CultureInfo.InvariantCulture, $"Rules[{i}] "), "options");
    }

    private static void Add(PromotionPolicyBuilder builder, PromotionRuleOptions? rule)
    {
        if (rule is null)
        {
            builder.AddInvalid("(null)", ["is null; remove the empty entry."]);
            return;
        }

        string label = rule.Metric is null ? rule.Kind.ToString() : $"{rule.Kind}({rule.Metric})";
        var errors = new List<string>();
        void Forbid(bool isSet, string property)
        {
            if (isSet)
            {
                errors.Add($"{label}: {property} does not apply to {rule.Kind} rules.");
            }
        }

        void Require(bool isSet, string property)
        {
            if (!isSet)
            {
                errors.Add($"{label}: {property} is required for {rule.Kind} rules.");
            }
        }

        RuleKind kind = rule.Kind;
        bool readsMetric = kind is RuleKind.ValueThreshold or RuleKind.Change or RuleKind.Superior or RuleKind.NonInferior or RuleKind.SuspiciousImprovement;
        Forbid(!readsMetric && rule.Metric is not null, nameof(rule.Metric));
        Forbid(kind != RuleKind.ValueThreshold && (rule.LowerBound is not null), nameof(rule.LowerBound));
        Forbid(kind != RuleKind.ValueThreshold && (rule.UpperBound is not null), nameof(rule.UpperBound));
        Forbid(kind != RuleKind.Change && rule.Absolute is not null, nameof(rule.Absolute));
        Forbid(kind != RuleKind.Change && rule.Relative is not null, nameof(rule.Relative));
        Forbid(kind is not (RuleKind.ValueThreshold or RuleKind.Change) && rule.Comparison is not null, nameof(rule.Comparison));
        Forbid(kind is not (RuleKind.Superior or RuleKind.NonInferior) && rule.Margin is not null, nameof(rule.Margin));
        Forbid(kind != RuleKind.SuspiciousImprovement && rule.MaxImprovement is not null, nameof(rule.MaxImprovement));
        Forbid(kind != RuleKind.McNemar && rule.Alpha is not null, nameof(rule.Alpha));
        Forbid(kind != RuleKind.McNemar && rule.Method is not null, nameof(rule.Method));
        Forbid(kind != RuleKind.PairedBootstrap && rule.Values is not null, nameof(rule.Values));
        Forbid(kind != RuleKind.PairedBootstrap && rule.ConfidenceLevel is not null, nameof(rule.ConfidenceLevel));
        Forbid(kind != RuleKind.PairedBootstrap && rule.Resamples is not null, nameof(rule.Resamples));
        Forbid(kind != RuleKind.PairedBootstrap && rule.Seed is not null, nameof(rule.Seed));
        Forbid(kind != RuleKind.MinimumSampleSize && rule.Rows is not null, nameof(rule.Rows));
        switch (kind)
        {
            case RuleKind.NonInferior:
                Require(rule.Margin is not null, nameof(rule.Margin));
                break;
            case RuleKind.SuspiciousImprovement:
                Require(rule.MaxImprovement is not null, nameof(rule.MaxImprovement));
                break;
            case RuleKind.MinimumSampleSize:
                Require(rule.Rows is not null, nameof(rule.Rows));
                break;
            default:
                if (!Enum.IsDefined(kind))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: Kind {(int)kind} is not defined."));
                }

                break;
        }

        if (errors.Count > 0)
        {
            builder.AddInvalid(label, errors);
            return;
        }

        string metric = rule.Metric!;
        ThresholdComparison comparison = rule.Comparison ?? ThresholdComparison.Inclusive;
        _ = kind switch
        {
            RuleKind.ValueThreshold => builder.ValueThreshold(metric, rule.LowerBound, rule.UpperBound, comparison),
            RuleKind.Change => builder.Change(metric, rule.Absolute, rule.Relative, comparison),
            RuleKind.Superior => builder.Superior(metric, rule.Margin ?? 0),
            RuleKind.NonInferior => builder.NonInferior(metric, rule.Margin!.Value),
            RuleKind.SuspiciousImprovement => builder.SuspiciousImprovement(metric, rule.MaxImprovement!.Value),
            RuleKind.McNemar => builder.McNemar(rule.Alpha ?? 0.05, rule.Method ?? Statistics.McNemarMethod.Exact),
            RuleKind.PairedBootstrap => builder.PairedBootstrap(
                rule.Values ?? PerRowOutcome.RowCorrect,
                rule.ConfidenceLevel ?? Statistics.PairedBootstrap.DefaultConfidenceLevel,
                rule.Resamples ?? Statistics.PairedBootstrap.DefaultResamples,
                rule.Seed ?? Statistics.PairedBootstrap.DefaultSeed),
            _ => builder.MinimumSampleSize(rule.Rows!.Value),
        };
    }
}
