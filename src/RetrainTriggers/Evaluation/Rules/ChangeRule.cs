using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>
/// Change versus the champion (TFMA <c>GenericChangeThreshold</c>, MLflow <c>min_absolute_change</c>/<c>min_relative_change</c>),
/// and the named modes built on it: <see cref="RuleKind.Superior"/> and <see cref="RuleKind.NonInferior"/>.
/// </summary>
/// <remarks>
/// improvement = challenger − champion (higher is better) or champion − challenger (lower is better).
/// Absolute part: improvement ≥ absolute. Relative part: improvement / |champion| ≥ relative, except that a champion of 0
/// has no relative scale, so the relative part then requires strict improvement (improvement &gt; 0).
/// Both parts must pass when both are set; <see cref="ThresholdComparison.Strict"/> turns each ≥ into &gt;.
/// </remarks>
internal sealed class ChangeRule : PromotionRule
{
    private readonly MetricDirection _direction;
    private readonly double? _absolute;
    private readonly double? _relative;
    private readonly ThresholdComparison _comparison;

    private ChangeRule(RuleKind kind, string name, string metric, MetricDirection direction, double? absolute, double? relative, ThresholdComparison comparison)
        : base(kind, metric, name, ConditionText(metric, direction, absolute, relative, comparison))
    {
        _direction = direction;
        _absolute = absolute;
        _relative = relative;
        _comparison = comparison;
    }

    public override bool IsComparative => true;

    public static ChangeRule Change(string metric, MetricDirection direction, double? absolute, double? relative, ThresholdComparison comparison)
    {
        var parts = new List<string>(3);
        if (absolute is double a)
        {
            parts.Add($"absolute {Format(a)}");
        }

        if (relative is double r)
        {
            parts.Add($"relative {Format(r)}");
        }

        if (comparison == ThresholdComparison.Strict)
        {
            parts.Add("strict");
        }

        return new ChangeRule(RuleKind.Change, $"Change({metric}, {string.Join(", ", parts)})", metric, direction, absolute, relative, comparison);
    }

    public static ChangeRule Superior(string metric, MetricDirection direction, double margin) =>
        new(RuleKind.Superior, $"Superior({metric}, margin {Format(margin)})", metric, direction, margin, null, ThresholdComparison.Strict);

    public static ChangeRule NonInferior(string metric, MetricDirection direction, double margin) =>
        new(RuleKind.NonInferior, $"NonInferior({metric}, margin {Format(margin)})", metric, direction, -margin, null, ThresholdComparison.Inclusive);

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        string metric = Metric!;
        double? threshold = Kind == RuleKind.NonInferior ? -_absolute : _absolute ?? _relative;
        if (!TryRead(challenger, metric, "challenger", out double value, out string missing))
        {
            return Result(RuleStatus.Failed, missing).With(threshold: threshold);
        }

        if (!TryRead(champion!, metric, "champion", out double baseline, out missing))
        {
            return Result(RuleStatus.Failed, missing).With(challengerValue: value, threshold: threshold);
        }

        Number improvement = Improvement(value, baseline, _direction);
        RuleResult Judged(RuleStatus status, string reason) =>
            Result(status, reason).With(challengerValue: value, championValue: baseline, improvement: improvement.Value, threshold: threshold);

        string values = $"(challenger {Format(value)}, champion {Format(baseline)})";
        if (_absolute is double absolute && !AtLeast(improvement, absolute, _comparison))
        {
            string reason = Kind switch
            {
                RuleKind.Superior => $"{metric} improved by {Format(improvement.Value)} {values}, which is not > the margin {Format(absolute)}.",
                RuleKind.NonInferior => $"{metric} got worse by {Format(-improvement.Value)} {values}, more than the allowed margin {Format(-absolute)}.",
                _ => $"{metric} improvement {Format(improvement.Value)} {values} is not {LowerSymbol(_comparison)} the absolute threshold {Format(absolute)}.",
            };
            return Judged(RuleStatus.Failed, reason);
        }

        if (_relative is double relative)
        {
            if (baseline == 0)
            {
                // No relative scale around 0: require strict improvement, as documented.
                if (improvement.CompareTo(Number.Of(0)) <= 0)
                {
                    return Judged(RuleStatus.Failed, $"The champion's {metric} is 0, so the relative rule requires strict improvement; the improvement is {Format(improvement.Value)} {values}.");
                }
            }
            else
            {
                Number ratio = improvement.DividedByMagnitudeOf(Number.Of(baseline));
                if (!AtLeast(ratio, relative, _comparison))
                {
                    return Judged(RuleStatus.Failed, $"{metric} relative improvement {Format(ratio.Value)} {values} is not {LowerSymbol(_comparison)} the relative threshold {Format(relative)}.");
                }
            }
        }

        string passed = Kind switch
        {
            RuleKind.Superior => $"{metric} improved by {Format(improvement.Value)} {values}, more than the margin {Format(_absolute!.Value)}.",
            RuleKind.NonInferior when improvement.Value < 0 => $"{metric} got worse by {Format(-improvement.Value)} {values}, within the allowed margin {Format(-_absolute!.Value)}.",
            RuleKind.NonInferior => $"{metric} did not get worse {values}; the allowed margin is {Format(-_absolute!.Value)}.",
            _ => $"{metric} improvement {Format(improvement.Value)} {values} satisfies {Condition}.",
        };
        return Judged(RuleStatus.Passed, passed);
    }

    private static string ConditionText(string metric, MetricDirection direction, double? absolute, double? relative, ThresholdComparison comparison)
    {
        string improvement = direction == MetricDirection.HigherIsBetter
            ? $"{metric}(challenger) - {metric}(champion)"
            : $"{metric}(champion) - {metric}(challenger)";
        string symbol = LowerSymbol(comparison);
        var parts = new List<string>(2);
        if (absolute is double a)
        {
            parts.Add($"{improvement} {symbol} {Format(a)}");
        }

        if (relative is double r)
        {
            parts.Add($"({improvement}) / |{metric}(champion)| {symbol} {Format(r)} (strict improvement when the champion is 0)");
        }

        return string.Join(" and ", parts);
    }
}
