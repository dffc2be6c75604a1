using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class YatesChiSquareTests
{
    public static TheoryData<string> Cases => MoreReferenceData.Names(MoreReferenceData.GTest, "yates_pearson");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.GTest, name);
        var t = c.GetProperty("table").EnumerateArray().Select(row => row.Longs()).ToArray();

        var result = YatesChiSquare.Test(t[0][0], t[0][1], t[1][0], t[1][1]);

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        result.DegreesOfFreedom.Should().Be(1);
    }

    [Fact]
    public void Test_ZeroColumn_Throws()
    {
        var act = () => YatesChiSquare.Test(0, 3, 0, 4);

        act.Should().Throw<ArgumentException>();
    }
}
