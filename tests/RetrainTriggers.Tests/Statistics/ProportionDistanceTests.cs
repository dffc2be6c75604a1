using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class ProportionDistanceTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.DistancesMore);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Distances_ReferenceBins_MatchScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.DistancesMore, name);
        c.GetProperty("binning").GetString().Should().Be("quantile");
        var binned = BinnedDivergence.Compute(c.GetProperty("reference").Doubles(), c.GetProperty("current").Doubles(), bins: c.GetProperty("bins").GetInt32());
        var r = binned.ReferenceProportions.ToArray();
        var p = binned.CurrentProportions.ToArray();

        var expected = c.GetProperty("expected");
        binned.InnerEdges.ShouldMatchStatistics(expected.GetProperty("inner_edges").Doubles(), "inner_edges");
        r.ShouldMatchStatistics(expected.GetProperty("reference_proportions").Doubles(), "reference_proportions");
        p.ShouldMatchStatistics(expected.GetProperty("current_proportions").Doubles(), "current_proportions");
        ProportionDistance.TotalVariation(r, p).ShouldMatchStatistic(expected.Double("total_variation"), name);
        ProportionDistance.BhattacharyyaCoefficient(r, p).ShouldMatchStatistic(expected.Double("bhattacharyya_coefficient"), name);
        ProportionDistance.BhattacharyyaDistance(r, p).ShouldMatchStatisticOrNonFinite(expected.Number("bhattacharyya_distance"), name);
        Divergence.JensenShannonDistance(r, p, 2).ShouldMatchStatistic(expected.Double("jensen_shannon_distance_base2"), name);
        Divergence.JensenShannonDistance(r, p, 10).ShouldMatchStatistic(expected.Double("jensen_shannon_distance_base10"), name);
    }

    [Fact]
    public void TotalVariation_DifferentLengths_Throws()
    {
        var act = () => ProportionDistance.TotalVariation([0.5, 0.5], [1.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }

    [Fact]
    public void BhattacharyyaDistance_IdenticalDistributions_IsZero()
    {
        ProportionDistance.BhattacharyyaDistance([0.25, 0.75], [0.25, 0.75]).Should().Be(0);
    }
}
