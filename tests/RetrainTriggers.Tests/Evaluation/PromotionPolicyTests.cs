using RetrainTriggers.Evaluation;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation;

public class PromotionPolicyTests
{
    // ---- The common rule 1: "promote if candidate - champion > 0.01" (strict) ----

    [Theory]
    [InlineData(0.86, 0.85, PromotionOutcome.Reject)]   // exactly 0.01 better: not > 0.01
    [InlineData(0.87, 0.85, PromotionOutcome.Promote)]
    [InlineData(0.8601, 0.85, PromotionOutcome.Promote)]
    [InlineData(0.85, 0.85, PromotionOutcome.Reject)]
    [InlineData(0.80, 0.85, PromotionOutcome.Reject)]
    public void Decide_SeedRuleCandidateMinusChampionAboveOnePercent_IsStrict(double candidate, double champion, PromotionOutcome expected)
    {
        PromotionPolicy policy = Builder().Superior("accuracy", 0.01).Build();

        PromotionDecision decision = policy.Decide(Accuracy(champion), Accuracy(candidate));

        decision.Outcome.Should().Be(expected);
        decision.Rules.Should().ContainSingle().Which.Kind.Should().Be(RuleKind.Superior);
    }

    [Fact]
    public void Decide_InclusiveChangeOfExactlyOnePercent_Promotes()
    {
        // The inclusive form (MLflow min_absolute_change / TFMA absolute): 0.86 - 0.85 >= 0.01 holds, computed exactly.
        PromotionPolicy policy = Builder().Change("accuracy", absolute: 0.01).Build();

        policy.Decide(Accuracy(0.85), Accuracy(0.86)).Outcome.Should().Be(PromotionOutcome.Promote);
    }

    [Fact]
    public void Decide_StrictChangeOfExactlyOnePercent_Rejects()
    {
        PromotionPolicy policy = Builder().Change("accuracy", absolute: 0.01, comparison: ThresholdComparison.Strict).Build();

        policy.Decide(Accuracy(0.85), Accuracy(0.86)).Outcome.Should().Be(PromotionOutcome.Reject);
    }

    [Theory]
    [InlineData(0.3, 0.2, 0.1)]   // 0.3 - 0.2 is 0.09999999999999998 in binary floating point
    [InlineData(0.7, 0.6, 0.1)]   // 0.7 - 0.6 is 0.09999999999999998
    [InlineData(0.83, 0.82, 0.01)]
    public void Decide_DifferenceEqualToThresholdInDecimal_IsOnTheBoundary(double candidate, double champion, double threshold)
    {
        Builder().Change("accuracy", absolute: threshold).Build()
            .Decide(Accuracy(champion), Accuracy(candidate)).Outcome.Should().Be(PromotionOutcome.Promote);
        Builder().Superior("accuracy", threshold).Build()
            .Decide(Accuracy(champion), Accuracy(candidate)).Outcome.Should().Be(PromotionOutcome.Reject);
    }

    // ---- The common rule 2: "new > current AND new > minimum, else alert" ----

    [Theory]
    [InlineData(0.85, 0.84, PromotionOutcome.Promote, null)]
    [InlineData(0.84, 0.84, PromotionOutcome.Reject, RuleKind.Superior)]
    [InlineData(0.83, 0.84, PromotionOutcome.Reject, RuleKind.Superior)]
    [InlineData(0.80, 0.70, PromotionOutcome.Reject, RuleKind.ValueThreshold)]   // equal to the minimum: not > minimum
    [InlineData(0.79, 0.70, PromotionOutcome.Reject, RuleKind.ValueThreshold)]
    public void Decide_SeedRuleNewAboveCurrentAndMinimum_ElseAlert(double candidate, double current, PromotionOutcome expected, RuleKind? failed)
    {
        PromotionPolicy policy = Builder()
            .Superior("accuracy")
            .ValueThreshold("accuracy", lowerBound: 0.80, comparison: ThresholdComparison.Strict)
            .Build();

        PromotionDecision decision = policy.Decide(Accuracy(current), Accuracy(candidate));

        decision.Outcome.Should().Be(expected);
        if (failed is RuleKind kind)
        {
            // The alert: a rejection with the failed rule and its reason.
            decision.FailedRules.Should().ContainSingle().Which.Kind.Should().Be(kind);
            decision.Summary.Should().StartWith("Reject").And.Contain("FAILED");
        }
        else
        {
            decision.FailedRules.Should().BeEmpty();
        }
    }

