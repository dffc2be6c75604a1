using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class WassersteinTests
{
    public static TheoryData<string> GoldenCases() => ContinuousDistancesGolden.CaseNames();

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Distance_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, JsonElement expected) = ContinuousDistancesGolden.Load(name);

        Tolerance.ShouldMatchStatistic(Wasserstein.Distance(reference, current), expected.GetProperty("wasserstein").GetDouble(), name);
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Normalized_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, JsonElement expected) = ContinuousDistancesGolden.Load(name);

        Tolerance.ShouldMatchStatistic(Wasserstein.Normalized(reference, current), expected.GetProperty("wasserstein_normalized").GetDouble(), name);
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Distance_ShiftedSamples_EqualsShift()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) == 5.0
        Wasserstein.Distance([0.0, 1.0, 3.0], [5.0, 6.0, 8.0]).Should().Be(5.0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Distance_RandomSamples_NonNegativeSymmetricAndZeroOnIdentical(int seed)
    {
        var random = new Random(seed);
        double[] a = Enumerable.Range(0, random.Next(1, 500)).Select(_ => random.NextDouble()).ToArray();
        double[] b = Enumerable.Range(0, random.Next(1, 500)).Select(_ => random.Next(0, 4) * 0.25).ToArray();

        double w = Wasserstein.Distance(a, b);

        w.Should().BeGreaterThanOrEqualTo(0.0);
        Wasserstein.Distance(b, a).Should().BeApproximately(w, 1e-14);
        Wasserstein.Distance(a, (double[])a.Clone()).Should().Be(0.0);
        Wasserstein.Normalized(a, b).Should().BeGreaterThanOrEqualTo(0.0);
    }

    [Fact]
    public void DistanceSorted_SortedInput_EqualsDistance()
    {
        var random = new Random(9);
        double[] a = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).Order().ToArray();
        double[] b = Enumerable.Range(0, 1500).Select(_ => random.NextDouble() + 0.1).Order().ToArray();

        Wasserstein.Distance(SortedSample.FromSorted(a), SortedSample.FromSorted(b)).Should().Be(Wasserstein.Distance(a, b));
    }

    [Fact]
    public void Normalized_ConstantReference_DividesByMinimumScale()
    {
        double[] reference = [2.0, 2.0, 2.0];
        double[] current = [2.5, 2.5];

        Wasserstein.Normalized(reference, current).Should().BeApproximately(0.5 / Wasserstein.MinimumScale, 1e-9);
    }

    [Fact]
    public void Distance_NonFiniteValues_AreExcluded()
    {
        Wasserstein.Distance([double.NaN, 0.0, 1.0, double.NegativeInfinity], [2.0, double.PositiveInfinity])
            .Should().Be(Wasserstein.Distance([0.0, 1.0], [2.0]));
    }

    [Fact]
    public void Distance_AllNaNReference_ThrowsNamingParameter()
    {
        Action act = () => Wasserstein.Distance([double.NaN], [1.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }

    [Fact]
    public void Normalized_EmptyCurrent_ThrowsNamingParameter()
    {
        Action act = () => Wasserstein.Normalized([1.0], []);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }

    [Fact]
    public void DistanceAgainstSortedReference_RawCurrent_EqualsDistance()
    {
        var random = new Random(21);
        double[] reference = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        double[] current = Enumerable.Range(0, 3000).Select(_ => random.NextDouble() * 1.1).Append(double.NaN).ToArray();

        Wasserstein.Distance(SortedSample.FromSorted(reference.Order().ToArray()), current).Should().Be(Wasserstein.Distance(reference, current));
    }

    [Fact]
    public void DistanceAgainstSortedReference_AllNaNCurrent_ThrowsNamingParameter()
    {
        Action act = () => Wasserstein.Distance(SortedSample.FromSorted([1.0]), [double.NaN]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }
}
