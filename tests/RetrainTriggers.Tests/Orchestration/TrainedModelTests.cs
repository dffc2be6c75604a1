using RetrainTriggers.Drift;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration;

public class TrainedModelTests
{
    [Fact]
    public void Ctor_CopiesMetricsAndKeepsProfile()
    {
        var metrics = new Dictionary<string, double> { ["accuracy"] = 0.9 };
        var profile = new DatasetProfile([NumericFeatureProfile.Build("age", [30, 40, 50])], []);

        var trained = new TrainedModel<string>("model.onnx", 100, metrics, "/models/a.onnx", profile);
        metrics["accuracy"] = 0.1;

        trained.Model.Should().Be("model.onnx");
        trained.TrainingRowCount.Should().Be(100);
        trained.Metrics["accuracy"].Should().Be(0.9);
        trained.ArtifactPath.Should().Be("/models/a.onnx");
        trained.ReferenceProfile.Should().BeSameAs(profile);
    }

    [Fact]
    public void Ctor_Defaults_HaveEmptyMetricsAndNoProfile()
    {
        var trained = new TrainedModel<string>("m", 0);

        trained.Metrics.Should().BeEmpty();
        trained.ReferenceProfile.Should().BeNull();
        trained.ArtifactPath.Should().BeNull();
    }

    [Fact]
    public void Ctor_InvalidArguments_ThrowNamingParameter()
    {
        ((Action)(() => _ = new TrainedModel<string>(null!, 1))).Should().Throw<ArgumentNullException>().WithParameterName("model");
        ((Action)(() => _ = new TrainedModel<string>("m", -1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("trainingRowCount");
        ((Action)(() => _ = new TrainedModel<string>("m", 1, artifactPath: " "))).Should().Throw<ArgumentException>().WithParameterName("artifactPath");
        ((Action)(() => _ = new TrainedModel<string>("m", 1, new Dictionary<string, double> { [" "] = 1 })))
            .Should().Throw<ArgumentException>().WithParameterName("metrics");
    }
}
