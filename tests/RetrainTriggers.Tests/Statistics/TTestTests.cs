using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class TTestTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.TTest);

    [Theory]
    [MemberData(nameof(Cases))]
    public void WelchAndStudent_ReferenceCase_MatchScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.TTest, name);
        var sample = MoreReferenceData.Sample(MoreReferenceData.TTest, c);
        var reference = sample.GetProperty("reference").Doubles();
        var current = sample.GetProperty("current").Doubles();
        var alternative = MoreReferenceData.Alternative(c);

        var result = c.GetProperty("equal_var").GetBoolean()
            ? TTest.Student(reference, current, alternative)
            : TTest.Welch(reference, current, alternative);

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatisticOrNonFinite(expected.Number("statistic"), name);
        result.PValue.ShouldMatchPValueOrNaN(expected.Number("pvalue"), name);
        result.DegreesOfFreedom.ShouldMatchStatistic(expected.Double("df"), name);
    }

    [Fact]
    public void Welch_SingleValue_ThrowsNamingTheParameter()
    {
        var act = () => TTest.Welch([1.0, 2.0], [3.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }
}
