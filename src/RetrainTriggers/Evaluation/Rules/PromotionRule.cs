namespace RetrainTriggers.Evaluation.Rules;

/// <summary>One configured, validated promotion rule; immutable once its policy is built.</summary>
internal abstract class PromotionRule
{
    protected PromotionRule(RuleKind kind, string? metric, string name, string condition)
    {
        Kind = kind;
        Metric = metric;
        Name = name;
        Condition = condition;
    }

    public RuleKind Kind { get; }

    public string? Metric { get; }

    /// <summary>Gets the rule as configured, for example <c>Superior(accuracy, margin 0.01)</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the condition that must hold, for reports.</summary>
    public string Condition { get; }

    /// <summary>Gets a value indicating whether the rule compares with a champion (skipped without one).</summary>
    public abstract bool IsComparative { get; }

    /// <summary>Gets a value indicating whether the rule pairs per-row outcomes (champion and challenger must share the holdout).</summary>
    public virtual bool IsPaired => false;

    /// <summary>Judges the challenger; <paramref name="champion"/> is non-null whenever <see cref="IsComparative"/> is true.</summary>
    public abstract RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion);

    public RuleResult Skipped() => new()
    {
        Rule = Name,
        Kind = Kind,
        Metric = Metric,
        Status = RuleStatus.Skipped,
        Condition = Condition,
        Reason = "Skipped (no champion): the rule compares with a champion and there is none yet.",
    };

    protected RuleResult Result(RuleStatus status, string reason) => new()
    {
        Rule = Name,
        Kind = Kind,
        Metric = Metric,
        Status = status,
        Condition = Condition,
        Reason = reason,
    };

    /// <summary>Reads a metric, or explains why it cannot be used (missing, NaN or infinite: no rule can judge a non-finite value).</summary>
    protected static bool TryRead(ModelEvaluation evaluation, string metric, string role, out double value, out string reason)
    {
        if (!evaluation.Metrics.TryGetValue(metric, out value))
        {
            reason = $"Metric '{metric}' is missing from the {role}'s evaluation.";
            return false;
        }

        if (!double.IsFinite(value))
        {
            reason = $"Metric '{metric}' is {MetricArithmetic.Format(value)} for the {role}.";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
