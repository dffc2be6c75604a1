using RetrainTriggers.Evaluation;
using RetrainTriggers.Statistics;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation;

public class PromotionPolicyBuilderTests
{
    [Fact]
    public void Build_RuleOnMetricWithoutDirection_ThrowsNamingMetric()
    {
        Action act = () => PromotionPolicy.CreateBuilder().Superior("f1", 0.01).Build();

        act.Should().Throw<ArgumentException>()
            .WithMessage("*Rule 1 Superior(f1): metric 'f1' has no declared direction*");
    }

    [Fact]
    public void Build_ManyProblems_ListsEveryOneInOneException()
    {
        PromotionPolicyBuilder builder = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .ValueThreshold("accuracy")
            .Change("accuracy", absolute: double.NaN)
            .Superior("auc")
            .McNemar(alpha: 2)
            .PairedBootstrap(resamples: 10, confidenceLevel: 1)
            .MinimumSampleSize(0)
            .NonInferior("accuracy", -1)
            .SuspiciousImprovement("accuracy", double.PositiveInfinity);

        ArgumentException error = builder.Invoking(b => b.Build()).Should().Throw<ArgumentException>().Which;

        error.Message.Should().Contain("(9 problem(s))")
            .And.Contain("Rule 1 ValueThreshold(accuracy): must set lowerBound, upperBound or both.")
            .And.Contain("Rule 2 Change(accuracy): absolute must be a finite number (was NaN).")
            .And.Contain("Rule 3 Superior(auc): metric 'auc' has no declared direction")
            .And.Contain("Rule 4 McNemar: alpha must be in (0, 1) (was 2).")
            .And.Contain("Rule 5 PairedBootstrap: confidenceLevel must be in (0, 1) (was 1).")
            .And.Contain("Rule 5 PairedBootstrap: resamples must be from 100 to 1000000 (was 10).")
            .And.Contain("Rule 6 MinimumSampleSize: rows must be at least 1 (was 0).")
            .And.Contain("Rule 7 NonInferior(accuracy): margin must be a finite number >= 0 (was -1).")
            .And.Contain("Rule 8 SuspiciousImprovement(accuracy): maxImprovement must be a finite number >= 0 (was Infinity).");
    }

    [Fact]
    public void Build_LowerBoundAboveUpperBound_Throws()
    {
        Action act = () => PromotionPolicy.CreateBuilder().Metric("a", MetricDirection.HigherIsBetter).ValueThreshold("a", 0.9, 0.8).Build();

        act.Should().Throw<ArgumentException>().WithMessage("*ValueThreshold(a): lowerBound 0.9 is greater than upperBound 0.8*");
    }

    [Fact]
    public void Build_ChangeWithoutThresholds_Throws()
    {
        Action act = () => PromotionPolicy.CreateBuilder().Metric("a", MetricDirection.HigherIsBetter).Change("a").Build();

        act.Should().Throw<ArgumentException>().WithMessage("*Change(a): must set absolute, relative or both.*");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Build_BlankMetricName_Throws(string? name)
    {
        Action act = () => PromotionPolicy.CreateBuilder().Superior(name!).Build();

        act.Should().Throw<ArgumentException>().WithMessage("*Superior(<no metric>): the metric name is null, empty or white space*");
    }

    [Fact]
    public void Build_ConflictingDeclarations_Throws()
    {
        Action act = () => PromotionPolicy.CreateBuilder()
            .Metric("rmse", MetricDirection.LowerIsBetter)
            .Metric("rmse", MetricDirection.HigherIsBetter)
            .Build();

        act.Should().Throw<ArgumentException>().WithMessage("*Metric(rmse): declared both LowerIsBetter and HigherIsBetter*");
    }

    [Fact]
    public void Build_UndefinedEnums_Throw()
    {
        Action act = () => PromotionPolicy.CreateBuilder()
            .Metric("a", (MetricDirection)9)
            .Metric("b", MetricDirection.HigherIsBetter)
            .ValueThreshold("b", 0.1, comparison: (ThresholdComparison)7)
            .McNemar(method: (McNemarMethod)5)
            .PairedBootstrap((PerRowOutcome)4)
            .Build();

        act.Should().Throw<ArgumentException>()
            .WithMessage("*Metric(a): direction 9 is not defined*")
            .WithMessage("*comparison 7 is not defined*")
            .WithMessage("*method 5 is not defined*")
            .WithMessage("*values 4 is not defined*");
    }

    [Fact]
    public void Build_CatalogSuppliesDirection()
    {
        var catalog = new MetricCatalog([new("rmse", MetricDirection.LowerIsBetter)]);

        PromotionPolicy policy = PromotionPolicy.CreateBuilder().UseCatalog(catalog).Superior("rmse").Build();

        policy.Directions["rmse"].Should().Be(MetricDirection.LowerIsBetter);
        policy.Decide(Metrics(("rmse", 2.0)), Metrics(("rmse", 1.5))).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void Build_DeclarationOverridesCatalog()
    {
        var catalog = new MetricCatalog([new("score", MetricDirection.LowerIsBetter)]);

        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .UseCatalog(catalog)
            .Metric("score", MetricDirection.HigherIsBetter)
            .Superior("score")
            .Build();

        policy.Decide(Metrics(("score", 2.0)), Metrics(("score", 3.0))).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void Build_MetricOutsideCatalog_ThrowsNamingMetric()
    {
        var catalog = new MetricCatalog([new("rmse", MetricDirection.LowerIsBetter)]);

        Action act = () => PromotionPolicy.CreateBuilder().UseCatalog(catalog).Superior("RMSE").Build();

        act.Should().Throw<ArgumentException>().WithMessage("*metric 'RMSE' has no declared direction*");
    }

    [Fact]
    public void UseCatalog_Null_Throws()
    {
        Action act = () => PromotionPolicy.CreateBuilder().UseCatalog(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("catalog");
    }

    [Fact]
    public void Build_ValidPolicy_ListsRulesInOrder()
    {
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Metric("latency", MetricDirection.LowerIsBetter)
            .MinimumSampleSize(500)
            .ValueThreshold("accuracy", lowerBound: 0.8)
            .Change("accuracy", absolute: 0.01, relative: 0.02, comparison: ThresholdComparison.Strict)
            .Superior("accuracy", 0.01)
            .NonInferior("latency", 5)
            .SuspiciousImprovement("accuracy", 0.1)
            .McNemar(0.05)
            .PairedBootstrap(PerRowOutcome.RowCorrect, 0.9, 2000, 42)
            .Build();

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
        policy.ToString().Should().StartWith("PromotionPolicy(MinimumSampleSize(500), ");
    }

    [Fact]
    public void Build_CalledTwice_GivesIndependentEqualPolicies()
    {
        PromotionPolicyBuilder builder = PromotionPolicy.CreateBuilder().Metric("a", MetricDirection.HigherIsBetter).Superior("a");

        PromotionPolicy first = builder.Build();
        builder.NonInferior("a", 0.1);
        PromotionPolicy second = builder.Build();

        first.RuleNames.Should().HaveCount(1);
        second.RuleNames.Should().HaveCount(2);
    }
}
