using System.Globalization;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>Requires the holdout to have at least a minimum number of rows; applies with or without a champion.</summary>
internal sealed class MinimumSampleSizeRule : PromotionRule
{
    private readonly long _minimum;

    public MinimumSampleSizeRule(long minimum)
        : base(
            RuleKind.MinimumSampleSize,
            null,
            string.Create(CultureInfo.InvariantCulture, $"MinimumSampleSize({minimum})"),
            string.Create(CultureInfo.InvariantCulture, $"holdout rows >= {minimum}"))
    {
        _minimum = minimum;
    }

    public override bool IsComparative => false;

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        long rows = challenger.RowCount;
        RuleResult result = rows >= _minimum
            ? Result(RuleStatus.Passed, string.Create(CultureInfo.InvariantCulture, $"The holdout has {rows} rows, at least the minimum {_minimum}."))
            : Result(RuleStatus.Failed, string.Create(CultureInfo.InvariantCulture, $"The holdout has {rows} rows, fewer than the minimum {_minimum}; the metrics are too noisy to decide on."));
        return result.With(challengerValue: rows, championValue: champion?.RowCount, threshold: _minimum);
    }
}
