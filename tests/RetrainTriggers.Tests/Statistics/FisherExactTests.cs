using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class FisherExactTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.Fisher);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.Fisher, name);
        var table = c.GetProperty("table").EnumerateArray().Select(row => row.Longs()).ToArray();

        var result = FisherExact.Test(table[0][0], table[0][1], table[1][0], table[1][1], MoreReferenceData.Alternative(c));

        var expected = c.GetProperty("expected");
        result.OddsRatio.ShouldMatchStatisticOrNonFinite(expected.Number("odds_ratio"), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
    }

    [Fact]
    public void Test_NegativeCount_Throws()
    {
        var act = () => FisherExact.Test(1, -1, 2, 3);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("b");
    }
}
