using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift;

public class DriftWindowAccumulatorTests
{
    private const NumericStatistics AllNumeric = NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized
        | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler | NumericStatistics.EnergyDistance | NumericStatistics.CramerVonMises;

    private const NumericStatistics BinnedAndKs = NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov
        | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Detect_BelowExactLimit_EqualsDetectOnConcatenatedWindow()
    {
        var detector = Detector(AllNumeric);
        var (x, c) = Window(seed: 2, rows: 3_000, shift: 0.3);
        var accumulator = detector.CreateWindowAccumulator();
        foreach (var (from, to) in new[] { (0, 700), (700, 701), (701, 3_000) })
        {
            accumulator.Add(new DriftWindow().AddNumeric("x", x.AsMemory(from..to)).AddCategorical("c", c.AsMemory(from..to)));
        }

        var expected = detector.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c));
        var actual = detector.Detect(accumulator);

        actual.ToJson().Should().Be(expected.ToJson());
        accumulator.BatchCount.Should().Be(3);
    }

    [Fact]
    public void Detect_AboveExactLimit_BinnedAndCategoricalExactKsWithinBound()
    {
        var detector = Detector(AllNumeric);
        var (x, c) = Window(seed: 3, rows: 40_000, shift: 0.1);
        var accumulator = Accumulate(detector, x, c, 0, x.Length, new ProfileSketchOptions { ExactBelow = 1_000, K = 256 });

        var expected = detector.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c));
        var actual = detector.Detect(accumulator);

        AssertBinnedExactKsWithin(expected, actual);
        actual.Features.Single(f => f.Feature == "c").Should().BeEquivalentTo(expected.Features.Single(f => f.Feature == "c"));
        var numeric = actual.Features.Single(f => f.Feature == "x");
        var exactNumeric = expected.Features.Single(f => f.Feature == "x");
        foreach (var statistic in new[] { DriftStatistic.WassersteinNormalized, DriftStatistic.EnergyDistance })
        {
            var result = numeric.Statistics.Single(s => s.Statistic == statistic);
            result.ErrorBound.Should().BeGreaterThan(0);
            Math.Abs(result.Value!.Value - exactNumeric.Statistics.Single(s => s.Statistic == statistic).Value!.Value).Should().BeLessThanOrEqualTo(result.ErrorBound!.Value);
        }

        var cvm = numeric.Statistics.Single(s => s.Statistic == DriftStatistic.CramerVonMises);
        cvm.Value.Should().BeNull();
        cvm.Decision.Should().Be(DriftDecision.InsufficientData);
        numeric.Reasons.Should().Contain(r => r.StartsWith(DriftStatistic.CramerVonMises + " not computed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("sorted")]
    [InlineData("reverse")]
    [InlineData("ties")]
    public void Detect_AboveExactLimit_KsWithinStatedBound(string order)
    {
        var detector = Detector(NumericStatistics.KolmogorovSmirnov);
        var (x, c) = Window(seed: 5, rows: 60_000, shift: 0.05);
        x = order switch
        {
            "sorted" => [.. x.Order()],
            "reverse" => [.. x.OrderDescending()],
            "ties" => [.. x.Select(v => Math.Round(v * 4) / 4)],
            _ => x,
        };

        var accumulator = Accumulate(detector, x, c, 0, x.Length, new ProfileSketchOptions { ExactBelow = 0, K = 200 });

        var exact = Ks(detector.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c)));
        var approx = Ks(detector.Detect(accumulator));

        approx.ErrorBound.Should().BeGreaterThan(0);
        Math.Abs(approx.Value!.Value - exact.Value!.Value).Should().BeLessThanOrEqualTo(approx.ErrorBound!.Value);
    }

    [Theory]
    [InlineData(1_000_000L)]
    [InlineData(1_000L)]
    public void Merge_TwoPartitions_EqualsOneAccumulatorOverBoth(long exactBelow)
    {
        var detector = Detector(BinnedAndKs);
        var sketch = new ProfileSketchOptions { ExactBelow = exactBelow, K = 256 };
        var (x, c) = Window(seed: 7, rows: 8_000, shift: 0.2);
        var whole = Accumulate(detector, x, c, 0, x.Length, sketch);
        var merged = Accumulate(detector, x, c, 0, 3_000, sketch).Merge(Accumulate(detector, x, c, 3_000, x.Length, sketch));

        var one = detector.Detect(whole);
        var two = detector.Detect(merged);

        if (exactBelow > x.Length)
        {
            two.ToJson().Should().Be(one.ToJson());
            two.ToJson().Should().Be(detector.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c)).ToJson());
        }
        else
        {
            AssertBinnedExactKsWithin(detector.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c)), two);
        }

        merged.BatchCount.Should().Be(4 + 6, "3 000 rows in batches of 997 are 4 batches, 5 000 are 6");
    }

    [Fact]
    public void Add_FeatureOfWrongKind_ThrowsNamingFeatureAndAddsNothing()
    {
        var detector = Detector(BinnedAndKs);
        var (x, c) = Window(seed: 9, rows: 500, shift: 0);
        var accumulator = Accumulate(detector, x, c, 0, x.Length, null);
        var before = detector.Detect(accumulator).ToJson();

        var wrongKind = () => accumulator.Add(new DriftWindow().AddNumeric("x", x).AddNumeric("c", x));
        var unknown = () => accumulator.Add(new DriftWindow().AddNumeric("x", x).AddCategorical("colour", c));

        wrongKind.Should().Throw<ArgumentException>().WithMessage("*'c'*Categorical*Numeric*").And.ParamName.Should().Be("batch");
        unknown.Should().Throw<ArgumentException>().WithMessage("*'colour'*not in the reference*");
        detector.Detect(accumulator).ToJson().Should().Be(before);
        accumulator.BatchCount.Should().Be(1);
    }

    [Fact]
    public void Merge_AccumulatorOfAnotherDetectorOverTheSameProfile_MergesAndStaysWithThisDetector()
    {
        var first = Detector(BinnedAndKs);
        var second = Detector(BinnedAndKs);
        var (x, c) = Window(seed: 8, rows: 4_000, shift: 0.2);
        var whole = Accumulate(first, x, c, 0, x.Length, null);

        var merged = Accumulate(first, x, c, 0, 1_500, null).Merge(Accumulate(second, x, c, 1_500, x.Length, null));

        first.Detect(merged).ToJson().Should().Be(first.Detect(whole).ToJson());
        var detect = () => second.Detect(merged);
        detect.Should().Throw<ArgumentException>().WithMessage("*another detector*FromJson*");
    }

    [Fact]
    public void Merge_Mismatched_ThrowsSayingWhatDiffers()
    {
        var first = Detector(BinnedAndKs);
        var accumulator = first.CreateWindowAccumulator();
        var (x, c) = Window(seed: 11, rows: 5_000, shift: 1);
        var otherProfile = new DriftDetector(DatasetProfile.Build(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c)));
        var ignoring = new DriftDetector(first.Reference, new DriftDetectorOptions { IgnoredFeatures = { "c" } });

        var self = () => accumulator.Merge(accumulator);
        var exactBelow = () => accumulator.Merge(first.CreateWindowAccumulator(new ProfileSketchOptions { ExactBelow = 10 }));
        var k = () => accumulator.Merge(first.CreateWindowAccumulator(new ProfileSketchOptions { K = 256 }));
        var edges = () => accumulator.Merge(otherProfile.CreateWindowAccumulator());
        var features = () => accumulator.Merge(ignoring.CreateWindowAccumulator());

        self.Should().Throw<ArgumentException>().WithMessage("*into itself*");
        exactBelow.Should().Throw<ArgumentException>().WithMessage("*ExactBelow 100000 vs 10*");
        k.Should().Throw<ArgumentException>().WithMessage("*K 1024 vs 256*");
        edges.Should().Throw<ArgumentException>().WithMessage("*different bin edges for feature 'x' (inner edge 0 is * vs *")
            .And.ParamName.Should().Be("other");
        features.Should().Throw<ArgumentException>().WithMessage("*different feature sets (only in this one: c (categorical))*");
    }

    private static DriftStatisticResult Ks(DriftReport report) =>
        report.Features.Single(f => f.Feature == "x").Statistics.Single(s => s.Statistic == DriftStatistic.KolmogorovSmirnov);

    private static void AssertBinnedExactKsWithin(DriftReport expected, DriftReport actual)
    {
        var e = expected.Features.Single(f => f.Feature == "x");
        var a = actual.Features.Single(f => f.Feature == "x");
        a.CurrentCount.Should().Be(e.CurrentCount);
        a.CurrentMissingCount.Should().Be(e.CurrentMissingCount);
        foreach (var statistic in new[] { DriftStatistic.Psi, DriftStatistic.JensenShannon, DriftStatistic.Hellinger, DriftStatistic.KullbackLeibler, DriftStatistic.MissingRateChange })
        {
            a.Statistics.Single(s => s.Statistic == statistic).Should().BeEquivalentTo(e.Statistics.Single(s => s.Statistic == statistic));
        }

        var ks = a.Statistics.Single(s => s.Statistic == DriftStatistic.KolmogorovSmirnov);
        ks.ErrorBound.Should().BeGreaterThan(0);
        Math.Abs(ks.Value!.Value - e.Statistics.Single(s => s.Statistic == DriftStatistic.KolmogorovSmirnov).Value!.Value).Should().BeLessThanOrEqualTo(ks.ErrorBound!.Value);
    }

    private static DriftWindowAccumulator Accumulate(DriftDetector detector, double[] x, string?[] c, int from, int to, ProfileSketchOptions? sketch)
    {
        var accumulator = detector.CreateWindowAccumulator(sketch);
        for (var start = from; start < to; start += 997)
        {
            var end = Math.Min(start + 997, to);
            accumulator.Add(new DriftWindow().AddNumeric("x", x.AsMemory(start..end)).AddCategorical("c", c.AsMemory(start..end)));
        }

        return accumulator;
    }

    private static DriftDetector Detector(NumericStatistics numeric)
    {
        var (x, c) = Window(seed: 1, rows: 5_000, shift: 0);
        var profile = DatasetProfile.Build(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c));
        var options = new DriftDetectorOptions
        {
            Rules = new FeatureDriftRules { NumericStatistics = numeric, MissingRateWarningThreshold = 0.01 },
            MaxDegreeOfParallelism = 1,
        };
        return new DriftDetector(profile, options, new FakeTimeProvider(Now));
    }

    private static (double[] X, string?[] C) Window(int seed, int rows, double shift)
    {
        var random = new Random(seed);
        var x = new double[rows];
        var c = new string?[rows];
        string[] categories = ["a", "b", "c", "d"];
        for (var i = 0; i < rows; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
            x[i] = i % 97 == 0 ? double.NaN : normal + shift;
            c[i] = i % 89 == 0 ? null : categories[(int)Math.Min(3, random.NextDouble() * (4 + shift))];
        }

        return (x, c);
    }
}
