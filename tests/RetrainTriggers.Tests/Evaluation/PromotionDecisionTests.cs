using RetrainTriggers.Evaluation;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation;

public class PromotionDecisionTests
{
    private static PromotionDecision RichDecision()
    {
        (ModelEvaluation champion, ModelEvaluation challenger) = Paired(both: 600, onlyChampion: 40, onlyChallenger: 160, neither: 200);
        var championMetrics = new Dictionary<string, double>(champion.Metrics) { ["latency"] = 10, ["f1"] = double.NaN };
        var challengerMetrics = new Dictionary<string, double>(challenger.Metrics) { ["latency"] = 12, ["f1"] = 0.7 };
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Metric("latency", MetricDirection.LowerIsBetter)
            .Metric("f1", MetricDirection.HigherIsBetter)
            .MinimumSampleSize(100)
            .Superior("accuracy", 0.01)
            .NonInferior("latency", 1)
            .Change("f1", relative: 0.1)
            .SuspiciousImprovement("accuracy", 0.05)
            .McNemar()
            .PairedBootstrap(resamples: 200)
            .Build();
        return policy.Decide(
            new ModelEvaluation(champion.RowCount, championMetrics, champion.RowCorrect),
            new ModelEvaluation(challenger.RowCount, challengerMetrics, challenger.RowCorrect));
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsEverything()
    {
        PromotionDecision decision = RichDecision();

        PromotionDecision copy = PromotionDecision.FromJson(decision.ToJson());

        copy.Should().BeEquivalentTo(decision, o => o.WithStrictOrdering());
        copy.Rules.Should().HaveCount(7);
        copy.ChampionMetrics!["f1"].Should().Be(double.NaN);
        copy.ToJson().Should().Be(decision.ToJson());
    }

    [Fact]
    public void ToJson_WithoutChampion_RoundTrips()
    {
        PromotionDecision decision = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Superior("accuracy")
            .ValueThreshold("accuracy", 0.5)
            .Build()
            .Decide(null, Accuracy(0.9));

        PromotionDecision copy = PromotionDecision.FromJson(decision.ToJson());

        copy.Should().BeEquivalentTo(decision, o => o.WithStrictOrdering());
        copy.ChampionMetrics.Should().BeNull();
        copy.HasChampion.Should().BeFalse();
    }

    [Fact]
    public void ToJson_WritesEnumsAsStringsInCamelCase()
    {
        string json = RichDecision().ToJson();

        json.Should().Contain("\"outcome\": \"Reject\"")
            .And.Contain("\"kind\": \"McNemar\"")
            .And.Contain("\"status\": \"Failed\"")
            .And.Contain("\"pValue\":")
            .And.Contain("\"intervalLower\":")
            .And.Contain("\"NaN\"");
    }

    [Fact]
    public void Properties_DescribeTheRejection()
    {
        PromotionDecision decision = RichDecision();

        decision.IsPromoted.Should().BeFalse();
        decision.IsSuspicious.Should().BeTrue();
        decision.FailedRules.Select(r => r.Kind).Should().BeEquivalentTo([RuleKind.NonInferior, RuleKind.Change, RuleKind.SuspiciousImprovement]);
        decision.ToString().Should().Be(decision.Summary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void FromJson_Blank_Throws(string json)
    {
        Action act = () => PromotionDecision.FromJson(json);

        act.Should().Throw<ArgumentException>().WithParameterName("json");
    }

    [Fact]
    public void FromJson_OverTheGivenLimit_RefusedNamingTheLimit()
    {
        var json = "{" + new string(' ', 200) + "}";

        Action act = () => PromotionDecision.FromJson(json, maxDocumentBytes: 100);

        act.Should().Throw<InvalidDataException>().WithMessage("The promotion decision document is 202 bytes, larger than the limit of 100 bytes (maxDocumentBytes)*");
        PromotionDecision.DefaultMaxDocumentBytes.Should().Be(64L * 1024 * 1024, "the documented default");
        FluentActions.Invoking(() => PromotionDecision.FromJson(json, maxDocumentBytes: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxDocumentBytes");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{not json")]
    [InlineData("{\"outcome\": \"Promote\"}")]
    [InlineData("[1, 2]")]
    public void FromJson_NotADecision_Throws(string json)
    {
        Action act = () => PromotionDecision.FromJson(json);

        act.Should().Throw<ArgumentException>().WithParameterName("json");
    }
}
