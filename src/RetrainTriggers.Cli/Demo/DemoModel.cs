using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace RetrainTriggers.Cli.Demo;

/// <summary>The demo's ML.NET model: one-hot plan, the four numeric features, single-threaded SDCA logistic regression (seeded, so reproducible).</summary>
internal static class DemoModel
{
    public static readonly string[] FeatureColumns = [nameof(DemoRow.Tenure), nameof(DemoRow.Usage), nameof(DemoRow.SupportCalls), nameof(DemoRow.Spend), nameof(DemoRow.Plan)];

    public static IEstimator<ITransformer> Estimator(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding("PlanOneHot", nameof(DemoRow.Plan))
            .Append(ml.Transforms.Concatenate("Features", nameof(DemoRow.Tenure), nameof(DemoRow.Usage), nameof(DemoRow.SupportCalls), nameof(DemoRow.Spend), "PlanOneHot"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(DemoRow.Label),
                FeatureColumnName = "Features",
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 30,
            }));

    /// <summary>The share of rows the model labels correctly: the live accuracy a host measures once labels arrive.</summary>
    public static double Accuracy(MLContext ml, ITransformer model, IDataView data) =>
        ml.BinaryClassification.Evaluate(model.Transform(data), nameof(DemoRow.Label)).Accuracy;
}
