using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>The exact small-sample Cramér–von Mises cases of kruskal_and_cvm_exact.json (with and without ties).</summary>
public class CramerVonMisesExactTests
{
    public static TheoryData<string> Cases => MoreReferenceData.Names(MoreReferenceData.KruskalAndCvmExact, "cvm_exact");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoSample_ExactReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.KruskalAndCvmExact, name);
        var x = c.GetProperty("x").Doubles();
        var y = c.GetProperty("y").Doubles();

        var exact = CramerVonMises.TwoSample(x, y, CramerVonMisesMethod.Exact);
        var auto = CramerVonMises.TwoSample(x, y);

        var expected = c.GetProperty("expected");
        exact.Statistic.ShouldMatchStatistic(expected.Double("statistic"), name);
        exact.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        auto.Should().BeEquivalentTo(exact, "auto picks the exact method for samples this small");
    }
}
