using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class CategoricalDivergenceTests
{
    public static TheoryData<string> CategoricalCases => GoldenData.Reference.Names(GoldenData.CategoricalFile);

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Compute_RawValuesReferenceCase_MatchesEveryExpectedField(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.CategoricalFile, name);

        var result = CategoricalDivergence.Compute(c.GetProperty("reference").Strings(), c.GetProperty("current").Strings(), c.Double("epsilon"));

        ShouldMatch(result, c.GetProperty("expected"));
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Compute_CountsReferenceCase_MatchesEveryExpectedField(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.CategoricalFile, name);
        var reference = Tally(c.GetProperty("reference").Strings());
        var current = Tally(c.GetProperty("current").Strings());

        var result = CategoricalDivergence.Compute(reference, current, epsilon: c.Double("epsilon"));

        ShouldMatch(result, c.GetProperty("expected"));
    }

    [Fact]
    public void Compute_MissingValues_GetAnExplicitLastBucket()
    {
        string?[] reference = ["a", "b", null, "a"];
        string?[] current = ["b", "b", "c", null, null, "a"];

        var result = CategoricalDivergence.Compute(reference, current);

        result.HasMissingBucket.Should().BeTrue();
        result.Categories.Should().Equal("a", "b", "c", null);
        result.ReferenceCounts.Should().Equal(2, 1, 0, 1);
        result.CurrentCounts.Should().Equal(1, 2, 1, 2);
        result.ReferenceMissing.Should().Be(1);
        result.CurrentMissing.Should().Be(2);
        result.ReferenceProportions.Should().Equal(0.5, 0.25, 0.0, 0.25);
        result.CurrentProportions.Should().Equal(1 / 6.0, 2 / 6.0, 1 / 6.0, 2 / 6.0);
        result.ChiSquare.DegreesOfFreedom.Should().Be(3);
    }

    [Fact]
    public void Compute_OnlyOneSideHasMissingValues_StillComparesTheBucket()
    {
        var result = CategoricalDivergence.Compute(["x", "x"], ["x", null]);

        result.Categories.Should().Equal("x", null);
        result.ReferenceProportions.Should().Equal(1.0, 0.0);
        result.CurrentProportions.Should().Equal(0.5, 0.5);
        result.Psi.Should().BeApproximately((0.5 - 1e-4) * Math.Log(0.5 / 1e-4) + (0.5 - 1.0) * Math.Log(0.5 / 1.0), 1e-12);
    }

    [Fact]
    public void Compute_NoMissingValues_HasNoMissingBucket()
    {
        var result = CategoricalDivergence.Compute(["b", "a"], ["a"]);

        result.HasMissingBucket.Should().BeFalse();
        result.Categories.Should().Equal("a", "b");
    }

    [Fact]
    public void Compute_UnseenAndVanishedCategories_GiveFiniteDocumentedNumbers()
    {
        // "new" never occurs in the reference, "old" never in the current window.
        var reference = new Dictionary<string, long> { ["old"] = 10, ["same"] = 30 };
        var current = new Dictionary<string, long> { ["new"] = 20, ["same"] = 20 };

        var result = CategoricalDivergence.Compute(reference, current);

        result.Categories.Should().Equal("new", "old", "same");
        var psi = ((0.5 - 1e-4) * Math.Log(0.5 / 1e-4)) + ((1e-4 - 0.25) * Math.Log(1e-4 / 0.25)) + ((0.5 - 0.75) * Math.Log(0.5 / 0.75));
        result.Psi.Should().BeApproximately(psi, 1e-12);
        result.MaxProportionChange.Should().Be(0.5);
        double.IsFinite(result.JensenShannonDistance).Should().BeTrue();
        double.IsFinite(result.Hellinger).Should().BeTrue();
        double.IsFinite(result.ChiSquare.Statistic).Should().BeTrue();
        result.ChiSquare.PValue.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Compute_CategoryCountedZeroTimesOnBothSides_IsDropped()
    {
        var reference = new Dictionary<string, long> { ["a"] = 3, ["ghost"] = 0 };
        var current = new Dictionary<string, long> { ["a"] = 1, ["b"] = 2, ["ghost"] = 0 };

        var result = CategoricalDivergence.Compute(reference, current);

        result.Categories.Should().Equal("a", "b");
    }

    [Fact]
    public void Compute_DictionaryComparers_AreIgnoredInFavourOfOrdinal()
    {
        var reference = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["A"] = 1, ["b"] = 1 };
        var current = new Dictionary<string, long>(StringComparer.Ordinal) { ["a"] = 1, ["B"] = 1 };

        var result = CategoricalDivergence.Compute(reference, current);

        result.Categories.Should().Equal("A", "B", "a", "b");
        result.ReferenceCounts.Should().Equal(1, 0, 0, 1);
        result.CurrentCounts.Should().Equal(0, 1, 1, 0);
    }

    [Fact]
    public void Compute_IdenticalSamples_GiveZeroDivergencesAndPValueOne()
    {
        string?[] values = ["a", "b", "b", null, "c", "c", "c"];

        var result = CategoricalDivergence.Compute(values, values);

        result.Psi.Should().Be(0);
        result.JensenShannonDistance.Should().Be(0);
        result.Hellinger.Should().Be(0);
        result.MaxProportionChange.Should().Be(0);
        result.ChiSquare.Statistic.Should().Be(0);
        result.ChiSquare.PValue.Should().Be(1);
    }

    [Fact]
    public void Compute_EmptySample_ThrowsNamingIt()
    {
        FluentActions.Invoking(() => CategoricalDivergence.Compute([], ["a"])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => CategoricalDivergence.Compute(["a"], [])).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => CategoricalDivergence.Compute(new Dictionary<string, long>(), new Dictionary<string, long> { ["a"] = 1 }))
            .Should().Throw<ArgumentException>().WithParameterName("referenceCounts");
        FluentActions.Invoking(() => CategoricalDivergence.Compute(new Dictionary<string, long> { ["a"] = 1 }, new Dictionary<string, long> { ["a"] = 0 }))
            .Should().Throw<ArgumentException>().WithParameterName("currentCounts");
    }

    [Fact]
    public void Compute_AllMissingSample_IsComparedNotRejected()
    {
        var result = CategoricalDivergence.Compute(["a", "b"], [null, null]);

        result.Categories.Should().Equal("a", "b", null);
        result.CurrentProportions.Should().Equal(0.0, 0.0, 1.0);
        double.IsFinite(result.Psi).Should().BeTrue();
    }

    [Fact]
    public void Compute_NegativeCounts_Throw()
    {
        FluentActions.Invoking(() => CategoricalDivergence.Compute(new Dictionary<string, long> { ["a"] = -1 }, new Dictionary<string, long> { ["a"] = 1 }))
            .Should().Throw<ArgumentException>().WithParameterName("referenceCounts");
        FluentActions.Invoking(() => CategoricalDivergence.Compute(new Dictionary<string, long> { ["a"] = 1 }, new Dictionary<string, long> { ["a"] = 1 }, currentMissing: -2))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("currentMissing");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    public void Compute_EpsilonNotPositive_Throws(double epsilon)
    {
        var act = () => CategoricalDivergence.Compute(["a"], ["a"], epsilon);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("epsilon");
    }

    [Fact]
    public void Compute_NullArguments_Throw()
    {
        FluentActions.Invoking(() => CategoricalDivergence.Compute(null!, ["a"])).Should().Throw<ArgumentNullException>().WithParameterName("reference");
        FluentActions.Invoking(() => CategoricalDivergence.Compute(new Dictionary<string, long>(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("currentCounts");
    }

    private static void ShouldMatch(CategoricalDivergenceResult result, System.Text.Json.JsonElement expected)
    {
        result.Categories.Should().Equal(expected.GetProperty("categories").Strings());
        result.ReferenceProportions.ShouldMatchStatistics(expected.GetProperty("reference_proportions").Doubles(), "reference_proportions");
        result.CurrentProportions.ShouldMatchStatistics(expected.GetProperty("current_proportions").Doubles(), "current_proportions");
        result.Psi.ShouldMatchStatistic(expected.Double("psi"), "psi");
        result.JensenShannonDistance.ShouldMatchStatistic(expected.Double("jensen_shannon_distance"), "jensen_shannon_distance");
        result.Hellinger.ShouldMatchStatistic(expected.Double("hellinger"), "hellinger");
        result.MaxProportionChange.ShouldMatchStatistic(expected.Double("l_infinity"), "l_infinity");
        var chiSquare = expected.GetProperty("chi_square");
        result.ChiSquare.Statistic.ShouldMatchStatistic(chiSquare.Double("statistic"), "chi_square.statistic");
        result.ChiSquare.PValue.ShouldMatchPValue(chiSquare.Double("pvalue"), "chi_square.pvalue");
        result.ChiSquare.DegreesOfFreedom.Should().Be(chiSquare.GetProperty("dof").GetInt32());
    }

    private static Dictionary<string, long> Tally(IEnumerable<string?> values) =>
        values.GroupBy(v => v!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
}
