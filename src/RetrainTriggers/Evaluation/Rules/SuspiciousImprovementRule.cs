using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>Rejects an improvement over the champion larger than a plausible maximum (leakage, a broken holdout, a label bug).</summary>
internal sealed class SuspiciousImprovementRule : PromotionRule
{
    private readonly MetricDirection _direction;
    private readonly double _max;

    public SuspiciousImprovementRule(string metric, MetricDirection direction, double max)
        : base(
            RuleKind.SuspiciousImprovement,
            metric,
            $"SuspiciousImprovement({metric}, max {Format(max)})",
            direction == MetricDirection.HigherIsBetter
                ? $"{metric}(challenger) - {metric}(champion) <= {Format(max)}"
                : $"{metric}(champion) - {metric}(challenger) <= {Format(max)}")
    {
        _direction = direction;
        _max = max;
    }

    public override bool IsComparative => true;

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        string metric = Metric!;
        if (!TryRead(challenger, metric, "challenger", out double value, out string missing))
        {
            return Result(RuleStatus.Failed, missing).With(threshold: _max);
        }

        if (!TryRead(champion!, metric, "champion", out double baseline, out missing))
        {
            return Result(RuleStatus.Failed, missing).With(challengerValue: value, threshold: _max);
        }

        Number improvement = Improvement(value, baseline, _direction);
        string values = $"(challenger {Format(value)}, champion {Format(baseline)})";
        RuleResult result = improvement.CompareTo(Number.Of(_max)) > 0
            ? Result(RuleStatus.Failed, $"Suspicious improvement: {metric} improved by {Format(improvement.Value)} {values}, more than the plausible maximum {Format(_max)}; check for label leakage or a broken holdout.")
            : Result(RuleStatus.Passed, $"{metric} improved by {Format(improvement.Value)} {values}, within the plausible maximum {Format(_max)}.");
        return result.With(challengerValue: value, championValue: baseline, improvement: improvement.Value, threshold: _max);
    }
}
