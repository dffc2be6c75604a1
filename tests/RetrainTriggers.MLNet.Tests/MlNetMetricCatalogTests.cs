using System.Reflection;
using Microsoft.ML.Data;
using RetrainTriggers.Evaluation;
using RetrainTriggers.MLNet.Tests.TestSupport;

namespace RetrainTriggers.MLNet.Tests;

public class MlNetMetricCatalogTests
{
    [Theory]
    [InlineData("Accuracy", MetricDirection.HigherIsBetter)]
    [InlineData("AreaUnderRocCurve", MetricDirection.HigherIsBetter)]
    [InlineData("AreaUnderPrecisionRecallCurve", MetricDirection.HigherIsBetter)]
    [InlineData("F1Score", MetricDirection.HigherIsBetter)]
    [InlineData("PositivePrecision", MetricDirection.HigherIsBetter)]
    [InlineData("PositiveRecall", MetricDirection.HigherIsBetter)]
    [InlineData("NegativePrecision", MetricDirection.HigherIsBetter)]
    [InlineData("NegativeRecall", MetricDirection.HigherIsBetter)]
    [InlineData("LogLoss", MetricDirection.LowerIsBetter)]
    [InlineData("LogLossReduction", MetricDirection.HigherIsBetter)]
    [InlineData("MicroAccuracy", MetricDirection.HigherIsBetter)]
    [InlineData("MacroAccuracy", MetricDirection.HigherIsBetter)]
    [InlineData("TopKAccuracy", MetricDirection.HigherIsBetter)]
    [InlineData("MeanAbsoluteError", MetricDirection.LowerIsBetter)]
    [InlineData("MeanSquaredError", MetricDirection.LowerIsBetter)]
    [InlineData("RootMeanSquaredError", MetricDirection.LowerIsBetter)]
    [InlineData("RSquared", MetricDirection.HigherIsBetter)]
    [InlineData("LossFunction", MetricDirection.LowerIsBetter)]
    public void GetDirection_CatalogedMetric_ReturnsItsDirection(string name, MetricDirection expected)
    {
        MlNetMetricCatalog.GetDirection(name).Should().Be(expected);
        MlNetMetricCatalog.Directions[name].Should().Be(expected);
        MlNetMetricCatalog.Catalog.TryGetDirection(name, out var viaCore).Should().BeTrue();
        viaCore.Should().Be(expected);
    }

    [Fact]
    public void All_EveryMetric_NamesAnExistingMlNetProperty()
    {
        Type[] metricTypes =
        [
            typeof(BinaryClassificationMetrics),
            typeof(CalibratedBinaryClassificationMetrics),
            typeof(MulticlassClassificationMetrics),
            typeof(RegressionMetrics),
        ];

        foreach (var metric in MlNetMetricCatalog.All)
        {
            var parts = metric.MlNetProperty.Split('.');
            var type = metricTypes.Single(t => t.Name == parts[0]);
            var property = type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance);
            property.Should().NotBeNull($"{metric} should map to {metric.MlNetProperty}");
            property!.PropertyType.Should().Be(typeof(double));
            parts[1].Should().Be(metric.Name, "names are the ML.NET property names verbatim");
        }
    }

    [Fact]
    public void Directions_NamesAreUniqueAndMatchTheConstants()
    {
        var constants = typeof(MlNetMetricNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        MlNetMetricCatalog.Directions.Keys.Should().BeEquivalentTo(constants);
        MlNetMetricCatalog.All.Select(m => m.Name).Should().BeSubsetOf(constants);
    }

    [Fact]
    public void Directions_EntropyIsNotCataloged()
    {
        MlNetMetricCatalog.TryGetDirection("Entropy", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(MlNetTask.BinaryClassification, 10)]
    [InlineData(MlNetTask.MulticlassClassification, 5)]
    [InlineData(MlNetTask.Regression, 5)]
    public void ForTask_EachTask_ReturnsOnlyThatTasksMetrics(MlNetTask task, int count)
    {
        var metrics = MlNetMetricCatalog.ForTask(task);

        metrics.Should().HaveCount(count).And.OnlyContain(m => m.Task == task);
    }

    [Fact]
    public void ForTask_UndefinedTask_Throws()
    {
        var act = () => MlNetMetricCatalog.ForTask((MlNetTask)42);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("task");
    }

    [Fact]
    public void GetDirection_UnknownMetric_ThrowsNamingItAndListingKnownNames()
    {
        var act = () => MlNetMetricCatalog.GetDirection("accuracy");

        act.Should().Throw<ArgumentException>()
            .WithParameterName("name")
            .WithMessage("*'accuracy'*Accuracy*RSquared*");
    }

    [Fact]
    public void TryGetDirection_IsCaseSensitive()
    {
        MlNetMetricCatalog.TryGetDirection("rsquared", out _).Should().BeFalse();
        MlNetMetricCatalog.TryGetDirection("RSquared", out _).Should().BeTrue();
    }

    [Fact]
    public void Catalog_UsedByPolicyBuilder_ResolvesDirectionsAndRejectsUnknownMetric()
    {
        var policy = PromotionPolicy.CreateBuilder()
            .UseCatalog(MlNetMetricCatalog.Catalog)
            .Superior(MlNetMetricNames.LogLoss, margin: 0.01)
            .Build();
        var lowerLogLossPromotes = policy.Decide(
            new ModelEvaluation(10, new Dictionary<string, double> { [MlNetMetricNames.LogLoss] = 0.5 }),
            new ModelEvaluation(10, new Dictionary<string, double> { [MlNetMetricNames.LogLoss] = 0.4 }));
        lowerLogLossPromotes.IsPromoted.Should().BeTrue("LogLoss is lower-is-better in the catalog");

        var act = () => PromotionPolicy.CreateBuilder()
            .UseCatalog(MlNetMetricCatalog.Catalog)
            .Superior("Acuracy", margin: 0.01)
            .Build();
        act.Should().Throw<ArgumentException>().WithMessage("*Acuracy*");
    }

    [Fact]
    public void Docs_MetricTable_ListsEveryCatalogMetricWithItsPropertyTaskAndDirection()
    {
        var docs = DocsFile.EvaluationPage();

        foreach (var metric in MlNetMetricCatalog.All)
        {
            var direction = metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower";
            docs.Should().Contain($"| `{metric.Name}` | `{metric.MlNetProperty}` | {metric.Task} | {direction} |", metric.ToString());
        }
    }
}
