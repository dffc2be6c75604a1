using System.Globalization;
using RetrainTriggers.Statistics;
using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation.Rules;

/// <summary>
/// A seeded paired bootstrap percentile interval of mean(challenger[i] − champion[i]) over per-row outcomes; passes only
/// when the interval excludes 0 on the improving side (lower &gt; 0 for correctness, upper &lt; 0 for losses).
/// </summary>
internal sealed class PairedBootstrapRule : PromotionRule
{
    private readonly PerRowOutcome _values;
    private readonly double _confidenceLevel;
    private readonly int _resamples;
    private readonly ulong _seed;

    public PairedBootstrapRule(PerRowOutcome values, double confidenceLevel, int resamples, ulong seed)
        : base(
            RuleKind.PairedBootstrap,
            null,
            $"PairedBootstrap({values}, level {Format(confidenceLevel)}, {resamples.ToString(CultureInfo.InvariantCulture)} resamples, seed {seed.ToString(CultureInfo.InvariantCulture)})",
            values == PerRowOutcome.RowCorrect
                ? $"lower end of the {Format(confidenceLevel)} interval of mean(challenger correct - champion correct) > 0"
                : $"upper end of the {Format(confidenceLevel)} interval of mean(challenger loss - champion loss) < 0")
    {
        _values = values;
        _confidenceLevel = confidenceLevel;
        _resamples = resamples;
        _seed = seed;
    }

    public override bool IsComparative => true;

    public override bool IsPaired => true;

    public override RuleResult Evaluate(ModelEvaluation challenger, ModelEvaluation? champion)
    {
        double[]? x = Values(challenger, out string? problem, "challenger");
        double[]? y = x is null ? null : Values(champion!, out problem, "champion");
        if (x is null || y is null)
        {
            return Result(RuleStatus.Failed, problem!).With(threshold: _confidenceLevel);
        }

        PairedBootstrapInterval interval = PairedBootstrap.MeanDifference(x, y, _confidenceLevel, _resamples, _seed);
        string range = $"[{Format(interval.Lower)}, {Format(interval.Upper)}]";
        bool higherIsBetter = _values == PerRowOutcome.RowCorrect;
        bool passed = higherIsBetter ? interval.IsAboveZero : interval.IsBelowZero;
        string what = higherIsBetter ? "accuracy" : "mean loss";
        RuleResult result = passed
            ? Result(RuleStatus.Passed, $"The {Format(_confidenceLevel)} interval of the {what} difference {range} excludes 0 on the improving side.")
            : Result(RuleStatus.Failed, $"The {Format(_confidenceLevel)} interval of the {what} difference {range} does not exclude 0 on the improving side.");
        return result.With(challengerValue: Mean(x), championValue: Mean(y), improvement: higherIsBetter ? interval.MeanDifference : -interval.MeanDifference, threshold: _confidenceLevel, intervalLower: interval.Lower, intervalUpper: interval.Upper);
    }

    private double[]? Values(ModelEvaluation evaluation, out string? problem, string role)
    {
        problem = null;
        if (_values == PerRowOutcome.RowCorrect)
        {
            if (evaluation.RowCorrect is not { } correct)
            {
                problem = $"Per-row correctness (RowCorrect) is missing for the {role}; the paired bootstrap needs it for both models.";
                return null;
            }

            if (correct.Count == 0)
            {
                problem = $"The {role} has no rows; the paired bootstrap needs at least one.";
                return null;
            }

            var values = new double[correct.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = correct[i] ? 1.0 : 0.0;
            }

            return values;
        }

        if (evaluation.RowLosses is not { } losses)
        {
            problem = $"Per-row losses (RowLosses) are missing for the {role}; the paired bootstrap needs them for both models.";
            return null;
        }

        if (losses.Count == 0)
        {
            problem = $"The {role} has no rows; the paired bootstrap needs at least one.";
            return null;
        }

        var result = new double[losses.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double loss = losses[i];
            if (!double.IsFinite(loss))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"The {role}'s loss on row {i} is {loss}; the paired bootstrap needs finite losses.");
                return null;
            }

            result[i] = loss;
        }

        return result;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}
