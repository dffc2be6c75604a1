using System.Globalization;
using RetrainTriggers.Statistics;
using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>
/// Passes only when the challenger gets significantly more rows right than the champion: McNemar's two-sided p-value
/// below alpha and more rows right only for the challenger (c) than only for the champion (b).
/// </summary>
/// <remarks>
/// The test is two-sided (as statsmodels reports it); the direction check turns it into a one-sided decision at level
/// alpha / 2 in the challenger's favour, the conservative reading: a significant difference in the champion's favour fails.
/// </remarks>
internal sealed class McNemarRule : PromotionRule
{
    private readonly double _alpha;
    private readonly McNemarMethod _method;

    public McNemarRule(double alpha, McNemarMethod method)
        : base(
            RuleKind.McNemar,
            null,
            $"McNemar(alpha {Format(alpha)}, {method})",
            $"McNemar p-value < {Format(alpha)} and challenger-only-correct rows > champion-only-correct rows")
    {
        _alpha = alpha;
        _method = method;
    }

    public override bool IsComparative => true;

    public override bool IsPaired => true;

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        IReadOnlyList<bool>? first = champion!.RowCorrect;
        IReadOnlyList<bool>? second = challenger.RowCorrect;
        if (first is null || second is null)
        {
            string who = first is null && second is null ? "either model" : first is null ? "the champion" : "the challenger";
            return Result(RuleStatus.Failed, $"Per-row correctness (RowCorrect) is missing for {who}; McNemar needs it for both.").With(threshold: _alpha);
        }

        long onlyFirst = 0;
        long onlySecond = 0;
        long firstRight = 0;
        long secondRight = 0;
        for (int i = 0; i < second.Count; i++)
        {
            bool a = first[i];
            bool b = second[i];
            firstRight += a ? 1 : 0;
            secondRight += b ? 1 : 0;
            if (a && !b)
            {
                onlyFirst++;
            }
            else if (b && !a)
            {
                onlySecond++;
            }
        }

        McNemarResult test = McNemar.Test(onlyFirst, onlySecond, _method);
        bool significant = test.PValue < _alpha;
        bool better = onlySecond > onlyFirst;
        string counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{onlySecond} rows right only for the challenger vs {onlyFirst} only for the champion, p = {Format(test.PValue)}");
        RuleResult result = (significant, better) switch
        {
            (true, true) => Result(RuleStatus.Passed, $"The challenger is significantly better: {counts} < {Format(_alpha)}."),
            (true, false) => Result(RuleStatus.Failed, $"The champion is significantly better: {counts} < {Format(_alpha)}."),
            _ => Result(RuleStatus.Failed, $"No significant difference: {counts}, not < {Format(_alpha)}."),
        };
        int n = second.Count;
        return result.With(challengerValue: n == 0 ? null : (double)secondRight / n, championValue: n == 0 ? null : (double)firstRight / n, improvement: n == 0 ? null : (double)(onlySecond - onlyFirst) / n, threshold: _alpha, pValue: test.PValue);
    }
}
