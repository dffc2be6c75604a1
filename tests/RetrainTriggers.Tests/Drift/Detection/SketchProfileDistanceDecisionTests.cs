using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Detection;

/// <summary>Wasserstein and energy distance of a raw window against a sketch profile are decided on value − bound, like KS against a sketch and like an accumulated window kept as a sketch.</summary>
public sealed class SketchProfileDistanceDecisionTests
{
    [Theory]
    [InlineData(DriftStatistic.WassersteinNormalized)]
    [InlineData(DriftStatistic.EnergyDistance)]
    public void Detect_SketchProfile_DecidesOnValueMinusBound(DriftStatistic statistic)
    {
        var profile = NumericFeatureProfile.Build("x", DriftTestData.Normal(1, 50_000), sketch: new ProfileSketchOptions { ExactBelow = 0, K = 200 });
        profile.IsSketch.Should().BeTrue();
        var x = DriftTestData.Normal(3, 20_000, mean: 0.3);
        var measured = Check(profile, x, statistic, threshold: 0.1).Statistics.Single(s => s.Statistic == statistic);
        var (value, bound) = (measured.Value!.Value, measured.ErrorBound!.Value);
        bound.Should().BeGreaterThan(0);

        // A threshold between value − bound and value: drift at the estimate, but not within the sketch's error.
        var within = Check(profile, x, statistic, threshold: value - (bound / 2));
        var beyond = Check(profile, x, statistic, threshold: value - (bound * 1.5));

        within.Statistics.Single(s => s.Statistic == statistic).Decision.Should().Be(DriftDecision.None);
        within.Reasons.Should().Contain(r => r.StartsWith(statistic + " ", StringComparison.Ordinal) && r.EndsWith("not drift within the sketch's error", StringComparison.Ordinal));
        beyond.Statistics.Single(s => s.Statistic == statistic).Decision.Should().Be(DriftDecision.Drift);
        beyond.Reasons.Should().Contain(r => r.Contains("judged on value - bound", StringComparison.Ordinal));
    }

    private static FeatureDriftResult Check(NumericFeatureProfile profile, double[] x, DriftStatistic statistic, double threshold)
    {
        var rules = statistic == DriftStatistic.WassersteinNormalized
            ? new FeatureDriftRules { NumericStatistics = NumericStatistics.WassersteinNormalized, WassersteinThreshold = threshold }
            : new FeatureDriftRules { NumericStatistics = NumericStatistics.EnergyDistance, EnergyDistanceThreshold = threshold };
        var detector = new DriftDetector(new DatasetProfile([profile], []), new DriftDetectorOptions { Rules = rules });
        return detector.Detect(new DriftWindow().AddNumeric("x", x)).Features.Single();
    }
}
