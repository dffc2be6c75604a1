using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Drift;

public partial class DriftDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static DriftDetector Detector(DatasetProfile profile, DriftDetectorOptions? options = null) =>
        new(profile, options, new FakeTimeProvider(Now));

    private static DatasetProfile SingleNumeric(double[] reference, FeatureBinning? binning = null) =>
        new([NumericFeatureProfile.Build("x", reference, binning)], []);

    private static DriftReport CheckOne(DatasetProfile profile, double[] current, DriftDetectorOptions? options = null) =>
        Detector(profile, options).Detect(new DriftWindow().AddNumeric("x", current));

    private static DriftDetectorOptions Only(NumericStatistics statistics) =>
        new() { Rules = new FeatureDriftRules { NumericStatistics = statistics, MissingRateWarningThreshold = null, MissingRateDriftThreshold = null } };

    [Theory]
    [InlineData(0.60, DriftDecision.None)]
    [InlineData(0.70, DriftDecision.Warning)]
    [InlineData(0.75, DriftDecision.Drift)]
    public void Detect_PsiBands_GiveNoneWarningDrift(double shareOfOnes, DriftDecision expected)
    {
        var profile = SingleNumeric(DriftTestData.Binary(1000, 0.5), FeatureBinning.Custom(0.5));

        var result = CheckOne(profile, DriftTestData.Binary(1000, shareOfOnes), Only(NumericStatistics.Psi))["x"];

        var c = shareOfOnes;
        var psi = ((c - 0.5) * Math.Log(c / 0.5)) + ((0.5 - c) * Math.Log((1 - c) / 0.5));
        result.Get(DriftStatistic.Psi)!.Value.Should().BeApproximately(psi, 1e-12);
        result.Decision.Should().Be(expected);
        result.Get(DriftStatistic.Psi)!.Decision.Should().Be(expected);
        if (expected == DriftDecision.None)
        {
            result.Reasons.Should().BeEmpty();
        }
        else
        {
            result.Reasons.Should().ContainSingle().Which.Should().StartWith("PSI ");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Detect_WindowEqualToReference_GivesZeroDistancesAndNoDrift(int seed)
    {
        var reference = DriftTestData.WithMissing(DriftTestData.Normal(seed, 3000, seed, seed), every: 100);
        var options = Only((NumericStatistics)255);

        var result = CheckOne(SingleNumeric(reference), reference, options)["x"];

        result.Decision.Should().Be(DriftDecision.None);
        foreach (var statistic in new[] { DriftStatistic.Psi, DriftStatistic.KolmogorovSmirnov, DriftStatistic.WassersteinNormalized, DriftStatistic.JensenShannon, DriftStatistic.Hellinger, DriftStatistic.KullbackLeibler, DriftStatistic.EnergyDistance })
        {
            result.Get(statistic)!.Value.Should().BeApproximately(0, 1e-12, statistic.ToString());
        }

        result.Get(DriftStatistic.KolmogorovSmirnov)!.PValue.Should().Be(1);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Detect_RandomWindows_StatisticsStayInTheirRanges(int seed)
    {
        var random = new Random(seed);
        var reference = DriftTestData.Normal(seed, 500 + random.Next(2000), random.NextDouble() * 10, 0.1 + random.NextDouble());
        var current = DriftTestData.WithMissing(DriftTestData.Normal(seed + 100, 50 + random.Next(2000), random.NextDouble() * 10, 0.1 + random.NextDouble()), every: 7 + random.Next(30));
        var options = Only((NumericStatistics)255);

        var result = CheckOne(SingleNumeric(reference, FeatureBinning.Quantile(2 + random.Next(20))), current, options)["x"];

        result.Get(DriftStatistic.Psi)!.Value.Should().BeGreaterThanOrEqualTo(0);
        result.Get(DriftStatistic.KolmogorovSmirnov)!.Value.Should().BeInRange(0, 1);
        result.Get(DriftStatistic.JensenShannon)!.Value.Should().BeInRange(0, Math.Sqrt(Math.Log(2)) + 1e-15);
        result.Get(DriftStatistic.Hellinger)!.Value.Should().BeInRange(0, 1 + 1e-15);
        result.Statistics.Where(s => s.PValue is not null).Should().OnlyContain(s => s.PValue >= 0 && s.PValue <= 1);
        result.Statistics.Should().OnlyContain(s => double.IsFinite(s.Value ?? double.NaN));
    }

    [Fact]
    public void Detect_PsiExactlyAtThreshold_IsInclusive()
    {
        var profile = SingleNumeric(DriftTestData.Binary(1000, 0.5), FeatureBinning.Custom(0.5));
        var current = DriftTestData.Binary(1000, 0.7);
        var psi = CheckOne(profile, current, Only(NumericStatistics.Psi))["x"].Get(DriftStatistic.Psi)!.Value;
        var options = Only(NumericStatistics.Psi);
        options.Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.Psi, MissingRateWarningThreshold = null, MissingRateDriftThreshold = null, PsiWarningThreshold = psi!.Value / 2, PsiDriftThreshold = psi.Value };

        CheckOne(profile, current, options)["x"].Decision.Should().Be(DriftDecision.Drift);
    }

    [Fact]
    public void Detect_KsValues_MatchTheStatisticsKernel()
    {
        var reference = DriftTestData.Normal(1, 3000);
        var current = DriftTestData.Normal(2, 2500, 0.1);

        var ks = CheckOne(SingleNumeric(reference), current)["x"].Get(DriftStatistic.KolmogorovSmirnov)!;

        var expected = KolmogorovSmirnov.TwoSample(reference, current);
        ks.Value.Should().Be(expected.Statistic);
        ks.PValue.Should().Be(expected.PValue);
        ks.Alpha.Should().Be(0.05);
    }

    [Fact]
    public void Detect_SignificantButTinyShift_IsDriftOnlyWithoutMinimumEffect()
    {
        var reference = DriftTestData.Normal(3, 200_000);
        var current = DriftTestData.Normal(4, 200_000, 0.02);
        var profile = SingleNumeric(reference);
        var plain = Only(NumericStatistics.KolmogorovSmirnov);
        var withEffect = Only(NumericStatistics.KolmogorovSmirnov);
        withEffect.Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.KolmogorovSmirnov, MissingRateWarningThreshold = null, MissingRateDriftThreshold = null, KolmogorovSmirnovMinimumEffect = 0.05 };

        var significant = CheckOne(profile, current, plain)["x"];
        var gated = CheckOne(profile, current, withEffect)["x"];

        var ks = significant.Get(DriftStatistic.KolmogorovSmirnov)!;
        ks.PValue.Should().BeLessThan(0.05);
        ks.Value.Should().BeLessThan(0.05);
        significant.Decision.Should().Be(DriftDecision.Drift);
        gated.Decision.Should().Be(DriftDecision.None);
        gated.Reasons.Should().ContainSingle().Which.Should().Contain("minimum effect");
    }

    [Fact]
    public void Detect_LargeShift_DriftsOnPsiAndKsWithEffect()
    {
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { KolmogorovSmirnovMinimumEffect = 0.1 } };

        var result = CheckOne(SingleNumeric(DriftTestData.Normal(5, 5000)), DriftTestData.Normal(6, 5000, 1.0), options)["x"];

        result.Decision.Should().Be(DriftDecision.Drift);
        result.Statistics.Select(s => s.Statistic).Should().Equal(DriftStatistic.Psi, DriftStatistic.KolmogorovSmirnov, DriftStatistic.MissingRateChange);
        result.Reasons.Should().HaveCount(2);
    }

    [Fact]
    public void Detect_AllNumericStatistics_AreFiniteAndAgreeWithKernels()
    {
        var reference = DriftTestData.Normal(7, 400, 10, 2);
        var current = DriftTestData.WithMissing(DriftTestData.Normal(8, 300, 10.5, 2), every: 20);
        var options = Only((NumericStatistics)255);

        var result = CheckOne(SingleNumeric(reference), current, options)["x"];

        result.Statistics.Should().HaveCount(8);
        result.Statistics.Should().OnlyContain(s => double.IsFinite(s.Value ?? double.NaN) && (s.PValue == null || (s.PValue >= 0 && s.PValue <= 1)));
        result.CurrentMissingCount.Should().Be(15);
        result.CurrentCount.Should().Be(285);
        var finite = current.Where(double.IsFinite).ToArray();
        var std = Math.Sqrt(reference.Sum(v => (v - reference.Average()) * (v - reference.Average())) / reference.Length);
        result.Get(DriftStatistic.WassersteinNormalized)!.Value.Should().BeApproximately(Wasserstein.Distance(reference, finite) / std, 1e-12);
        result.Get(DriftStatistic.EnergyDistance)!.Value.Should().BeApproximately(EnergyDistance.Compute(reference, finite), 1e-12);
        result.Get(DriftStatistic.CramerVonMises)!.PValue.Should().BeApproximately(CramerVonMises.TwoSample(reference, finite).PValue, 1e-12);
        result.Get(DriftStatistic.KolmogorovSmirnov)!.PValue.Should().Be(KolmogorovSmirnov.TwoSample(reference, current).PValue);
        result.PValue.Should().Be(result.Get(DriftStatistic.KolmogorovSmirnov)!.PValue);
    }

    [Fact]
    public void Detect_NaNAndInfinity_AreExcludedAndCounted()
    {
        var reference = DriftTestData.Normal(9, 1000);
        var clean = DriftTestData.Normal(10, 1000);
        var dirty = DriftTestData.WithMissing(clean, every: 50).Concat(Enumerable.Repeat(double.NaN, 5)).ToArray();
        var options = Only(NumericStatistics.Default);

        var result = CheckOne(SingleNumeric(reference), dirty, options)["x"];

        result.CurrentMissingCount.Should().Be(25);
        result.CurrentCount.Should().Be(980);
        result.Statistics.Should().OnlyContain(s => double.IsFinite(s.Value ?? double.NaN));
        var expectedKs = KolmogorovSmirnov.TwoSample(reference, dirty.Where(double.IsFinite).ToArray());
        result.Get(DriftStatistic.KolmogorovSmirnov)!.Value.Should().Be(expectedKs.Statistic);
    }

    [Theory]
    [InlineData(0.07, DriftDecision.Warning)]
    [InlineData(0.12, DriftDecision.Drift)]
    [InlineData(0.02, DriftDecision.None)]
    public void Detect_MissingRateChange_IsItsOwnSignal(double missingShare, DriftDecision expected)
    {
        var reference = DriftTestData.Normal(11, 2000);
        var current = DriftTestData.Normal(11, 2000);
        var missing = (int)Math.Round(missingShare * current.Length);
        for (var i = 0; i < missing; i++)
        {
            current[i * (current.Length / missing)] = double.NaN;
        }

        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.None } };

        var result = CheckOne(SingleNumeric(reference), current, options)["x"];

        var signal = result.Get(DriftStatistic.MissingRateChange)!;
        signal.Value.Should().BeApproximately((double)missing / current.Length, 1e-15);
        signal.Decision.Should().Be(expected);
        result.Decision.Should().Be(expected);
    }

    [Fact]
    public void Detect_EmptyOrTooSmallWindow_IsInsufficientData()
    {
        var profile = SingleNumeric(DriftTestData.Normal(12, 500));

        var empty = CheckOne(profile, []);
        var small = CheckOne(profile, DriftTestData.Normal(13, 29));
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { MinimumSampleSize = 29 } };
        var enough = CheckOne(profile, DriftTestData.Normal(13, 29), options);

        empty["x"].Decision.Should().Be(DriftDecision.InsufficientData);
        empty.DatasetDecision.Should().Be(DriftDecision.InsufficientData);
        small["x"].Decision.Should().Be(DriftDecision.InsufficientData);
        small["x"].Statistics.Select(s => s.Statistic).Should().Equal(DriftStatistic.MissingRateChange);
        small["x"].Reasons.Should().ContainSingle().Which.Should().Contain("29 usable values").And.Contain("30 needed");
        enough["x"].Decision.Should().NotBe(DriftDecision.InsufficientData);
    }

    [Fact]
    public void Detect_AllMissingWindow_DriftsOnMissingRateOrIsInsufficient()
    {
        var profile = SingleNumeric(DriftTestData.Normal(14, 500));
        var allNaN = Enumerable.Repeat(double.NaN, 100).ToArray();
        var noMissingSignal = new DriftDetectorOptions { Rules = new FeatureDriftRules { MissingRateDriftThreshold = null, MissingRateWarningThreshold = null } };

        CheckOne(profile, allNaN)["x"].Decision.Should().Be(DriftDecision.Drift);
        CheckOne(profile, allNaN, noMissingSignal)["x"].Decision.Should().Be(DriftDecision.InsufficientData);
    }

    [Fact]
    public void Detect_ConstantReference_GivesDefinedResults()
    {
        var profile = SingleNumeric(Enumerable.Repeat(5.0, 200).ToArray());
        var options = Only(NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized);

        var same = CheckOne(profile, Enumerable.Repeat(5.0, 100).ToArray(), options)["x"];
        var moved = CheckOne(profile, Enumerable.Repeat(6.0, 100).ToArray(), options)["x"];
        var below = CheckOne(profile, Enumerable.Repeat(4.0, 100).ToArray(), options)["x"];

        same.Decision.Should().Be(DriftDecision.None);
        same.Get(DriftStatistic.Psi)!.Value.Should().Be(0);
        same.Get(DriftStatistic.KolmogorovSmirnov)!.Value.Should().Be(0);
        same.Get(DriftStatistic.WassersteinNormalized)!.Value.Should().Be(0);

        // 6.0 falls in the same upper bin [5, +inf): PSI cannot see it, KS and Wasserstein can (W = 1 / floor 0.001).
        moved.Get(DriftStatistic.Psi)!.Value.Should().Be(0);
        moved.Get(DriftStatistic.WassersteinNormalized)!.Value.Should().BeApproximately(1000, 1e-9);
        moved.Get(DriftStatistic.KolmogorovSmirnov)!.Value.Should().Be(1);
        moved.Decision.Should().Be(DriftDecision.Drift);

        // 4.0 moves everything to the lower bin: PSI = (1 - eps) ln(1/eps) + (eps - 1) ln(eps/1).
        below.Get(DriftStatistic.Psi)!.Value.Should().BeApproximately(2 * (1 - 1e-4) * Math.Log(1e4), 1e-9);
    }

    [Fact]
    public void Detect_Categorical_UsesPsiJsAndChiSquare()
    {
        var reference = DriftTestData.Categories(1, 5000, ("a", 5), ("b", 3), ("c", 2));
        var current = DriftTestData.Categories(2, 4000, ("a", 2), ("b", 3), ("c", 4), ("new", 1));
        var profile = new DatasetProfile([], [CategoricalFeatureProfile.Build("cat", reference)]);

        var result = Detector(profile).Detect(new DriftWindow().AddCategorical("cat", current))["cat"];

        var expected = CategoricalDivergence.Compute(reference, current);
        result.Kind.Should().Be(FeatureKind.Categorical);
        result.Get(DriftStatistic.Psi)!.Value.Should().Be(expected.Psi);
        result.Get(DriftStatistic.JensenShannon)!.Value.Should().Be(expected.JensenShannonDistance);
        result.Get(DriftStatistic.ChiSquare)!.PValue.Should().Be(expected.ChiSquare.PValue);
        result.Get(DriftStatistic.TwoProportionZTest).Should().BeNull();
        result.Decision.Should().Be(DriftDecision.Drift);
        result.PValue.Should().Be(expected.ChiSquare.PValue);
    }

    [Fact]
    public void Detect_BinaryCategorical_UsesTwoProportionZTest()
    {
        var reference = DriftTestData.Categories(3, 2000, ("no", 7), ("yes", 3));
        var current = DriftTestData.Categories(4, 1500, ("no", 6), ("yes", 4));
        var profile = new DatasetProfile([], [CategoricalFeatureProfile.Build("churn", reference)]);

        var result = Detector(profile).Detect(new DriftWindow().AddCategorical("churn", current))["churn"];

        var expected = ProportionTest.TwoProportion(reference.Count(v => v == "no"), 2000, current.Count(v => v == "no"), 1500);
        var z = result.Get(DriftStatistic.TwoProportionZTest)!;
        z.Value.Should().Be(expected.Statistic);
        z.PValue.Should().Be(expected.PValue);
        result.Get(DriftStatistic.ChiSquare).Should().BeNull();
    }

    [Fact]
    public void Detect_ShareRule_DriftsAtHalfOfFeatures()
    {
        var (profile, _) = FourFeatures();

        var half = Detector(profile).Detect(FourWindow(drifted: 2));
        var quarter = Detector(profile).Detect(FourWindow(drifted: 1));
        var none = Detector(profile).Detect(FourWindow(drifted: 0));

        half.DatasetDecision.Should().Be(DriftDecision.Drift);
        half.DriftShare.Should().Be(0.5);
        half.DriftedFeatureCount.Should().Be(2);
        half.DriftedFeatures().Select(f => f.Feature).Should().Equal("f0", "f1");
        half.Reason.Should().Contain("2 of 4");
        quarter.DatasetDecision.Should().Be(DriftDecision.Warning);
        quarter.DriftShare.Should().Be(0.25);
        none.DatasetDecision.Should().Be(DriftDecision.None);
        half.GeneratedAt.Should().Be(Now);
    }

    [Fact]
    public void Detect_ImportanceWeights_WeighTheShare()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions
        {
            FeatureImportances = new Dictionary<string, double> { ["f0"] = 3, ["f1"] = 1, ["f2"] = 1, ["f3"] = 1 },
        };

        var report = Detector(profile, options).Detect(FourWindow(drifted: 1));

        report.Weighted.Should().BeTrue();
        report.DriftShare.Should().Be(0.5);
        report.DatasetDecision.Should().Be(DriftDecision.Drift);
        report["f0"].Weight.Should().Be(3);
    }

    [Fact]
    public void Detect_CorrectedRule_BonferroniIsStricterThanBenjaminiHochberg()
    {
        // Ten grid features shifted by 0.15: every raw KS p-value is in (0.005, 0.05).
        const int Features = 10, N = 200;
        var profile = new DatasetProfile(
            Enumerable.Range(0, Features).Select(i => NumericFeatureProfile.Build($"g{i}", DriftTestData.Grid(N))), []);
        var window = new DriftWindow();
        for (var i = 0; i < Features; i++)
        {
            window.AddNumeric($"g{i}", DriftTestData.Grid(N, 0.15));
        }

        var raw = KolmogorovSmirnov.TwoSample(DriftTestData.Grid(N), DriftTestData.Grid(N, 0.15)).PValue;
        raw.Should().BeInRange(0.05 / Features, 0.05);
        DriftReport Run(MultipleTestingMethod method) => Detector(profile, new DriftDetectorOptions
        {
            DatasetRule = DatasetDriftRule.AnyFeatureAfterCorrection,
            Correction = method,
            Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.KolmogorovSmirnov },
        }).Detect(window);

        var bonferroni = Run(MultipleTestingMethod.Bonferroni);
        var bh = Run(MultipleTestingMethod.BenjaminiHochberg);

        bonferroni.Features.Should().OnlyContain(f => f.Decision == DriftDecision.Drift);
        bonferroni.Features.Should().OnlyContain(f => f.AdjustedPValue == Math.Min(1, raw * Features));
        bonferroni.DatasetDecision.Should().Be(DriftDecision.Warning);
        bh.Features.Should().OnlyContain(f => Math.Abs(f.AdjustedPValue!.Value - raw) < 1e-15);
        bh.DatasetDecision.Should().Be(DriftDecision.Drift);
        bh.Reason.Should().Contain("BenjaminiHochberg");
    }

    [Fact]
    public void Detect_CorrectedRule_OneStrongFeatureDrifts()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions { DatasetRule = DatasetDriftRule.AnyFeatureAfterCorrection };

        var report = Detector(profile, options).Detect(FourWindow(drifted: 1));

        report.DatasetDecision.Should().Be(DriftDecision.Drift);
        report.Reason.Should().Contain("'f0'").And.Contain("Bonferroni");
    }

    [Theory]
    [InlineData(MultipleTestingMethod.Holm)]
    [InlineData(MultipleTestingMethod.HolmSidak)]
    [InlineData(MultipleTestingMethod.Sidak)]
    [InlineData(MultipleTestingMethod.SimesHochberg)]
    [InlineData(MultipleTestingMethod.Hommel)]
    [InlineData(MultipleTestingMethod.BenjaminiYekutieli)]
    [InlineData(MultipleTestingMethod.TwoStageBenjaminiHochberg)]
    [InlineData(MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli)]
    public void Detect_CorrectedRuleWithEveryStatsmodelsMethod_AdjustsAsMultipleTestingCorrect(MultipleTestingMethod method)
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions { DatasetRule = DatasetDriftRule.AnyFeatureAfterCorrection, Correction = method };

        var report = Detector(profile, options).Detect(FourWindow(drifted: 1));

        var raw = report.Features.Select(f => f.PValue!.Value).ToArray();
        report.Features.Select(f => f.AdjustedPValue!.Value).Should().Equal(MultipleTesting.Correct(raw, method, options.Rules.Alpha).CorrectedPValues);
        report.DatasetDecision.Should().Be(DriftDecision.Drift);
        report.Reason.Should().Contain(method.ToString());
    }

    [Fact]
    public void Detect_FeatureOverride_ReplacesRulesForThatFeature()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions();
        options.FeatureRules["f0"] = new FeatureDriftRules { NumericStatistics = NumericStatistics.Psi, PsiDriftThreshold = 1e6, PsiWarningThreshold = 1e6 };
        options.IgnoredFeatures.Add("f3");

        var report = Detector(profile, options).Detect(FourWindow(drifted: 2, skip: "f3"));

        report["f0"].Decision.Should().Be(DriftDecision.None);
        report["f0"].Get(DriftStatistic.KolmogorovSmirnov).Should().BeNull();
        report["f1"].Decision.Should().Be(DriftDecision.Drift);
        report.FeatureCount.Should().Be(3);
        ((Action)(() => _ = report["f3"])).Should().Throw<ArgumentException>().WithMessage("*f3*");
    }

    [Fact]
    public void Detect_ParallelAndSingleThreaded_GiveIdenticalReports()
    {
        var profile = new DatasetProfile(
            Enumerable.Range(0, 20).Select(i => NumericFeatureProfile.Build($"n{i:D2}", DriftTestData.Normal(100 + i, 2000))), []);
        var window = new DriftWindow();
        for (var i = 0; i < 20; i++)
        {
            window.AddNumeric($"n{i:D2}", DriftTestData.Normal(200 + i, 1500, i * 0.02));
        }

        var parallel = Detector(profile).Detect(window);
        var single = Detector(profile, new DriftDetectorOptions { MaxDegreeOfParallelism = 1 }).Detect(window);

        parallel.ToJson().Should().Be(single.ToJson());
        parallel.Features.Select(f => f.Feature).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void Detect_WindowWithoutProfiledFeature_ThrowsNamingIt()
    {
        var (profile, _) = FourFeatures();
        var window = FourWindow(0, skip: "f2");

        var act = () => Detector(profile).Detect(window);

        act.Should().Throw<ArgumentException>().WithParameterName("current").WithMessage("*'f2'*not in the window*");
    }

    [Fact]
    public void Detect_WindowWithUnknownFeature_ThrowsNamingIt()
    {
        var (profile, _) = FourFeatures();
        var window = FourWindow(0).AddNumeric("surprise", new double[10]);

        var act = () => Detector(profile).Detect(window);

        act.Should().Throw<ArgumentException>().WithMessage("*'surprise'*not in the reference profile*");
    }

    [Fact]
    public void Detect_WrongKind_ThrowsNamingFeature()
    {
        var profile = SingleNumeric([1.0, 2.0]);

        var act = () => Detector(profile).Detect(new DriftWindow().AddCategorical("x", new string?[] { "a" }));

        act.Should().Throw<ArgumentException>().WithMessage("*'x' is Numeric in the reference profile but Categorical in the window*");
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryOptionPath()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions
        {
            Rules = new FeatureDriftRules { Alpha = 1.5, Epsilon = 0, PsiWarningThreshold = 0.3 },
            DriftShareThreshold = 0,
            MaxDegreeOfParallelism = 0,
        };
        options.FeatureRules["nope"] = new FeatureDriftRules { KolmogorovSmirnovMinimumEffect = 2 };

        var act = () => new DriftDetector(profile, options);

        act.Should().Throw<ArgumentException>().WithParameterName("options")
            .WithMessage("*DriftDetectorOptions.Rules.Alpha must be in (0, 1), was 1.5*")
            .WithMessage("*DriftDetectorOptions.Rules.Epsilon*")
            .WithMessage("*DriftDetectorOptions.Rules.PsiWarningThreshold (0.3) must not exceed*")
            .WithMessage("*DriftDetectorOptions.DriftShareThreshold*")
            .WithMessage("*DriftDetectorOptions.MaxDegreeOfParallelism*")
            .WithMessage("*FeatureRules['nope']: the reference profile has no feature 'nope'*")
            .WithMessage("*FeatureRules['nope'].KolmogorovSmirnovMinimumEffect must be in (0, 1], was 2*");
    }

    [Fact]
    public void Constructor_ImportancesMissingAFeature_ThrowsNamingIt()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions { FeatureImportances = new Dictionary<string, double> { ["f0"] = 1, ["f1"] = 1, ["f2"] = -1 } };

        var act = () => new DriftDetector(profile, options);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*'f3' has no importance*")
            .WithMessage("*FeatureImportances['f2'] must be finite and non-negative*");
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_HaveNoEffect()
    {
        var (profile, _) = FourFeatures();
        var options = new DriftDetectorOptions();
        var detector = Detector(profile, options);
        options.Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.None };
        options.DriftShareThreshold = 1;

        var report = detector.Detect(FourWindow(drifted: 2));

        report.DatasetDecision.Should().Be(DriftDecision.Drift);
    }

    private static (DatasetProfile Profile, int N) FourFeatures()
    {
        const int N = 3000;
        var profiles = Enumerable.Range(0, 4).Select(i => NumericFeatureProfile.Build($"f{i}", DriftTestData.Normal(300 + i, N)));
        return (new DatasetProfile(profiles, []), N);
    }

    /// <summary>f0..f(drifted-1) shifted by one standard deviation, the rest drawn from the reference distribution.</summary>
    private static DriftWindow FourWindow(int drifted, string? skip = null)
    {
        var window = new DriftWindow();
        for (var i = 0; i < 4; i++)
        {
            if ($"f{i}" != skip)
            {
                window.AddNumeric($"f{i}", DriftTestData.Normal(400 + i, 2000, i < drifted ? 1.0 : 0.0));
            }
        }

        return window;
    }
}
