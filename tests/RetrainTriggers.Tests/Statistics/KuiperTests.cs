using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class KuiperTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.DistancesMore);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoSample_ReferenceCase_MatchesNumpy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.DistancesMore, name);

        var result = Kuiper.TwoSample(c.GetProperty("reference").Doubles(), c.GetProperty("current").Doubles());

        var expected = c.GetProperty("expected").GetProperty("kuiper");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.DPlus.ShouldMatchStatistic(expected.Double("d_plus"), name);
        result.DMinus.ShouldMatchStatistic(expected.Double("d_minus"), name);
    }

    [Fact]
    public void TwoSample_OneSidedParts_EqualTheOneSidedKsStatistics()
    {
        double[] a = [0.1, 0.4, 0.4, 0.9, 1.7, 2.0];
        double[] b = [0.3, 0.4, 1.1, 1.2, 2.5];

        var result = Kuiper.TwoSample(a, b);

        result.DPlus.Should().BeApproximately(KolmogorovSmirnov.TwoSample(a, b, KolmogorovSmirnovAlternative.Greater).Statistic, 1e-15);
        result.DMinus.Should().BeApproximately(KolmogorovSmirnov.TwoSample(a, b, KolmogorovSmirnovAlternative.Less).Statistic, 1e-15);
    }

    [Fact]
    public void TwoSample_NoFiniteValue_Throws()
    {
        var act = () => Kuiper.TwoSample([1.0], [double.NaN]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }
}