    [Fact]
    public void Decide_SeedRuleNewAboveMinimumWithoutChampion_PromotesAndSkipsComparison()
    {
        PromotionPolicy policy = Builder()
            .Superior("accuracy")
            .ValueThreshold("accuracy", lowerBound: 0.80, comparison: ThresholdComparison.Strict)
            .Build();

        PromotionDecision decision = policy.Decide(null, Accuracy(0.85));

        decision.Outcome.Should().Be(PromotionOutcome.Promote);
        decision.HasChampion.Should().BeFalse();
        decision.Rules[0].Status.Should().Be(RuleStatus.Skipped);
        decision.Rules[0].Reason.Should().StartWith("Skipped (no champion)");
        decision.Rules[1].Status.Should().Be(RuleStatus.Passed);
        decision.Summary.Should().Contain("no champion");
    }

    // ---- No rules ----

    [Fact]
    public void Decide_NoRules_RefusesToPromote()
    {
        PromotionDecision decision = PromotionPolicy.CreateBuilder().Build().Decide(Accuracy(0.1), Accuracy(0.9));

        decision.Outcome.Should().Be(PromotionOutcome.Reject);
        decision.Rules.Should().BeEmpty();
        decision.Summary.Should().Contain("AllowUnconditionalPromotion");
    }

    [Fact]
    public void Decide_NoRulesButUnconditionalAllowed_Promotes()
    {
        PromotionPolicy policy = PromotionPolicy.CreateBuilder().AllowUnconditionalPromotion().Build();

        PromotionDecision decision = policy.Decide(Accuracy(0.9), Accuracy(0.1));

        decision.Outcome.Should().Be(PromotionOutcome.Promote);
        policy.AllowsUnconditionalPromotion.Should().BeTrue();
        decision.Summary.Should().Contain("unconditional");
    }

    [Fact]
    public void Decide_UnconditionalAllowedWithRules_RulesStillDecide()
    {
        PromotionPolicy policy = Builder().AllowUnconditionalPromotion().Superior("accuracy").Build();

        policy.Decide(Accuracy(0.9), Accuracy(0.8)).Outcome.Should().Be(PromotionOutcome.Reject);
    }

    [Fact]
    public void Decide_PairedRulesOnDifferentRowCounts_ThrowsNamingBothCounts()
    {
        (ModelEvaluation champion, _) = Paired(10, 5, 5, 10);
        (_, ModelEvaluation challenger) = Paired(10, 5, 6, 10);
        PromotionPolicy policy = Builder().McNemar().Build();

        Action act = () => policy.Decide(champion, challenger);

        act.Should().Throw<ArgumentException>().WithParameterName("challenger").WithMessage("*30 rows*31*");
    }

    [Fact]
    public void Decide_UnpairedRulesOnDifferentRowCounts_Decides()
    {
        PromotionPolicy policy = Builder().Superior("accuracy").Build();

        policy.Decide(Metrics(30, ("accuracy", 0.8)), Metrics(31, ("accuracy", 0.9))).IsPromoted.Should().BeTrue();
    }

    // ---- Guards and reporting ----

    [Fact]
    public void Decide_NullChallenger_Throws()
    {
        Action act = () => Builder().Superior("accuracy").Build().Decide(null, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("challenger");
    }

    [Fact]
    public void Decide_EmptyChallengerHoldout_Throws()
    {
        Action act = () => Builder().Superior("accuracy").Build().Decide(null, Metrics(0, ("accuracy", 0.9)));

        act.Should().Throw<ArgumentException>().WithParameterName("challenger").WithMessage("*empty holdout*");
    }

    [Fact]
    public void Decide_EmptyChampionHoldout_Throws()
    {
        Action act = () => Builder().Superior("accuracy").Build().Decide(Metrics(0, ("accuracy", 0.9)), Accuracy(0.9));

        act.Should().Throw<ArgumentException>().WithParameterName("champion").WithMessage("*empty holdout*");
    }

    [Fact]
    public void Decide_ReportsEveryRuleInPolicyOrder()
    {
        PromotionPolicy policy = Builder()
            .MinimumSampleSize(10)
            .ValueThreshold("accuracy", 0.5)
            .Superior("accuracy", 0.01)
            .NonInferior("latency", 5)
            .Build();

        PromotionDecision decision = policy.Decide(
            Metrics(("accuracy", 0.8), ("latency", 10)),
            Metrics(("accuracy", 0.85), ("latency", 20)));

        decision.Rules.Select(r => r.Kind).Should().Equal(RuleKind.MinimumSampleSize, RuleKind.ValueThreshold, RuleKind.Superior, RuleKind.NonInferior);
        decision.Rules.Select(r => r.Rule).Should().Equal(policy.RuleNames);
        decision.Outcome.Should().Be(PromotionOutcome.Reject);
        decision.Summary.Should().StartWith("Reject: 3 of 4 rules passed, 1 failed, 0 skipped.")
            .And.Contain("FAILED NonInferior(latency, margin 5): latency got worse by 10");
        decision.ChallengerMetrics.Should().ContainKey("latency").WhoseValue.Should().Be(20);
        decision.ChampionMetrics!["accuracy"].Should().Be(0.8);
        decision.RowCount.Should().Be(100);
    }
}
