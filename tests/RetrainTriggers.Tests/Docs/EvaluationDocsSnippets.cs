using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The core snippets of docs/evaluation.md, run; <see cref="DocSnippetsTests"/> checks the page quotes them verbatim.</summary>
[Collection(ConsoleOutputCollection.Name)]
public sealed class EvaluationDocsSnippets
{
    [Fact]
    public void Alerting_CandidateNotAboveCurrent_RejectsAndRaisesTheSummary()
    {
        const double minimum = 0.80;
        var current = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.86 });
        var candidate = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.84 });
        var alerts = new Alerts();

        // <evaluation-alerting>
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Superior("accuracy")                                                            // new > current
            .ValueThreshold("accuracy", lowerBound: minimum, comparison: ThresholdComparison.Strict)   // new > minimum
            .Build();
        PromotionDecision decision = policy.Decide(current, candidate);
        if (decision.Outcome == PromotionOutcome.Reject)
        {
            alerts.Raise(decision.Summary);   // the summary starts with "Reject" and lists every failed rule with its reason
        }
        // </evaluation-alerting>

        alerts.Raised.Should().ContainSingle().Which.Should().StartWith("Reject").And.Contain("FAILED Superior(accuracy");
        decision.FailedRules.Should().ContainSingle();
    }

    [Fact]
    public void Decide_WorkedExample_PrintsTheDocumentedSummary()
    {
        using var console = DocSnippets.CaptureConsole();

        // <evaluation-worked-example>
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Metric("latency_ms", MetricDirection.LowerIsBetter)
            .MinimumSampleSize(500)                                  // enough rows to decide on
            .ValueThreshold("accuracy", lowerBound: 0.80)            // accuracy >= 0.80, even for the first model
            .Superior("accuracy", 0.01)                              // challenger - champion > 0.01
            .NonInferior("latency_ms", 5)                            // at most 5 ms slower
            .SuspiciousImprovement("accuracy", 0.10)                 // +10 points is too good to be true
            .McNemar(alpha: 0.05)                                    // significantly more rows right
            .Build();

        // 1000 holdout rows: 800 both right, 30 only the champion, 50 only the challenger, 120 both wrong.
        bool[] championRows = [.. Enumerable.Repeat(true, 830), .. Enumerable.Repeat(false, 170)];
        bool[] challengerRows = [.. Enumerable.Repeat(true, 800), .. Enumerable.Repeat(false, 30), .. Enumerable.Repeat(true, 50), .. Enumerable.Repeat(false, 120)];
        var champion = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.83, ["latency_ms"] = 12.0 }, championRows);
        var challenger = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.85, ["latency_ms"] = 14.5 }, challengerRows);

        PromotionDecision decision = policy.Decide(champion, challenger);
        Console.WriteLine(decision.Summary);
        // </evaluation-worked-example>

        decision.Outcome.Should().Be(PromotionOutcome.Promote);
        DocSnippets.AssertOutput("evaluation-worked-example", console.Text);
    }

    [Fact]
    public void FromConfiguration_DocumentedSection_BuildsEveryRule()
    {
        IConfiguration configuration = Json("""
            { "Promotion": {
              "Metrics": { "accuracy": "HigherIsBetter", "latency_ms": "LowerIsBetter" },
              "AllowUnconditionalPromotion": false,
              "Rules": [
                { "Kind": "MinimumSampleSize", "Rows": 500 },
                { "Kind": "ValueThreshold", "Metric": "accuracy", "LowerBound": 0.8, "Comparison": "Strict" },
                { "Kind": "Change", "Metric": "accuracy", "Absolute": 0.01, "Relative": 0.02 },
                { "Kind": "Superior", "Metric": "accuracy", "Margin": 0.01 },
                { "Kind": "NonInferior", "Metric": "latency_ms", "Margin": 5 },
                { "Kind": "SuspiciousImprovement", "Metric": "accuracy", "MaxImprovement": 0.1 },
                { "Kind": "McNemar", "Alpha": 0.05, "Method": "Exact" },
                { "Kind": "PairedBootstrap", "Values": "RowCorrect", "ConfidenceLevel": 0.95, "Resamples": 1000, "Seed": 20240601 }
              ]
            } }
            """);
        var catalog = new MetricCatalog([new("f1", MetricDirection.HigherIsBetter)]);

        // <evaluation-configuration>
        PromotionPolicy policy = PromotionPolicy.FromConfiguration(configuration.GetSection("Promotion"), catalog);
        // </evaluation-configuration>

        policy.RuleNames.Should().HaveCount(8);
    }

    [Fact]
    public void FromConfiguration_BadSection_PrintsTheDocumentedFailures()
    {
        IConfiguration configuration = Json("""
            { "Promotion": {
              "Metrics": { "accuracy": "HigherIsBetter" },
              "Rules": [
                { "Kind": "Superior", "Metric": "accuracy", "Margin": -0.01 },
                { "Kind": "NonInferior", "Metric": "latency_ms", "Maximum": 5 },
                { "Kind": "McNemar", "Alpha": "5%" }
              ]
            } }
            """);
        using var console = DocSnippets.CaptureConsole();

        // <evaluation-configuration-errors>
        try
        {
            PromotionPolicy.FromConfiguration(configuration.GetSection("Promotion"));
        }
        catch (OptionsValidationException ex)
        {
            foreach (string failure in ex.Failures)
            {
                Console.WriteLine(failure);
            }
        }
        // </evaluation-configuration-errors>

        DocSnippets.AssertOutput("evaluation-configuration-errors", console.Text);
    }

    private static IConfigurationRoot Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private sealed class Alerts
    {
        public List<string> Raised { get; } = [];

        public void Raise(string message) => Raised.Add(message);
    }
}
