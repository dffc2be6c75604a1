using RetrainTriggers.Tests.TestData;
using System.Text.Json;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class WeightedDistanceTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.WeightedDistances);

    [Theory]
    [MemberData(nameof(Cases))]
    public void WassersteinAndEnergy_ReferenceCase_MatchScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.WeightedDistances, name);
        var u = c.GetProperty("u_values").Doubles();
        var v = c.GetProperty("v_values").Doubles();
        var uw = Weights(c.GetProperty("u_weights"));
        var vw = Weights(c.GetProperty("v_weights"));

        var expected = c.GetProperty("expected");
        WeightedDistance.Wasserstein(u, v, uw, vw).ShouldMatchStatistic(expected.Double("wasserstein"), name);
        WeightedDistance.Energy(u, v, uw, vw).ShouldMatchStatistic(expected.Double("energy_distance"), name);
        WeightedDistance.Wasserstein(u, v, default, default).ShouldMatchStatistic(expected.Double("wasserstein_unweighted"), name);
        WeightedDistance.Energy(u, v, default, default).ShouldMatchStatistic(expected.Double("energy_distance_unweighted"), name);
        Wasserstein.Distance(u, v).ShouldMatchStatistic(expected.Double("wasserstein_unweighted"), name);
    }

    [Fact]
    public void Wasserstein_WeightsOfWrongLength_Throw()
    {
        var act = () => WeightedDistance.Wasserstein([1.0, 2.0], [3.0], [1.0], default);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("referenceWeights");
    }

    [Fact]
    public void Wasserstein_NegativeWeight_Throws()
    {
        var act = () => WeightedDistance.Energy([1.0, 2.0], [3.0], default, [-1.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("currentWeights");
    }

    [Fact]
    public void Wasserstein_ZeroWeightSum_Throws()
    {
        var act = () => WeightedDistance.Wasserstein([1.0, 2.0], [3.0], [0.0, 0.0], default);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("referenceWeights");
    }

    private static double[] Weights(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : element.Doubles();
}
