using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class ProportionTestTests
{
    public static TheoryData<string> ZTestCases => GoldenData.Reference.Names(GoldenData.ProportionsFile);

    [Theory]
    [MemberData(nameof(ZTestCases))]
    public void TwoProportion_ReferenceCase_MatchesStatsmodels(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.ProportionsFile, name);

        var result = ProportionTest.TwoProportion(
            c.GetProperty("reference_successes").GetInt64(),
            c.GetProperty("reference_n").GetInt64(),
            c.GetProperty("current_successes").GetInt64(),
            c.GetProperty("current_n").GetInt64());

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("z"), "z");
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), "pvalue");
    }

    [Fact]
    public void TwoProportion_TinyPValue_KeepsRelativeAccuracy()
    {
        // statsmodels proportions_ztest([4000, 6000], [100000, 100000])
        var result = ProportionTest.TwoProportion(4000, 100000, 6000, 100000);

        result.Statistic.ShouldMatchStatistic(-20.519567041703077, "z");
        result.PValue.Should().BeApproximately(1.4398897161773171e-93, 1.4398897161773171e-93 * 1e-6);
    }

    [Fact]
    public void TwoProportion_OneSampleAllSuccesses_MatchesStatsmodels()
    {
        // statsmodels proportions_ztest([7, 0], [7, 9]) = (4.0, 6.334248366623973e-05)
        var result = ProportionTest.TwoProportion(7, 7, 0, 9);

        result.Statistic.ShouldMatchStatistic(4.0, "z");
        result.PValue.ShouldMatchPValue(6.334248366623973e-05, "pvalue");
    }

    [Theory]
    [InlineData(0, 10, 0, 20)]
    [InlineData(10, 10, 20, 20)]
    public void TwoProportion_ZeroPooledVariance_IsNoDifference(long x1, long n1, long x2, long n2)
    {
        ProportionTest.TwoProportion(x1, n1, x2, n2).Should().BeEquivalentTo(new ZTestResult(0.0, 1.0));
    }

    [Fact]
    public void TwoProportion_SwappedSamples_NegateTheStatisticAndKeepThePValue()
    {
        var forward = ProportionTest.TwoProportion(30, 200, 31, 210);
        var backward = ProportionTest.TwoProportion(31, 210, 30, 200);

        backward.Statistic.Should().Be(-forward.Statistic);
        backward.PValue.Should().Be(forward.PValue);
    }

    [Fact]
    public void TwoProportion_BadCounts_ThrowNamingTheParameter()
    {
        FluentActions.Invoking(() => ProportionTest.TwoProportion(1, 0, 1, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sizeReference");
        FluentActions.Invoking(() => ProportionTest.TwoProportion(1, 5, 1, -5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sizeCurrent");
        FluentActions.Invoking(() => ProportionTest.TwoProportion(-1, 5, 1, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successesReference");
        FluentActions.Invoking(() => ProportionTest.TwoProportion(1, 5, 6, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successesCurrent");
    }
}
