using Microsoft.ML;
using Microsoft.ML.Data;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.MLNet.Tests;

/// <summary>The ML.NET-typed snippets of docs/evaluation.md, run; the core tests' DocSnippetsTests checks the page quotes them verbatim.</summary>
public sealed class EvaluationDocsSnippets
{
    [Fact]
    public async Task Overview_DecideAndEvaluate_AgreeAndPromoteTheBetterChallenger()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new Row { Value = 1 } });
        ITransformer champion = mlContext.Transforms.CopyColumns("Copy", nameof(Row.Value)).Fit(data);
        ITransformer challenger = mlContext.Transforms.CopyColumns("Copy", nameof(Row.Value)).Fit(data);
        var championEvaluation = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.83 });
        var challengerEvaluation = new ModelEvaluation(1000, new Dictionary<string, double> { ["accuracy"] = 0.85 });
        var modelEvaluator = new FixedEvaluator(new Dictionary<ITransformer, ModelEvaluation>
        {
            [champion] = championEvaluation,
            [challenger] = challengerEvaluation,
        });
        var cancellationToken = CancellationToken.None;

        // <evaluation-overview>
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .Metric("accuracy", MetricDirection.HigherIsBetter)
            .Superior("accuracy", 0.01)          // the common rule "promote if candidate - champion > 0.01"
            .Build();

        PromotionDecision decision = policy.Decide(championEvaluation, challengerEvaluation);   // pure, no I/O
        // or, with a model evaluator that scores both models on the same holdout:
        var evaluator = new ChampionChallengerEvaluator<ITransformer>(modelEvaluator, policy);
        PromotionDecision decision2 = await evaluator.EvaluateAsync(champion, challenger, cancellationToken);
        if (decision.Outcome == PromotionOutcome.Reject) { /* alert: decision.FailedRules, decision.Summary */ }
        // </evaluation-overview>

        decision.Outcome.Should().Be(PromotionOutcome.Promote);
        decision2.ToJson().Should().Be(decision.ToJson(), "both forms decide on the same evaluations");
    }

    private sealed class Row
    {
        [ColumnName("Value")]
        public float Value { get; set; }
    }

    private sealed class FixedEvaluator(IReadOnlyDictionary<ITransformer, ModelEvaluation> evaluations) : IModelEvaluator<ITransformer>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(ITransformer model, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(evaluations[model]);
    }
}
