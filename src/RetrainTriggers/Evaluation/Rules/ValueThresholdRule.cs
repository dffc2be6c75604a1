using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>Bounds on the challenger's value: <c>lower ≤ value ≤ upper</c> (inclusive) or strict; needs no champion.</summary>
internal sealed class ValueThresholdRule : PromotionRule
{
    private readonly double? _lower;
    private readonly double? _upper;
    private readonly ThresholdComparison _comparison;

    public ValueThresholdRule(string metric, double? lower, double? upper, ThresholdComparison comparison)
        : base(RuleKind.ValueThreshold, metric, Describe(metric, lower, upper, comparison), ConditionText(metric, lower, upper, comparison))
    {
        _lower = lower;
        _upper = upper;
        _comparison = comparison;
    }

    public override bool IsComparative => false;

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        string metric = Metric!;
        double? threshold = _lower ?? _upper;
        if (!TryRead(challenger, metric, "challenger", out double value, out string missing))
        {
            return Result(RuleStatus.Failed, missing).With(threshold: threshold);
        }

        double? championValue = champion is not null && champion.Metrics.TryGetValue(metric, out double c) ? c : null;
        var number = Number.Of(value);
        bool strict = _comparison == ThresholdComparison.Strict;
        if (_lower is double lower && !AtLeast(number, lower, _comparison))
        {
            return Result(RuleStatus.Failed, $"{metric} {Format(value)} is not {LowerSymbol(_comparison)} the lower bound {Format(lower)}.").With(challengerValue: value, championValue: championValue, threshold: threshold);
        }

        if (_upper is double upper)
        {
            int sign = number.CompareTo(Number.Of(upper));
            if (strict ? sign >= 0 : sign > 0)
            {
                return Result(RuleStatus.Failed, $"{metric} {Format(value)} is not {UpperSymbol(_comparison)} the upper bound {Format(upper)}.").With(challengerValue: value, championValue: championValue, threshold: threshold);
            }
        }

        return Result(RuleStatus.Passed, $"{metric} {Format(value)} satisfies {Condition}.").With(challengerValue: value, championValue: championValue, threshold: threshold);
    }

    private static string Describe(string metric, double? lower, double? upper, ThresholdComparison comparison)
    {
        string strict = comparison == ThresholdComparison.Strict ? ", strict" : string.Empty;
        return (lower, upper) switch
        {
            (double l, double u) => $"ValueThreshold({metric}, {Format(l)}..{Format(u)}{strict})",
            (double l, null) => $"ValueThreshold({metric}, lower {Format(l)}{strict})",
            (null, double u) => $"ValueThreshold({metric}, upper {Format(u)}{strict})",
            _ => $"ValueThreshold({metric})",
        };
    }

    private static string ConditionText(string metric, double? lower, double? upper, ThresholdComparison comparison)
    {
        string lowerPart = lower is double l ? $"{metric} {LowerSymbol(comparison)} {Format(l)}" : string.Empty;
        string upperPart = upper is double u ? $"{metric} {UpperSymbol(comparison)} {Format(u)}" : string.Empty;
        return lowerPart.Length > 0 && upperPart.Length > 0 ? $"{lowerPart} and {upperPart}" : lowerPart + upperPart;
    }
}
