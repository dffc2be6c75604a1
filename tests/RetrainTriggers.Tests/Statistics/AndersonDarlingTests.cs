using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class AndersonDarlingTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.AndersonKSample);

    [Theory]
    [MemberData(nameof(Cases))]
    public void KSample_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.AndersonKSample, name);
        var groups = MoreReferenceData.Sample(MoreReferenceData.AndersonKSample, c).GetProperty("groups").EnumerateArray().Select(g => g.Doubles()).ToArray();

        var result = AndersonDarling.KSample(groups, c.GetProperty("midrank").GetBoolean());

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.CriticalValues.ShouldMatchStatistics(expected.GetProperty("critical_values").Doubles(), name);
        result.SignificanceLevel.ShouldMatchPValue(expected.Double("significance_level"), name);
        result.PValueStatus.ToString().ToLowerInvariant().Should().Be(expected.GetProperty("pvalue_status").GetString());
    }

    [Fact]
    public void SignificanceLevels_AreScipysTable()
    {
        AndersonDarling.SignificanceLevels.Should().Equal(0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001);
    }

    [Fact]
    public void KSample_SingleDistinctValue_Throws()
    {
        var act = () => AndersonDarling.KSample([[1.0, 1.0, 1.0], [1.0, 1.0]]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("samples");
    }

    [Fact]
    public void KSample_OneSample_Throws()
    {
        var act = () => AndersonDarling.KSample([[1.0, 2.0, 3.0, 4.0]]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("samples");
    }
}
