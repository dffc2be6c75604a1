using Microsoft.ML;
using RetrainTriggers.Evaluation;
using RetrainTriggers.MLNet;

namespace RetrainTriggers.Cli.Demo;

/// <summary>Scores champion and challenger on the holdout of the run in progress: the quarter of the training day's traffic the trainer kept back.</summary>
internal sealed class DemoEvaluator(MLContext ml, Func<IDataView?> holdout) : IModelEvaluator<ITransformer>
{
    public ValueTask<ModelEvaluation> EvaluateAsync(ITransformer model, CancellationToken cancellationToken = default)
    {
        var rows = holdout() ?? throw new InvalidOperationException("No holdout: the trainer has not run.");
        return new MlNetModelEvaluator(ml, rows, new MlNetModelEvaluatorOptions { LabelColumnName = nameof(DemoRow.Label) }).EvaluateAsync(model, cancellationToken);
    }
}
