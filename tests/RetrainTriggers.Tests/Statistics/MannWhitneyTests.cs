using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class MannWhitneyTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.MannWhitneyU);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.MannWhitneyU, name);
        var sample = MoreReferenceData.Sample(MoreReferenceData.MannWhitneyU, c);
        var method = c.GetProperty("method").GetString() switch
        {
            "auto" => MannWhitneyMethod.Auto,
            "exact" => MannWhitneyMethod.Exact,
            "asymptotic" => MannWhitneyMethod.Asymptotic,
            var other => throw new InvalidOperationException(other),
        };

        var result = MannWhitney.Test(
            sample.GetProperty("reference").Doubles(),
            sample.GetProperty("current").Doubles(),
            MoreReferenceData.Alternative(c),
            method,
            c.GetProperty("use_continuity").GetBoolean());

        var expected = c.GetProperty("expected");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        if (c.TryGetProperty("method_used", out var used))
        {
            result.Method.ToString().ToLowerInvariant().Should().Be(used.GetString());
        }
    }

    [Fact]
    public void Test_NonFiniteValues_AreExcluded()
    {
        var withNaN = MannWhitney.Test([1.0, double.NaN, 2.0, 3.0], [4.0, double.PositiveInfinity, 5.0]);
        var clean = MannWhitney.Test([1.0, 2.0, 3.0], [4.0, 5.0]);

        withNaN.Should().Be(clean);
    }

    [Fact]
    public void Test_EmptySample_ThrowsNamingTheParameter()
    {
        var act = () => MannWhitney.Test([double.NaN], [1.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }

    [Fact]
    public void Test_UnknownAlternative_Throws()
    {
        var act = () => MannWhitney.Test([1.0], [2.0], (TestAlternative)7);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("alternative");
    }
}
