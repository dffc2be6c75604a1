using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class EnergyDistanceTests
{
    public static TheoryData<string> GoldenCases() => ContinuousDistancesGolden.CaseNames();

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Compute_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, JsonElement expected) = ContinuousDistancesGolden.Load(name);

        Tolerance.ShouldMatchStatistic(EnergyDistance.Compute(reference, current), expected.GetProperty("energy_distance").GetDouble(), name);
    }

    [Fact]
    public void Compute_TwoPoints_EqualsClosedForm()
    {
        // scipy.stats.energy_distance([0], [2]) == sqrt(2 * 2) == 2
        EnergyDistance.Compute([0.0], [2.0]).Should().BeApproximately(2.0, 1e-15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Compute_RandomSamples_EqualsPairwiseDefinitionAndIsNonNegative(int seed)
    {
        var random = new Random(seed);
        double[] a = Enumerable.Range(0, random.Next(1, 120)).Select(_ => Math.Round(random.NextDouble() * 4, 1)).ToArray();
        double[] b = Enumerable.Range(0, random.Next(1, 120)).Select(_ => Math.Round(random.NextDouble() * 4, 1) + 0.3).ToArray();

        // sqrt(2 E|X-Y| - E|X-X'| - E|Y-Y'|), the O(n^2) definition
        double exy = a.SelectMany(x => b.Select(y => Math.Abs(x - y))).Average();
        double exx = a.SelectMany(x => a.Select(y => Math.Abs(x - y))).Average();
        double eyy = b.SelectMany(x => b.Select(y => Math.Abs(x - y))).Average();
        double expected = Math.Sqrt(Math.Max(0, (2 * exy) - exx - eyy));

        double actual = EnergyDistance.Compute(a, b);

        actual.Should().BeGreaterThanOrEqualTo(0.0);
        actual.Should().BeApproximately(expected, 1e-10);
        EnergyDistance.Compute(a, (double[])a.Clone()).Should().Be(0.0);
        EnergyDistance.Compute(SortedSample.FromSorted(a.Order().ToArray()), SortedSample.FromSorted(b.Order().ToArray())).Should().Be(actual);
    }

    [Fact]
    public void Compute_AllInfiniteCurrent_ThrowsNamingParameter()
    {
        Action act = () => EnergyDistance.Compute([1.0], [double.PositiveInfinity, double.NegativeInfinity]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }

    [Fact]
    public void ComputeAgainstSortedReference_RawCurrent_EqualsCompute()
    {
        var random = new Random(22);
        double[] reference = Enumerable.Range(0, 4000).Select(_ => random.NextDouble()).ToArray();
        double[] current = Enumerable.Range(0, 2500).Select(_ => random.NextDouble() + 0.05).ToArray();

        EnergyDistance.Compute(SortedSample.FromSorted(reference.Order().ToArray()), current).Should().Be(EnergyDistance.Compute(reference, current));
    }
}
