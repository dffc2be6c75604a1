using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Drift.Detection;

/// <summary>Wasserstein and energy distance of an accumulated window kept as a sketch: within the stated bound of scipy's exact value, and decided on value − bound.</summary>
public sealed class WindowSketchDistanceTests
{
    private const NumericStatistics Distances = NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance;

    [Theory]
    [InlineData("random", false)]
    [InlineData("sorted", false)]
    [InlineData("reverse", false)]
    [InlineData("ties", false)]
    [InlineData("random", true)]
    [InlineData("sorted", true)]
    [InlineData("reverse", true)]
    [InlineData("ties", true)]
    public void Detect_WindowSketch_DistancesWithinStatedBoundOfExact(string order, bool sketchReference)
    {
        var referenceValues = DriftTestData.Normal(1, 20_000);
        var profile = NumericFeatureProfile.Build("x", referenceValues, sketch: sketchReference ? new ProfileSketchOptions { ExactBelow = 0, K = 200 } : null);
        var detector = new DriftDetector(new DatasetProfile([profile], []), new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = Distances } });
        var x = Ordered(DriftTestData.Normal(5, 60_000, mean: 0.05, sd: 1.2), order);
        var accumulator = detector.CreateWindowAccumulator(new ProfileSketchOptions { ExactBelow = 0, K = 200 });
        foreach (var chunk in x.Chunk(1_000))
        {
            accumulator.Add(new DriftWindow().AddNumeric("x", chunk));
        }

        var report = detector.Detect(accumulator).Features.Single();

        var w = report.Statistics.Single(s => s.Statistic == DriftStatistic.WassersteinNormalized);
        var e = report.Statistics.Single(s => s.Statistic == DriftStatistic.EnergyDistance);
        var exactW = Wasserstein.Distance(referenceValues, x) / Math.Max(profile.StandardDeviation, Wasserstein.MinimumScale);
        var exactE = EnergyDistance.Compute(referenceValues, x);
        w.ErrorBound.Should().BeGreaterThan(0);
        e.ErrorBound.Should().BeGreaterThan(0);
        Math.Abs(w.Value!.Value - exactW).Should().BeLessThanOrEqualTo(w.ErrorBound!.Value);
        Math.Abs(e.Value!.Value - exactE).Should().BeLessThanOrEqualTo(e.ErrorBound!.Value);
        if (!sketchReference)
        {
            var exactPath = new DriftDetector(new DatasetProfile([profile], []), new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = Distances } })
                .Detect(new DriftWindow().AddNumeric("x", x)).Features.Single();
            exactPath.Statistics.Single(s => s.Statistic == DriftStatistic.WassersteinNormalized).Value.Should().BeApproximately(exactW, 1e-12);
            exactPath.Statistics.Single(s => s.Statistic == DriftStatistic.EnergyDistance).Value.Should().BeApproximately(exactE, 1e-12);
        }
    }

    [Fact]
    public void Detect_WindowSketch_BoundIsTheStatedFormula()
    {
        var referenceValues = DriftTestData.Normal(1, 20_000);
        var profile = NumericFeatureProfile.Build("x", referenceValues, sketch: new ProfileSketchOptions { ExactBelow = 0, K = 200 });
        var detector = new DriftDetector(new DatasetProfile([profile], []), new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = Distances } });
        var x = DriftTestData.Normal(2, 50_000, sd: 2);
        var options = new ProfileSketchOptions { ExactBelow = 0, K = 400 };

        var report = detector.Detect(detector.CreateWindowAccumulator(options).Add(new DriftWindow().AddNumeric("x", x))).Features.Single();

        double εRef = profile.RankErrorBound, εWin = options.RankErrorBound;
        double rangeRef = profile.Max - profile.Min, rangeWin = x.Max() - x.Min();
        report.Statistics.Single(s => s.Statistic == DriftStatistic.WassersteinNormalized).ErrorBound.Should()
            .BeApproximately(((εRef * rangeRef) + (εWin * rangeWin)) / profile.StandardDeviation, 1e-12);
        report.Statistics.Single(s => s.Statistic == DriftStatistic.EnergyDistance).ErrorBound.Should()
            .BeApproximately(Math.Sqrt(2) * ((εRef * Math.Sqrt(rangeRef)) + (εWin * Math.Sqrt(rangeWin))), 1e-12);
    }

    [Theory]
    [InlineData(DriftStatistic.WassersteinNormalized)]
    [InlineData(DriftStatistic.EnergyDistance)]
    public void Detect_WindowSketch_DecidesOnValueMinusBound(DriftStatistic statistic)
    {
        var profile = NumericFeatureProfile.Build("x", DriftTestData.Normal(1, 20_000));
        var x = DriftTestData.Normal(3, 60_000, mean: 0.3);
        var (value, bound) = Measure(profile, x, statistic, threshold: 0.1);
        bound.Should().BeGreaterThan(0);

        // A threshold between value − bound and value: drift at the estimate, but not within the sketch's error.
        var within = Check(profile, x, statistic, threshold: value - (bound / 2));
        var beyond = Check(profile, x, statistic, threshold: value - (bound * 1.5));

        within.Statistics.Single(s => s.Statistic == statistic).Decision.Should().Be(DriftDecision.None);
        within.Reasons.Should().Contain(r => r.StartsWith(statistic + " ", StringComparison.Ordinal) && r.EndsWith("not drift within the sketch's error", StringComparison.Ordinal));
        beyond.Statistics.Single(s => s.Statistic == statistic).Decision.Should().Be(DriftDecision.Drift);
        beyond.Reasons.Should().Contain(r => r.Contains("judged on value - bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_WindowSketchOfTheSameDistribution_IsNotDriftAndAShiftIs()
    {
        var profile = NumericFeatureProfile.Build("x", DriftTestData.Normal(1, 50_000));
        var same = Check(profile, DriftTestData.Normal(2, 200_000), DriftStatistic.WassersteinNormalized, threshold: 0.1);
        var shifted = Check(profile, DriftTestData.Normal(2, 200_000, mean: 0.5), DriftStatistic.WassersteinNormalized, threshold: 0.1);

        same.Decision.Should().Be(DriftDecision.None);
        shifted.Decision.Should().Be(DriftDecision.Drift);
    }

    private static (double Value, double Bound) Measure(NumericFeatureProfile profile, double[] x, DriftStatistic statistic, double threshold)
    {
        var result = Check(profile, x, statistic, threshold).Statistics.Single(s => s.Statistic == statistic);
        return (result.Value!.Value, result.ErrorBound!.Value);
    }

    private static FeatureDriftResult Check(NumericFeatureProfile profile, double[] x, DriftStatistic statistic, double threshold)
    {
        var rules = statistic == DriftStatistic.WassersteinNormalized
            ? new FeatureDriftRules { NumericStatistics = NumericStatistics.WassersteinNormalized, WassersteinThreshold = threshold }
            : new FeatureDriftRules { NumericStatistics = NumericStatistics.EnergyDistance, EnergyDistanceThreshold = threshold };
        var detector = new DriftDetector(new DatasetProfile([profile], []), new DriftDetectorOptions { Rules = rules });
        var accumulator = detector.CreateWindowAccumulator(new ProfileSketchOptions { ExactBelow = 0, K = 200 });
        foreach (var chunk in x.Chunk(4_096))
        {
            accumulator.Add(new DriftWindow().AddNumeric("x", chunk));
        }

        return detector.Detect(accumulator).Features.Single();
    }

    private static double[] Ordered(double[] x, string order) => order switch
    {
        "sorted" => [.. x.Order()],
        "reverse" => [.. x.OrderDescending()],
        "ties" => [.. x.Select(v => Math.Round(v * 4) / 4)],
        _ => x,
    };
}
