using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Drift;

public class NumericFeatureProfileTests
{
    [Fact]
    public void Build_MixedValues_SortsFiniteAndCountsMissing()
    {
        var values = DriftTestData.WithMissing(DriftTestData.Normal(1, 1000, 5, 2), every: 10);

        var profile = NumericFeatureProfile.Build("x", values);

        profile.Count.Should().Be(900);
        profile.MissingCount.Should().Be(100);
        profile.TotalCount.Should().Be(1000);
        profile.MissingRate.Should().Be(0.1);
        var expected = values.Where(double.IsFinite).Order().ToArray();
        profile.SortedSample.Values.ToArray().Should().Equal(expected);
        profile.Min.Should().Be(expected[0]);
        profile.Max.Should().Be(expected[^1]);
        profile.Mean.Should().BeApproximately(expected.Average(), 1e-12);
        profile.Variance.Should().BeApproximately(expected.Sum(v => (v - expected.Average()) * (v - expected.Average())) / 900, 1e-10);
    }

    [Fact]
    public void Build_DefaultBinning_UsesTenQuantileBinsOfTheReference()
    {
        var values = DriftTestData.Normal(2, 5000);

        var profile = NumericFeatureProfile.Build("x", values);

        profile.Binning.Strategy.Should().Be(BinningStrategy.Quantile);
        profile.InnerEdges.ToArray().Should().Equal(Binning.QuantileEdges(values, 10));
        var counts = new long[10];
        Binning.Count(values, profile.InnerEdges.Span, counts);
        profile.BinCounts.ToArray().Should().Equal(counts);
        profile.BinProportions.ToArray().Sum().Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Build_EqualWidthAndCustom_UseTheGivenEdges()
    {
        var values = DriftTestData.Normal(3, 2000);

        var equal = NumericFeatureProfile.Build("x", values, FeatureBinning.EqualWidth(4));
        var custom = NumericFeatureProfile.Build("x", values, FeatureBinning.Custom(1, -1, 0, 0));

        equal.InnerEdges.ToArray().Should().Equal(Binning.EqualWidthEdges(values, 4));
        custom.InnerEdges.ToArray().Should().Equal(-1, 0, 1);
        custom.BinCounts.ToArray().Should().Equal(
            values.Count(v => v < -1), values.Count(v => v >= -1 && v < 0), values.Count(v => v >= 0 && v < 1), values.Count(v => v >= 1));
    }

    [Fact]
    public void Build_ConstantColumn_HasOneEdgeTwoBinsAndZeroVariance()
    {
        var values = Enumerable.Repeat(5.0, 100).Append(double.NaN).ToArray();

        var quantile = NumericFeatureProfile.Build("c", values);
        var equal = NumericFeatureProfile.Build("c", values, FeatureBinning.EqualWidth());

        quantile.InnerEdges.ToArray().Should().Equal(5.0);
        quantile.BinCounts.ToArray().Should().Equal(0, 100);
        quantile.Variance.Should().Be(0);
        quantile.StandardDeviation.Should().Be(0);
        equal.InnerEdges.ToArray().Should().Equal(5.0);
        equal.BinCounts.ToArray().Should().Equal(0, 100);
    }

    [Fact]
    public void Build_NegativeZero_SortsWithPositiveZero()
    {
        var profile = NumericFeatureProfile.Build("z", [1.0, -0.0, -1.0, 0.0]);

        profile.SortedSample.Values.ToArray().Should().Equal(-1.0, 0.0, 0.0, 1.0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Build_NoFiniteValue_ThrowsNamingFeature(int nanCount)
    {
        var values = Enumerable.Repeat(double.NaN, nanCount).ToArray();

        var act = () => NumericFeatureProfile.Build("income", values);

        act.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("*income*");
    }

    [Fact]
    public void Build_BlankName_Throws()
    {
        var act = () => NumericFeatureProfile.Build(" ", [1.0]);

        act.Should().Throw<ArgumentException>().WithParameterName("name");
    }

    public static TheoryData<string> Binnings() => new() { "quantile", "equal", "custom" };

    [Theory]
    [MemberData(nameof(Binnings))]
    public void Merge_TwoHalves_EqualsWholeDataProfile(string binningName)
    {
        var binning = binningName switch
        {
            "quantile" => FeatureBinning.Quantile(7),
            "equal" => FeatureBinning.EqualWidth(5),
            _ => FeatureBinning.Custom(-1, 0, 2),
        };
        var whole = DriftTestData.WithMissing(DriftTestData.Normal(4, 10_001, 100, 3), every: 17);
        var first = NumericFeatureProfile.Build("x", whole.AsSpan(0, 3_333), binning);
        var second = NumericFeatureProfile.Build("x", whole.AsSpan(3_333), binning);

        var merged = NumericFeatureProfile.Merge(first, second);
        var expected = NumericFeatureProfile.Build("x", whole, binning);

        merged.SortedSample.Values.ToArray().Should().Equal(expected.SortedSample.Values.ToArray());
        merged.Count.Should().Be(expected.Count);
        merged.MissingCount.Should().Be(expected.MissingCount);
        merged.InnerEdges.ToArray().Should().Equal(expected.InnerEdges.ToArray());
        merged.BinCounts.ToArray().Should().Equal(expected.BinCounts.ToArray());
        merged.Min.Should().Be(expected.Min);
        merged.Max.Should().Be(expected.Max);
        merged.Mean.Should().BeApproximately(expected.Mean, 1e-12 * Math.Abs(expected.Mean));
        merged.M2.Should().BeApproximately(expected.M2, 1e-12 * expected.M2);
    }

    [Fact]
    public void Merge_ShardsWithDifferentQuantileEdges_RecomputesWholeDataEdges()
    {
        // Shards from different distributions have very different edges; averaging them would be wrong.
        var a = DriftTestData.Normal(5, 1000, 0);
        var b = DriftTestData.Normal(6, 3000, 10);

        var merged = NumericFeatureProfile.Merge(NumericFeatureProfile.Build("x", a), NumericFeatureProfile.Build("x", b));

        merged.InnerEdges.ToArray().Should().Equal(Binning.QuantileEdges([.. a, .. b], 10));
    }

    [Fact]
    public void Merge_DifferentBinningOrFeature_ThrowsNamingFeature()
    {
        var values = DriftTestData.Normal(7, 100);
        var quantile = NumericFeatureProfile.Build("x", values);
        var equal = NumericFeatureProfile.Build("x", values, FeatureBinning.EqualWidth());
        var other = NumericFeatureProfile.Build("y", values);

        ((Action)(() => NumericFeatureProfile.Merge(quantile, equal))).Should().Throw<ArgumentException>().WithMessage("*'x'*binned differently*");
        ((Action)(() => NumericFeatureProfile.Merge(quantile, other))).Should().Throw<ArgumentException>().WithMessage("*'x'*'y'*");
    }

    [Fact]
    public void Merge_IsOrderIndependentForCounts()
    {
        var p1 = NumericFeatureProfile.Build("x", DriftTestData.Normal(8, 500));
        var p2 = NumericFeatureProfile.Build("x", DriftTestData.Normal(9, 700, 1));

        var ab = NumericFeatureProfile.Merge(p1, p2);
        var ba = NumericFeatureProfile.Merge(p2, p1);

        ab.SortedSample.Values.ToArray().Should().Equal(ba.SortedSample.Values.ToArray());
        ab.BinCounts.ToArray().Should().Equal(ba.BinCounts.ToArray());
        ab.Mean.Should().BeApproximately(ba.Mean, 1e-12);
    }

    [Fact]
    public void Build_ConstantValueNearTheTopOfTheDoubleRange_GivesExactMomentsAndSerialises()
    {
        double[] values = [1.7e308, 1.7e308, 1.7e308, 1.7e308];

        var profile = NumericFeatureProfile.Build("huge", values);

        profile.Mean.Should().Be(1.7e308, "the sum of the values would overflow; the scaled sum does not");
        profile.M2.Should().Be(0);
        var act = () => new DatasetProfile([profile], []).ToJson();
        act.Should().NotThrow();
    }

    [Fact]
    public void Build_SpreadBeyondAFiniteVariance_ThrowsNamingTheFeature()
    {
        double[] values = [1.7e308, -1.7e308, 1.7e308, -1.7e308];

        var act = () => NumericFeatureProfile.Build("huge", values);

        act.Should().Throw<ArgumentException>().WithMessage("Feature 'huge': the values spread too far*").WithParameterName("values");
    }

    [Fact]
    public void Merge_CustomBinningsWithDifferentEdges_NamesTheEdgesThatDiffer()
    {
        var first = NumericFeatureProfile.Build("x", [1.0, 2.0, 3.0], FeatureBinning.Custom(0, 1.5));
        var second = NumericFeatureProfile.Build("x", [1.0, 2.0, 3.0], FeatureBinning.Custom(0, 2.5));

        var act = () => NumericFeatureProfile.Merge(first, second);

        act.Should().Throw<ArgumentException>().WithMessage("*Custom(0, 1.5) and Custom(0, 2.5): edge 1 is 1.5 in the first and 2.5 in the second*");
    }

    [Fact]
    public void Merge_ShardsNearTheEndsOfTheDoubleRange_ThrowsNamingTheFeatureInsteadOfNaN()
    {
        var high = NumericFeatureProfile.Build("x", [1.7e308, 1.7e308]);
        var low = NumericFeatureProfile.Build("x", [-1.7e308, -1.7e308]);

        var act = () => NumericFeatureProfile.Merge(high, low);

        act.Should().Throw<ArgumentException>().WithMessage("Feature 'x': the merged values spread too far*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(FeatureBinning.MaxBinCount + 1)]
    public void Quantile_BinCountOutOfRange_Throws(int binCount)
    {
        var act = () => FeatureBinning.Quantile(binCount);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("binCount");
    }
}
