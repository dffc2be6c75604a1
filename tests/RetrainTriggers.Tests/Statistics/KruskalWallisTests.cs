using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class KruskalWallisTests
{
    public static TheoryData<string> Cases => MoreReferenceData.Names(MoreReferenceData.KruskalAndCvmExact, "kruskal");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.KruskalAndCvmExact, name);
        var groups = c.GetProperty("groups").EnumerateArray().Select(g => g.Doubles()).ToArray();

        var result = KruskalWallis.Test(groups);

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        result.DegreesOfFreedom.Should().Be(expected.GetProperty("dof").GetInt32());
    }

    [Fact]
    public void Test_AllValuesIdentical_Throws()
    {
        var act = () => KruskalWallis.Test([[1.0, 1.0], [1.0]]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("groups");
    }

    [Fact]
    public void Test_OneGroup_Throws()
    {
        var act = () => KruskalWallis.Test([[1.0, 2.0]]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("groups");
    }
}
