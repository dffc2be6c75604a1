using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Detection;

/// <summary>KS decisions against a sketch profile at large n, where the sketch's error exceeds the test's resolution.</summary>
public sealed class SketchKsDecisionTests
{
    private const int N = 1_000_000;

    [Fact]
    public void Detect_SketchProfileAndSameDistribution_IsNotDriftFromTheApproximation()
    {
        var profile = new DatasetProfile([NumericFeatureProfile.Build("x", DriftTestData.Normal(1, N))], []);
        profile.NumericFeatures["x"].IsSketch.Should().BeTrue("1M values are past the default ExactBelow");
        var window = new DriftWindow().AddNumeric("x", DriftTestData.Normal(2, N));

        var report = new DriftDetector(profile).Detect(window);

        var ks = report.Features.Single().Statistics.Single(s => s.Statistic == DriftStatistic.KolmogorovSmirnov);
        ks.ErrorBound.Should().BeGreaterThan(0);
        ks.Decision.Should().Be(DriftDecision.None, "a window from the same distribution is not drift, whatever the sketch's error");
    }

    [Fact]
    public void Detect_SketchProfileAndShiftedWindow_IsDrift()
    {
        var profile = new DatasetProfile([NumericFeatureProfile.Build("x", DriftTestData.Normal(1, N))], []);
        var window = new DriftWindow().AddNumeric("x", DriftTestData.Normal(2, N, mean: 0.05));

        var report = new DriftDetector(profile).Detect(window);

        var ks = report.Features.Single().Statistics.Single(s => s.Statistic == DriftStatistic.KolmogorovSmirnov);
        ks.Decision.Should().Be(DriftDecision.Drift, "a shift of 0.05 sd moves D by about 0.02, far beyond the bound");
        report.Features.Single().Reasons.Should().Contain(r => r.Contains("judged on D - bound", StringComparison.Ordinal));
    }
}
