using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>The statsmodels methods beyond Bonferroni and Benjamini–Hochberg (multiple_testing_more.json) through <see cref="MultipleTesting.Correct"/>.</summary>
public class MultipleTestingCorrectTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.MultipleTestingMore);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Correct_ReferenceCase_MatchesStatsmodels(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.MultipleTestingMore, name);
        var p = MoreReferenceData.Sample(MoreReferenceData.MultipleTestingMore, c).GetProperty("pvalues").Doubles();
        var method = Method(c.GetProperty("method").GetString()!);
        var alpha = c.Double("alpha");

        var result = MultipleTesting.Correct(p, method, alpha);

        var expected = c.GetProperty("expected");
        var corrected = expected.GetProperty("pvals_corrected").Doubles();
        for (var i = 0; i < p.Length; i++)
        {
            result.CorrectedPValues[i].ShouldMatchPValue(corrected[i], $"{name}[{i}]");
        }

        result.Reject.Should().Equal(expected.GetProperty("reject").EnumerateArray().Select(e => e.GetBoolean()));
        result.SidakAlpha.ShouldMatchStatistic(expected.Double("alphacSidak"), name);
        result.BonferroniAlpha.ShouldMatchStatistic(expected.Double("alphacBonf"), name);
        MultipleTesting.Reject(p, method, alpha).Should().Equal(result.Reject);
        if (method is not (MultipleTestingMethod.TwoStageBenjaminiHochberg or MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli))
        {
            MultipleTesting.Adjust(p, method).Should().Equal(result.CorrectedPValues);
        }
    }

    [Theory]
    [InlineData(MultipleTestingMethod.TwoStageBenjaminiHochberg)]
    [InlineData(MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli)]
    public void Adjust_TwoStageMethod_ThrowsBecauseItNeedsAlpha(MultipleTestingMethod method)
    {
        var act = () => MultipleTesting.Adjust([0.01, 0.2], method);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*alpha*");
    }

    [Fact]
    public void Correct_AlphaOutOfRange_Throws()
    {
        var act = () => MultipleTesting.Correct([0.01], MultipleTestingMethod.Holm, 1.0);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("alpha");
    }

    private static MultipleTestingMethod Method(string name) => name switch
    {
        "holm" => MultipleTestingMethod.Holm,
        "holm-sidak" => MultipleTestingMethod.HolmSidak,
        "sidak" => MultipleTestingMethod.Sidak,
        "simes-hochberg" => MultipleTestingMethod.SimesHochberg,
        "hommel" => MultipleTestingMethod.Hommel,
        "fdr_by" => MultipleTestingMethod.BenjaminiYekutieli,
        "fdr_tsbh" => MultipleTestingMethod.TwoStageBenjaminiHochberg,
        "fdr_tsbky" => MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli,
        _ => throw new InvalidOperationException($"Unknown method {name}."),
    };
}
