using RetrainTriggers.Evaluation;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation.Rules;

// PairedBootstrapRule (internal) through the public policy: PromotionPolicyBuilder.PairedBootstrap.
public class PairedBootstrapRuleTests
{
    [Fact]
    public void Evaluate_ClearImprovement_PassesWithInterval()
    {
        (ModelEvaluation champion, ModelEvaluation challenger) = Paired(both: 600, onlyChampion: 40, onlyChallenger: 160, neither: 200);
        PromotionPolicy policy = Builder().PairedBootstrap().Build();

        RuleResult result = policy.Decide(champion, challenger).Rules.Single();

        result.Status.Should().Be(RuleStatus.Passed);
        result.Improvement.Should().BeApproximately(0.12, 1e-12);
        result.IntervalLower.Should().BeGreaterThan(0.08).And.BeLessThan(0.12);
        result.IntervalUpper.Should().BeGreaterThan(0.12).And.BeLessThan(0.16);
        result.Threshold.Should().Be(0.95);
    }

    [Fact]
    public void Evaluate_NoImprovement_Fails()
    {
        (ModelEvaluation champion, ModelEvaluation challenger) = Paired(both: 600, onlyChampion: 50, onlyChallenger: 52, neither: 298);

        RuleResult result = Builder().PairedBootstrap().Build().Decide(champion, challenger).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.IntervalLower.Should().BeLessThan(0);
        result.IntervalUpper.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Evaluate_IsDeterministic()
    {
        (ModelEvaluation champion, ModelEvaluation challenger) = Paired(both: 300, onlyChampion: 30, onlyChallenger: 45, neither: 125);
        PromotionPolicy policy = Builder().PairedBootstrap(resamples: 500, seed: 7).Build();

        RuleResult first = policy.Decide(champion, challenger).Rules.Single();
        RuleResult second = Builder().PairedBootstrap(resamples: 500, seed: 7).Build().Decide(champion, challenger).Rules.Single();

        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public void Evaluate_OnLosses_PassesWhenChallengerLossIsLower()
    {
        var random = new Random(12);
        double[] championLoss = Enumerable.Range(0, 400).Select(_ => 0.5 + random.NextDouble()).ToArray();
        double[] better = championLoss.Select(l => l - 0.1 + (0.05 * random.NextDouble())).ToArray();
        double[] same = championLoss.Select(l => l + (0.1 * (random.NextDouble() - 0.5))).ToArray();
        var metrics = new Dictionary<string, double>();
        PromotionPolicy policy = Builder().PairedBootstrap(PerRowOutcome.RowLosses).Build();

        RuleResult improved = policy.Decide(new ModelEvaluation(400, metrics, rowLosses: championLoss), new ModelEvaluation(400, metrics, rowLosses: better)).Rules.Single();
        RuleResult unchanged = policy.Decide(new ModelEvaluation(400, metrics, rowLosses: championLoss), new ModelEvaluation(400, metrics, rowLosses: same)).Rules.Single();

        improved.Status.Should().Be(RuleStatus.Passed);
        improved.IntervalUpper.Should().BeLessThan(0);
        improved.Improvement.Should().BeGreaterThan(0);
        unchanged.Status.Should().Be(RuleStatus.Failed);
    }

    [Fact]
    public void Evaluate_OnLossesWithNaN_FailsWithReason()
    {
        var metrics = new Dictionary<string, double>();
        PromotionPolicy policy = Builder().PairedBootstrap(PerRowOutcome.RowLosses).Build();

        RuleResult result = policy.Decide(
            new ModelEvaluation(2, metrics, rowLosses: [1.0, 2.0]),
            new ModelEvaluation(2, metrics, rowLosses: [1.0, double.NaN])).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Contain("row 1").And.Contain("NaN");
    }

    [Fact]
    public void Evaluate_WithoutLosses_FailsWithReason()
    {
        (ModelEvaluation champion, ModelEvaluation challenger) = Paired(10, 1, 1, 10);

        RuleResult result = Builder().PairedBootstrap(PerRowOutcome.RowLosses).Build().Decide(champion, challenger).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Contain("RowLosses");
    }
}
