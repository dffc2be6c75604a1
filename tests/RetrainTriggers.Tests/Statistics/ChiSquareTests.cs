using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class ChiSquareTests
{
    public static TheoryData<string> CategoricalCases => GoldenData.Reference.Names(GoldenData.CategoricalFile);

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Homogeneity_ReferenceCaseCounts_MatchesScipyChi2Contingency(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.CategoricalFile, name);
        var categories = c.GetProperty("expected").GetProperty("categories").Strings();
        var reference = c.GetProperty("reference").Strings();
        var current = c.GetProperty("current").Strings();
        var referenceCounts = categories.Select(k => (long)reference.Count(v => v == k)).ToArray();
        var currentCounts = categories.Select(k => (long)current.Count(v => v == k)).ToArray();

        var result = ChiSquare.Homogeneity(referenceCounts, currentCounts);

        var expected = c.GetProperty("expected").GetProperty("chi_square");
        result.Statistic.ShouldMatchStatistic(expected.Double("statistic"), "statistic");
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), "pvalue");
        result.DegreesOfFreedom.Should().Be(expected.GetProperty("dof").GetInt32());
    }

    [Fact]
    public void Homogeneity_TinyPValue_KeepsRelativeAccuracy()
    {
        // scipy.stats.chi2_contingency([[5000, 3000, 2000], [3000, 3000, 4000]], correction=False)
        var result = ChiSquare.Homogeneity([5000, 3000, 2000], [3000, 3000, 4000]);

        result.Statistic.Should().BeApproximately(1166.6666666666665, 1e-9);
        result.DegreesOfFreedom.Should().Be(2);
        result.PValue.ShouldMatchPValue(4.587248032856554e-254, "pvalue");
        result.PValue.Should().BeApproximately(4.587248032856554e-254, 4.587248032856554e-254 * 1e-6);
    }

    [Fact]
    public void Homogeneity_ZeroCellsOnEitherSide_MatchesScipy()
    {
        // scipy.stats.chi2_contingency([[120, 0, 30, 7], [100, 25, 0, 9]], correction=False)
        var result = ChiSquare.Homogeneity([120, 0, 30, 7], [100, 25, 0, 9]);

        result.Statistic.ShouldMatchStatistic(55.59762934387127, "statistic");
        result.DegreesOfFreedom.Should().Be(3);
        result.PValue.Should().BeApproximately(5.119259727094537e-12, 5.119259727094537e-12 * 1e-6);
    }

    [Fact]
    public void Homogeneity_ColumnsEmptyOnBothSides_AreIgnored()
    {
        var withEmpty = ChiSquare.Homogeneity([10, 0, 5], [8, 0, 9]);
        var without = ChiSquare.Homogeneity([10, 5], [8, 9]);

        withEmpty.Should().BeEquivalentTo(without);
    }

    [Fact]
    public void Homogeneity_SingleCategory_IsDegenerateLikeScipy()
    {
        ChiSquare.Homogeneity([10, 0], [3, 0]).Should().BeEquivalentTo(new ChiSquareResult(0.0, 0, 1.0));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    public void Homogeneity_RandomTables_GiveValidPValues(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 300; trial++)
        {
            var k = random.Next(1, 30);
            var reference = Enumerable.Range(0, k).Select(_ => (long)random.Next(0, 500)).ToArray();
            var current = Enumerable.Range(0, k).Select(_ => (long)random.Next(0, 500)).ToArray();
            reference[0]++;
            current[^1]++;

            var result = ChiSquare.Homogeneity(reference, current);

            result.Statistic.Should().BeGreaterThanOrEqualTo(0);
            result.PValue.Should().BeInRange(0, 1);
            ChiSquare.Homogeneity(current, reference).Statistic.Should().BeApproximately(result.Statistic, 1e-9 * Math.Max(1, result.Statistic));
        }
    }

    [Fact]
    public void Homogeneity_BadInput_ThrowsNamingTheParameter()
    {
        FluentActions.Invoking(() => ChiSquare.Homogeneity([], [])).Should().Throw<ArgumentException>().WithParameterName("referenceCounts");
        FluentActions.Invoking(() => ChiSquare.Homogeneity([1, 2], [1])).Should().Throw<ArgumentException>().WithParameterName("currentCounts");
        FluentActions.Invoking(() => ChiSquare.Homogeneity([1, -2], [1, 1])).Should().Throw<ArgumentException>().WithParameterName("referenceCounts");
        FluentActions.Invoking(() => ChiSquare.Homogeneity([0, 0], [1, 1])).Should().Throw<ArgumentException>().WithParameterName("referenceCounts");
        FluentActions.Invoking(() => ChiSquare.Homogeneity([1, 1], [0, 0])).Should().Throw<ArgumentException>().WithParameterName("currentCounts");
    }
}
