using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class GTestTests
{
    public static TheoryData<string> Cases => MoreReferenceData.Names(MoreReferenceData.GTest, "g_test");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Homogeneity_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.GTest, name);
        var table = c.GetProperty("table").EnumerateArray().Select(row => row.Longs()).ToArray();

        var result = GTest.Homogeneity(table[0], table[1]);

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        result.DegreesOfFreedom.Should().Be(expected.GetProperty("dof").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpectedFrequencies_ReferenceCase_MatchScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.GTest, name);
        var table = c.GetProperty("table").EnumerateArray().Select(row => row.Longs()).ToArray();

        var expected = ContingencyTable.Expected(table[0], table[1], out _);

        var reference = c.GetProperty("expected").GetProperty("expected_freq").EnumerateArray().SelectMany(row => row.Doubles()).ToArray();
        expected.ShouldMatchStatistics(reference, name);
    }

    [Fact]
    public void Homogeneity_MismatchedLengths_Throws()
    {
        var act = () => GTest.Homogeneity([1, 2], [3]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("currentCounts");
    }
}
