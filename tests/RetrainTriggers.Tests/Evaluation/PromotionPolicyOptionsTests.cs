using RetrainTriggers.Evaluation;
using RetrainTriggers.Statistics;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation;

public class PromotionPolicyOptionsTests
{
    [Fact]
    public void FromOptions_EveryKind_BuildsTheSameRulesAsTheBuilder()
    {
        var options = new PromotionPolicyOptions
        {
            Metrics = { ["accuracy"] = MetricDirection.HigherIsBetter, ["latency"] = MetricDirection.LowerIsBetter },
            Rules =
            {
                new() { Kind = RuleKind.MinimumSampleSize, Rows = 500 },
                new() { Kind = RuleKind.ValueThreshold, Metric = "accuracy", LowerBound = 0.8 },
                new() { Kind = RuleKind.Change, Metric = "accuracy", Absolute = 0.01, Relative = 0.02, Comparison = ThresholdComparison.Strict },
                new() { Kind = RuleKind.Superior, Metric = "accuracy", Margin = 0.01 },
                new() { Kind = RuleKind.NonInferior, Metric = "latency", Margin = 5 },
                new() { Kind = RuleKind.SuspiciousImprovement, Metric = "accuracy", MaxImprovement = 0.1 },
                new() { Kind = RuleKind.McNemar, Alpha = 0.05 },
                new() { Kind = RuleKind.PairedBootstrap, ConfidenceLevel = 0.9, Resamples = 2000, Seed = 42 },
            },
        };

        PromotionPolicy policy = PromotionPolicy.FromOptions(options);

        policy.RuleNames.Should().Equal(
            "MinimumSampleSize(500)",
            "ValueThreshold(accuracy, lower 0.8)",
            "Change(accuracy, absolute 0.01, relative 0.02, strict)",
            "Superior(accuracy, margin 0.01)",
            "NonInferior(latency, margin 5)",
            "SuspiciousImprovement(accuracy, max 0.1)",
            "McNemar(alpha 0.05, Exact)",
            "PairedBootstrap(RowCorrect, level 0.9, 2000 resamples, seed 42)");
        policy.AllowsUnconditionalPromotion.Should().BeFalse();
    }

    [Fact]
    public void FromOptions_SeedRule_DecidesLikeTheBuilder()
    {
        var options = new PromotionPolicyOptions
        {
            Metrics = { ["accuracy"] = MetricDirection.HigherIsBetter },
            Rules = { new() { Kind = RuleKind.Superior, Metric = "accuracy", Margin = 0.01 } },
        };

        PromotionPolicy policy = PromotionPolicy.FromOptions(options);

        policy.Decide(Accuracy(0.85), Accuracy(0.86)).IsPromoted.Should().BeFalse();
        policy.Decide(Accuracy(0.85), Accuracy(0.87)).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromOptions_Defaults_MatchTheBuilderDefaults()
    {
        var options = new PromotionPolicyOptions
        {
            Rules = { new() { Kind = RuleKind.McNemar }, new() { Kind = RuleKind.PairedBootstrap } },
        };

        PromotionPolicy.FromOptions(options).RuleNames.Should().Equal(
            PromotionPolicy.CreateBuilder().McNemar().PairedBootstrap().Build().RuleNames);
    }

    [Fact]
    public void FromOptions_CatalogSuppliesDirections()
    {
        var catalog = new MetricCatalog([new("rmse", MetricDirection.LowerIsBetter)]);
        var options = new PromotionPolicyOptions { Rules = { new() { Kind = RuleKind.Superior, Metric = "rmse" } } };

        PromotionPolicy policy = PromotionPolicy.FromOptions(options, catalog);

        policy.Decide(Metrics(("rmse", 2.0)), Metrics(("rmse", 1.0))).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromOptions_AllowUnconditionalPromotion_IsCarried()
    {
        PromotionPolicy policy = PromotionPolicy.FromOptions(new PromotionPolicyOptions { AllowUnconditionalPromotion = true });

        policy.Decide(null, Accuracy(0.1)).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromOptions_InvalidRules_ListsEveryProblemWithItsOptionPath()
    {
        var options = new PromotionPolicyOptions
        {
            Metrics = { ["accuracy"] = MetricDirection.HigherIsBetter },
            Rules =
            {
                new() { Kind = RuleKind.Superior, Metric = "accuracy", LowerBound = 0.5 },
                new() { Kind = RuleKind.NonInferior, Metric = "accuracy" },
                new() { Kind = RuleKind.McNemar, Metric = "accuracy", Alpha = 1.5 },
                new() { Kind = RuleKind.Superior, Metric = "f1" },
                new() { Kind = RuleKind.MinimumSampleSize },
                new() { Kind = (RuleKind)99 },
                null!,
                new() { Kind = RuleKind.SuspiciousImprovement, Metric = "accuracy" },
            },
        };

        Action act = () => PromotionPolicy.FromOptions(options);

        ArgumentException error = act.Should().Throw<ArgumentException>().WithParameterName("options").Which;
        error.Message.Should()
            .Contain("Rules[0] Superior(accuracy): LowerBound does not apply to Superior rules.")
            .And.Contain("Rules[1] NonInferior(accuracy): Margin is required for NonInferior rules.")
            .And.Contain("Rules[2] McNemar(accuracy): Metric does not apply to McNemar rules.")
            .And.Contain("Rules[3] Superior(f1): metric 'f1' has no declared direction")
            .And.Contain("Rules[4] MinimumSampleSize: Rows is required for MinimumSampleSize rules.")
            .And.Contain("Rules[5] 99: Kind 99 is not defined.")
            .And.Contain("Rules[6] is null; remove the empty entry.")
            .And.Contain("Rules[7] SuspiciousImprovement(accuracy): MaxImprovement is required");
    }

    [Fact]
    public void FromOptions_OutOfRangeValue_NamesTheRule()
    {
        var options = new PromotionPolicyOptions { Rules = { new() { Kind = RuleKind.McNemar, Alpha = 1.5, Method = McNemarMethod.ChiSquare } } };

        Action act = () => PromotionPolicy.FromOptions(options);

        act.Should().Throw<ArgumentException>().WithMessage("*Rules[0] McNemar: alpha must be in (0, 1) (was 1.5).*");
    }

    [Fact]
    public void FromOptions_ResamplesIntMaxValue_ThrowsNamingTheMaximumWithoutAllocating()
    {
        var options = new PromotionPolicyOptions { Rules = { new() { Kind = RuleKind.PairedBootstrap, Resamples = int.MaxValue } } };

        Action act = () => PromotionPolicy.FromOptions(options);

        act.Should().Throw<ArgumentException>().WithMessage("*Rules[0] PairedBootstrap: resamples must be from 100 to 1000000 (was 2147483647).*");
    }

    [Fact]
    public void FromOptions_Null_Throws()
    {
        Action act = () => PromotionPolicy.FromOptions(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("options");
    }
}
