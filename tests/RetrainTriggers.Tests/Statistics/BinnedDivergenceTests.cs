using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class BinnedDivergenceTests
{
    public static TheoryData<string> BinnedCases => GoldenData.Reference.Names(GoldenData.BinnedFile);

    [Theory]
    [MemberData(nameof(BinnedCases))]
    public void Compute_ReferenceCase_MatchesEveryExpectedField(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.BinnedFile, name);
        var expected = c.GetProperty("expected");
        var strategy = c.GetProperty("binning").GetString() switch
        {
            "quantile" => BinningStrategy.Quantile,
            "equal-width" => BinningStrategy.EqualWidth,
            var other => throw new InvalidOperationException($"Unknown binning {other} in {name}."),
        };

        var result = BinnedDivergence.Compute(
            c.GetProperty("reference").Doubles(),
            c.GetProperty("current").Doubles(),
            strategy,
            c.GetProperty("bins").GetInt32(),
            c.Double("epsilon"));

        result.InnerEdges.ShouldMatchStatistics(expected.GetProperty("inner_edges").Doubles(), "inner_edges");
        result.ReferenceProportions.ShouldMatchStatistics(expected.GetProperty("reference_proportions").Doubles(), "reference_proportions");
        result.CurrentProportions.ShouldMatchStatistics(expected.GetProperty("current_proportions").Doubles(), "current_proportions");
        result.Psi.ShouldMatchStatistic(expected.Double("psi"), "psi");
        result.KullbackLeibler.ShouldMatchStatistic(expected.Double("kl_divergence"), "kl_divergence");
        result.JensenShannonDistance.ShouldMatchStatistic(expected.Double("jensen_shannon_distance"), "jensen_shannon_distance");
        result.Hellinger.ShouldMatchStatistic(expected.Double("hellinger"), "hellinger");
        result.ReferenceExcluded.Should().Be(0);
        result.CurrentExcluded.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(BinnedCases))]
    public void ProfilePath_ReferenceCase_GivesTheSameNumbersAsCompute(string name)
    {
        // What a reference profile does: sort once, edges from the sorted sample, then Count + Proportions per window.
        var c = GoldenData.Reference.Case(GoldenData.BinnedFile, name);
        if (c.GetProperty("binning").GetString() != "quantile")
        {
            return;
        }

        var reference = c.GetProperty("reference").Doubles();
        var current = c.GetProperty("current").Doubles();
        var epsilon = c.Double("epsilon");
        var sorted = (double[])reference.Clone();
        Array.Sort(sorted);
        var edges = Binning.QuantileEdges(SortedSample.FromSorted(sorted), c.GetProperty("bins").GetInt32());
        var referenceProportions = ProportionsOf(reference, edges);
        var currentProportions = ProportionsOf(current, edges);

        var expected = c.GetProperty("expected");
        Divergence.Psi(referenceProportions, currentProportions, epsilon).ShouldMatchStatistic(expected.Double("psi"), "psi");
        Divergence.KullbackLeibler(referenceProportions, currentProportions, epsilon).ShouldMatchStatistic(expected.Double("kl_divergence"), "kl");
        Divergence.JensenShannonDistance(referenceProportions, currentProportions).ShouldMatchStatistic(expected.Double("jensen_shannon_distance"), "js");
        Divergence.Hellinger(referenceProportions, currentProportions).ShouldMatchStatistic(expected.Double("hellinger"), "hellinger");
    }

    [Fact]
    public void Compute_TiedReferenceQuantiles_MatchesNumpy()
    {
        double[] reference = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 4, 4, 5, 9];
        double[] current = [0, 1, 1, 2, 2, 2, 3, 3, 4, 6, 9, 9];

        var result = BinnedDivergence.Compute(reference, current);

        result.InnerEdges.Should().Equal(1.0, 1.2000000000000002, 2.0, 2.8000000000000007, 4.0, 4.700000000000001);
        result.ReferenceCounts.Should().Equal(0, 6, 0, 2, 1, 3, 2);
        result.CurrentCounts.Should().Equal(1, 2, 0, 3, 2, 1, 3);
        result.Psi.ShouldMatchStatistic(1.1314314591635026, "psi");
        result.KullbackLeibler.ShouldMatchStatistic(0.38606984715912174, "kl");
        result.JensenShannonDistance.ShouldMatchStatistic(0.3133739627304469, "js");
        result.Hellinger.ShouldMatchStatistic(0.334715878028127, "hellinger");
    }

    [Fact]
    public void Compute_CustomEdges_MatchesNumpy()
    {
        double[] reference = [0.1, 0.2, 0.25, 0.5, 0.5, 0.9, 1.5, 2.5];
        double[] current = [0.0, 0.25, 0.3, 0.5, 2.0, 3.0];

        var result = BinnedDivergence.Compute(reference, current, BinningStrategy.Custom, customEdges: [2.0, double.PositiveInfinity, 0.25, 0.5, 0.5]);

        result.InnerEdges.Should().Equal(0.25, 0.5, 2.0);
        result.ReferenceProportions.Should().Equal(0.25, 0.125, 0.5, 0.125);
        result.CurrentProportions.Should().Equal(0.16666666666666666, 0.3333333333333333, 0.16666666666666666, 0.3333333333333333);
        result.Psi.ShouldMatchStatistic(0.8086717106532696, "psi");
        result.KullbackLeibler.ShouldMatchStatistic(0.4054651081081645, "kl");
        result.JensenShannonDistance.ShouldMatchStatistic(0.31133543272642983, "js");
        result.Hellinger.ShouldMatchStatistic(0.3145670512138749, "hellinger");
    }

    [Theory]
    [InlineData(BinningStrategy.Quantile)]
    [InlineData(BinningStrategy.EqualWidth)]
    public void Compute_ConstantReference_GivesDefinedFiniteResult(BinningStrategy strategy)
    {
        double[] reference = [3.0, 3.0, 3.0, 3.0, 3.0, 3.0];
        double[] current = [2.0, 3.0, 3.0, 4.0];

        var result = BinnedDivergence.Compute(reference, current, strategy);

        result.InnerEdges.Should().Equal(3.0);
        result.ReferenceProportions.Should().Equal(0.0, 1.0);
        result.CurrentProportions.Should().Equal(0.25, 0.75);
        result.Psi.ShouldMatchStatistic(2.0271496162259326, "psi");
        result.KullbackLeibler.ShouldMatchStatistic(0.2868996678506952, "kl");
        result.JensenShannonDistance.ShouldMatchStatistic(0.30919668327301403, "js");
        result.Hellinger.ShouldMatchStatistic(0.36602540378443865, "hellinger");
    }

    [Fact]
    public void Compute_NonFiniteValues_AreExcludedAndCounted()
    {
        double[] reference = [1, 2, double.NaN, 3, 4, 5, 6, 7, 8, double.NegativeInfinity];
        double[] current = [1, 2, 3, double.PositiveInfinity, 4, 5, 6, 7, 8, double.NaN, double.NaN];

        var dirty = BinnedDivergence.Compute(reference, current, bins: 4);
        var clean = BinnedDivergence.Compute([1.0, 2, 3, 4, 5, 6, 7, 8], [1.0, 2, 3, 4, 5, 6, 7, 8], bins: 4);

        dirty.ReferenceExcluded.Should().Be(2);
        dirty.CurrentExcluded.Should().Be(3);
        dirty.InnerEdges.Should().Equal(clean.InnerEdges);
        dirty.ReferenceProportions.Should().Equal(clean.ReferenceProportions);
        dirty.Psi.Should().Be(0);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void Compute_IdenticalRandomSamples_GiveZeroAndBoundedRandomSamplesNot(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 40; trial++)
        {
            var reference = Enumerable.Range(0, random.Next(1, 3000)).Select(_ => Math.Round(random.NextDouble() * 10, random.Next(0, 3))).ToArray();
            var current = Enumerable.Range(0, random.Next(1, 3000)).Select(_ => Math.Round(random.NextDouble() * 12 - 1, 2)).ToArray();
            var strategy = (BinningStrategy)random.Next(2);
            var bins = random.Next(2, 25);

            var same = BinnedDivergence.Compute(reference, reference, strategy, bins);
            same.Psi.Should().Be(0);
            same.KullbackLeibler.Should().Be(0);
            same.JensenShannonDistance.Should().Be(0);
            same.Hellinger.Should().Be(0);

            var other = BinnedDivergence.Compute(reference, current, strategy, bins);
            other.Psi.Should().BeGreaterThanOrEqualTo(0);
            other.JensenShannonDistance.Should().BeInRange(0, Math.Sqrt(Math.Log(2)));
            other.Hellinger.Should().BeInRange(0, 1);
            other.ReferenceCounts.Sum().Should().Be(reference.Length);
            other.CurrentCounts.Sum().Should().Be(current.Length);
        }
    }

    [Fact]
    public void Compute_EmptySample_ThrowsNamingIt()
    {
        FluentActions.Invoking(() => BinnedDivergence.Compute([], [1.0])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => BinnedDivergence.Compute([1.0], [])).Should().Throw<ArgumentException>().WithParameterName("current");
    }

    [Fact]
    public void Compute_AllNaNSample_ThrowsNamingIt()
    {
        double[] nan = [double.NaN, double.NaN];

        FluentActions.Invoking(() => BinnedDivergence.Compute(nan, [1.0])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => BinnedDivergence.Compute([1.0, 2.0], nan)).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => BinnedDivergence.Compute([1.0, 2.0], nan, BinningStrategy.Custom, customEdges: [1.5])).Should().Throw<ArgumentException>().WithParameterName("current");
    }

    [Fact]
    public void Compute_BinsBelowTwo_Throws()
    {
        var act = () => BinnedDivergence.Compute([1.0, 2.0], [1.0], bins: 1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Compute_EpsilonNotPositive_Throws(double epsilon)
    {
        var act = () => BinnedDivergence.Compute([1.0, 2.0], [1.0], epsilon: epsilon);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("epsilon");
    }

    [Fact]
    public void Compute_CustomWithoutEdges_ThrowsNamingCustomEdges()
    {
        var act = () => BinnedDivergence.Compute([1.0, 2.0], [1.0], BinningStrategy.Custom);

        act.Should().Throw<ArgumentException>().WithParameterName("customEdges");
    }

    private static double[] ProportionsOf(double[] values, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        Binning.Count(values, edges, counts);
        var proportions = new double[counts.Length];
        Binning.Proportions(counts, proportions);
        return proportions;
    }
}
