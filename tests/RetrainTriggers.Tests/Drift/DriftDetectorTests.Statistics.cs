using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Drift;

/// <summary>Per-statistic sufficiency, bounds by role, finiteness and signs of every reported number.</summary>
public partial class DriftDetectorTests
{
    private const NumericStatistics AllNumeric = NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized
        | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler | NumericStatistics.EnergyDistance
        | NumericStatistics.CramerVonMises;

    [Fact]
    public void Detect_OneFiniteValueWithCramerVonMises_IsInsufficientDataForThatStatisticOnly()
    {
        var profile = SingleNumeric(DriftTestData.Normal(1, 500));
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = AllNumeric, MinimumSampleSize = 1 } };

        var result = CheckOne(profile, [0.5, double.NaN], options)["x"];

        var cvm = result.Get(DriftStatistic.CramerVonMises)!;
        cvm.Decision.Should().Be(DriftDecision.InsufficientData);
        cvm.Value.Should().BeNull();
        cvm.PValue.Should().BeNull();
        result.Reasons.Should().Contain(r => r.Contains("CramerVonMises: insufficient data", StringComparison.Ordinal));
        foreach (var statistic in new[] { DriftStatistic.Psi, DriftStatistic.KolmogorovSmirnov, DriftStatistic.WassersteinNormalized, DriftStatistic.JensenShannon, DriftStatistic.Hellinger, DriftStatistic.KullbackLeibler, DriftStatistic.EnergyDistance })
        {
            result.Get(statistic)!.Value.Should().NotBeNull(statistic.ToString());
        }
    }

    [Fact]
    public void Detect_OneValueReferenceAndWindow_NoStatisticThrows()
    {
        var profile = SingleNumeric([2.0]);
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = AllNumeric, MinimumSampleSize = 1 } };

        var act = () => CheckOne(profile, [3.0], options);

        var result = act.Should().NotThrow().Subject["x"];
        result.Get(DriftStatistic.CramerVonMises)!.Decision.Should().Be(DriftDecision.InsufficientData);
        result.Statistics.Where(s => s.Statistic != DriftStatistic.CramerVonMises).Should().OnlyContain(s => s.Value != null && double.IsFinite(s.Value.Value));
    }

    [Fact]
    public void Detect_OnlyCramerVonMisesAndTooFewValues_FeatureIsInsufficientData()
    {
        var profile = SingleNumeric(DriftTestData.Normal(2, 100));
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.CramerVonMises, MinimumSampleSize = 1 } };

        CheckOne(profile, [1.0], options)["x"].Decision.Should().Be(DriftDecision.InsufficientData);
    }

    [Fact]
    public void Detect_CategoricalSingleCategory_ChiSquareIsInsufficientDataNotAnError()
    {
        var profile = new DatasetProfile([], [CategoricalFeatureProfile.Build("c", ["a", "a", "a"])]);
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { CategoricalStatistics = CategoricalStatistics.ChiSquare | CategoricalStatistics.Psi, MinimumSampleSize = 1 } };

        var result = Detector(profile, options).Detect(new DriftWindow().AddCategorical("c", new string?[] { "a" }))["c"];

        result.Get(DriftStatistic.ChiSquare)!.Decision.Should().Be(DriftDecision.InsufficientData);
        result.Decision.Should().Be(DriftDecision.None);
    }

    [Fact]
    public void Detect_CramerVonMisesAlongsideOtherSampleStatistics_MatchesTheStandaloneTest()
    {
        var reference = DriftTestData.Normal(3, 400);
        var current = DriftTestData.Normal(4, 300, 0.2);
        var options = Only(NumericStatistics.CramerVonMises | NumericStatistics.KolmogorovSmirnov | NumericStatistics.EnergyDistance);

        var cvm = CheckOne(SingleNumeric(reference), current, options)["x"].Get(DriftStatistic.CramerVonMises)!;

        var expected = CramerVonMises.TwoSample(reference, current);
        cvm.Value.Should().Be(expected.Statistic);
        cvm.PValue.Should().Be(expected.PValue);
    }

    [Fact]
    public void Detect_ConstantReference_NormalisedWassersteinUsesTheMinimumScale()
    {
        var profile = SingleNumeric(Enumerable.Repeat(5.0, 100).ToArray());

        var w = CheckOne(profile, Enumerable.Repeat(6.0, 100).ToArray(), Only(NumericStatistics.WassersteinNormalized))["x"].Get(DriftStatistic.WassersteinNormalized)!;

        w.Value.Should().Be(1.0 / Wasserstein.MinimumScale);
    }

    [Fact]
    public void Detect_IdenticalWindow_NoNumberInTheReportIsNegativeZero()
    {
        var reference = DriftTestData.Normal(5, 300);
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = AllNumeric } };

        var report = CheckOne(SingleNumeric(reference), reference, options);

        var numbers = report.Features.SelectMany(f => f.Statistics)
            .SelectMany(s => new[] { s.Value, s.PValue, s.WarningLevel, s.DriftLevel, s.Alpha, s.MinimumEffect })
            .Where(v => v is not null).Select(v => v!.Value).Append(report.DriftShare);
        numbers.Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) != BitConverter.DoubleToInt64Bits(-0.0));
        report.ToJson().Should().NotContain("-0,").And.NotContain("-0}");
    }

    [Fact]
    public void Detect_StatisticResults_ReportEachBoundByItsRole()
    {
        var profile = SingleNumeric(DriftTestData.Normal(6, 1000));
        var options = new DriftDetectorOptions
        {
            Rules = new FeatureDriftRules
            {
                NumericStatistics = NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized | NumericStatistics.CramerVonMises,
                KolmogorovSmirnovMinimumEffect = 0.07,
                MissingRateWarningThreshold = 0.05,
                MissingRateDriftThreshold = 0.1,
            },
        };

        var result = CheckOne(profile, DriftTestData.Normal(7, 1000, 0.1), options)["x"];

        var psi = result.Get(DriftStatistic.Psi)!;
        (psi.WarningLevel, psi.DriftLevel, psi.Alpha, psi.MinimumEffect).Should().Be((0.1, 0.2, null, null));
        var ks = result.Get(DriftStatistic.KolmogorovSmirnov)!;
        (ks.WarningLevel, ks.DriftLevel, ks.Alpha, ks.MinimumEffect).Should().Be((null, null, 0.05, 0.07));
        var w = result.Get(DriftStatistic.WassersteinNormalized)!;
        (w.WarningLevel, w.DriftLevel, w.Alpha, w.MinimumEffect).Should().Be((null, 0.1, null, null));
        var cvm = result.Get(DriftStatistic.CramerVonMises)!;
        (cvm.WarningLevel, cvm.DriftLevel, cvm.Alpha, cvm.MinimumEffect).Should().Be((null, null, 0.05, null));
        var missing = result.Get(DriftStatistic.MissingRateChange)!;
        (missing.WarningLevel, missing.DriftLevel).Should().Be((0.05, 0.1));
    }

    [Fact]
    public void Detect_WindowNearTheEndsOfTheDoubleRange_EveryStatisticIsFinite()
    {
        var profile = SingleNumeric(DriftTestData.Normal(8, 200));
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = AllNumeric } };
        var current = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 1.7e308 : -1.7e308).ToArray();

        var report = CheckOne(profile, current, options);

        report["x"].Statistics.Should().OnlyContain(s => s.Value != null && double.IsFinite(s.Value.Value));
        var act = () => report.ToJson();
        act.Should().NotThrow();
    }
}
