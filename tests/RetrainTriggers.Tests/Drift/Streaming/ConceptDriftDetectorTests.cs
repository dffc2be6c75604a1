using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers.Tests.Drift.Streaming;

public class ConceptDriftDetectorTests
{
    public static TheoryData<string> Names => ConceptDriftDetectorCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void SaveState_MidStream_RestoredDetectorContinuesIdentically(string name)
    {
        var (original, stream) = ConceptDriftDetectorCases.Create(name, seed: 3);
        var half = DriftStreams.ChangeAt + 40;
        for (var i = 0; i < half; i++)
        {
            original.Update(stream[i]);
        }

        var restored = ConceptDriftDetector.LoadState(original.SaveState());

        restored.Kind.Should().Be(name);
        restored.ValuesSeen.Should().Be(original.ValuesSeen);
        for (var i = half; i < stream.Length; i++)
        {
            restored.Update(stream[i]).Should().Be(original.Update(stream[i]), $"value {i}");
        }

        restored.SaveState().Should().Be(original.SaveState());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Update_AfterDrift_DriftIsTrueForOneValueOnly(string name)
    {
        var (detector, stream) = ConceptDriftDetectorCases.Create(name, seed: 5);
        var levels = stream.Select(detector.Update).ToArray();

        var drifts = Enumerable.Range(0, levels.Length).Where(i => levels[i] == ConceptDriftLevel.Drift).ToArray();

        drifts.Should().NotBeEmpty();
        drifts.Zip(drifts.Skip(1)).Where(p => p.Second == p.First + 1).Should().BeEmpty("a detector restarts after a drift");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Update_NonFiniteValue_Throws(double value)
    {
        var act = () => new Adwin().Update(value);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Update_BinaryDetectorGivenAFraction_Throws()
    {
        var act = () => new Ddm().Update(0.5);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*binary*");
    }

    [Fact]
    public void Update_HddmGivenValueAboveOne_Throws()
    {
        var act = () => new HddmA().Update(1.5);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void LoadState_UnknownKind_ThrowsFormatException()
    {
        var act = () => ConceptDriftDetector.LoadState("{\"kind\":\"CUSUM\"}");

        act.Should().Throw<FormatException>().WithMessage("*CUSUM*");
    }

    [Fact]
    public void LoadState_Truncated_ThrowsFormatException()
    {
        var act = () => ConceptDriftDetector.LoadState("{\"kind\":\"DDM\",\"warmStart\":30}");

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Constructors_OutOfRangeParameters_Throw()
    {
        FluentActions.Invoking(() => new Adwin(delta: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("delta");
        FluentActions.Invoking(() => new Ddm(driftThreshold: 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("driftThreshold");
        FluentActions.Invoking(() => new Eddm(alpha: 0.8, beta: 0.9)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("beta");
        FluentActions.Invoking(() => new HddmA(warningConfidence: 0.0001)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("warningConfidence");
        FluentActions.Invoking(() => new HddmW(lambda: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => new PageHinkley(threshold: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("threshold");
        FluentActions.Invoking(() => new Kswin(windowSize: 50, statSize: 30)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("windowSize");
    }
}
