using RetrainTriggers.Evaluation;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation.Rules;

// PromotionRule (internal base): how every metric rule treats missing and NaN inputs.
public class PromotionRuleTests
{
    [Fact]
    public void Evaluate_ChallengerMetricNaN_FailsWithReason()
    {
        PromotionPolicy policy = Builder().ValueThreshold("accuracy", 0.5).Build();

        RuleResult result = policy.Decide(null, Accuracy(double.NaN)).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Be("Metric 'accuracy' is NaN for the challenger.");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Evaluate_ChallengerMetricInfinite_FailsEveryMetricRuleLikeNaN(double accuracy, string shown)
    {
        PromotionPolicy policy = Builder()
            .ValueThreshold("accuracy", 0.5)
            .Change("accuracy", absolute: 0)
            .Superior("accuracy")
            .NonInferior("accuracy", 0.1)
            .SuspiciousImprovement("accuracy", 0.2)
            .Build();

        PromotionDecision decision = policy.Decide(Accuracy(0.8), Accuracy(accuracy));

        decision.IsPromoted.Should().BeFalse();
        decision.Rules.Should().OnlyContain(r => r.Status == RuleStatus.Failed && r.Reason == $"Metric 'accuracy' is {shown} for the challenger.");
    }

    [Fact]
    public void Evaluate_SuperiorWithInfiniteChallenger_DoesNotPromote()
    {
        PromotionDecision decision = Builder().Superior("accuracy").Build().Decide(Accuracy(0.8), Accuracy(double.PositiveInfinity));

        decision.IsPromoted.Should().BeFalse();
        decision.Summary.Should().NotContain("improved by Infinity");
    }

    [Fact]
    public void Evaluate_NonInferiorAgainstMinusInfinityChampion_DoesNotPass()
    {
        RuleResult result = Builder().NonInferior("latency", 5).Build()
            .Decide(Metrics(("latency", double.NegativeInfinity)), Metrics(("latency", 10.0))).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Be("Metric 'latency' is -Infinity for the champion.");
    }

    [Fact]
    public void Evaluate_ChallengerMetricMissing_FailsWithReason()
    {
        PromotionPolicy policy = Builder().Superior("accuracy").Build();

        RuleResult result = policy.Decide(Accuracy(0.8), Metrics(("f1", 0.9))).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Be("Metric 'accuracy' is missing from the challenger's evaluation.");
    }

    [Theory]
    [InlineData(double.NaN, "Metric 'accuracy' is NaN for the champion.")]
    [InlineData(double.PositiveInfinity, "Metric 'accuracy' is Infinity for the champion.")]
    [InlineData(double.NegativeInfinity, "Metric 'accuracy' is -Infinity for the champion.")]
    public void Evaluate_ChampionMetricNaN_FailsWithReason(double champion, string reason)
    {
        PromotionPolicy policy = Builder().Change("accuracy", absolute: 0).Build();

        RuleResult result = policy.Decide(Accuracy(champion), Accuracy(0.9)).Rules.Single();

        result.Status.Should().Be(RuleStatus.Failed);
        result.Reason.Should().Be(reason);
        result.ChallengerValue.Should().Be(0.9);
    }

    [Fact]
    public void Evaluate_ChampionMetricMissing_FailsEveryComparativeRule()
    {
        PromotionPolicy policy = Builder().Superior("accuracy").NonInferior("accuracy", 0.1).SuspiciousImprovement("accuracy", 0.2).Build();

        PromotionDecision decision = policy.Decide(Metrics(("f1", 0.8)), Accuracy(0.9));

        decision.Rules.Should().OnlyContain(r => r.Status == RuleStatus.Failed && r.Reason.Contains("missing from the champion"));
    }
}
