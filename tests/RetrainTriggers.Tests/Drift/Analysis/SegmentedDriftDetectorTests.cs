using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Analysis;

public class SegmentedDriftDetectorTests
{
    [Fact]
    public void Detect_OneSegmentShifted_ThatSegmentDriftsAndUnknownReported()
    {
        // Reference: DE ~ N(0,1), FR ~ N(5,1): pooled, a mix shift would hide; per segment it does not.
        double[] reference = [.. DriftTestData.Normal(1, 3_000), .. DriftTestData.Normal(2, 3_000, 5)];
        string?[] referenceSegments = [.. Enumerable.Repeat<string?>("DE", 3_000), .. Enumerable.Repeat<string?>("FR", 3_000)];
        var profiles = SegmentedDriftDetector.BuildProfiles(new DriftWindow().AddNumeric("x", reference), referenceSegments);
        double[] window = [.. DriftTestData.Normal(3, 2_000), .. DriftTestData.Normal(4, 2_000, 5.5), .. DriftTestData.Normal(5, 50)];
        string?[] segments = [.. Enumerable.Repeat<string?>("DE", 2_000), .. Enumerable.Repeat<string?>("FR", 2_000), .. Enumerable.Repeat<string?>("IT", 30), .. Enumerable.Repeat<string?>(null, 20)];

        SegmentedDriftReport report = new SegmentedDriftDetector(profiles).Detect(new DriftWindow().AddNumeric("x", window), segments);

        report.Segments.Keys.Should().Equal("DE", "FR");
        report.Segments["DE"].DatasetDecision.Should().Be(DriftDecision.None);
        report.Segments["FR"].DatasetDecision.Should().Be(DriftDecision.Drift);
        report.UnknownSegments.Should().Equal(new Dictionary<string, int> { ["(missing)"] = 20, ["IT"] = 30 });
        report.Decision.Should().Be(DriftDecision.Drift);
        report.Reason.Should().Contain("1 of 2 segments drifted").And.Contain("IT");
    }

    [Fact]
    public void Detect_ShareOfSegmentsNotReached_Warning()
    {
        var profiles = new Dictionary<string, DatasetProfile>
        {
            ["a"] = DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(1, 2_000))),
            ["b"] = DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(2, 2_000))),
            ["c"] = DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(3, 2_000))),
        };
        double[] window = [.. DriftTestData.Normal(4, 1_000, 1), .. DriftTestData.Normal(5, 1_000), .. DriftTestData.Normal(6, 1_000)];
        string?[] segments = [.. Enumerable.Repeat<string?>("a", 1_000), .. Enumerable.Repeat<string?>("b", 1_000), .. Enumerable.Repeat<string?>("c", 1_000)];

        var report = new SegmentedDriftDetector(profiles, rule: SegmentDriftRule.ShareOfSegments, threshold: 0.5).Detect(new DriftWindow().AddNumeric("x", window), segments);

        report.Segments["a"].DatasetDecision.Should().Be(DriftDecision.Drift);
        report.Decision.Should().Be(DriftDecision.Warning);
        report.UnknownSegments.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_ThresholdOutOfRange_Throws()
    {
        var profiles = new Dictionary<string, DatasetProfile> { ["a"] = DatasetProfile.Build(new DriftWindow().AddNumeric("x", new double[] { 1.0, 2.0 })) };

        Action act = () => _ = new SegmentedDriftDetector(profiles, threshold: 1.5);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("threshold");
    }
}
