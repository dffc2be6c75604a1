using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class BinningTests
{
    public static TheoryData<string> BinnedCases => GoldenData.Reference.Names(GoldenData.BinnedFile);

    [Theory]
    [MemberData(nameof(BinnedCases))]
    public void ComputeEdges_ReferenceCase_MatchesNumpy(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.BinnedFile, name);
        var reference = c.GetProperty("reference").Doubles();
        var strategy = c.GetProperty("binning").GetString() == "quantile" ? BinningStrategy.Quantile : BinningStrategy.EqualWidth;

        var edges = Binning.ComputeEdges(reference, strategy, c.GetProperty("bins").GetInt32());

        edges.ShouldMatchStatistics(c.GetProperty("expected").GetProperty("inner_edges").Doubles(), "inner_edges");
    }

    [Theory]
    [MemberData(nameof(BinnedCases))]
    public void QuantileEdgesSorted_ReferenceCase_EqualsUnsortedVersion(string name)
    {
        var c = GoldenData.Reference.Case(GoldenData.BinnedFile, name);
        var reference = c.GetProperty("reference").Doubles();
        var bins = c.GetProperty("bins").GetInt32();
        var sorted = (double[])reference.Clone();
        Array.Sort(sorted);

        Binning.QuantileEdges(SortedSample.FromSorted(sorted), bins).Should().Equal(Binning.QuantileEdges(reference, bins));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(19)]
    [InlineData(77)]
    public void QuantileEdges_RandomData_EqualsQuantilesOfTheSortedSample(int seed)
    {
        // QuantileEdges selects order statistics; QuantileEdgesSorted reads them from a full sort.
        var random = new Random(seed);
        for (var trial = 0; trial < 80; trial++)
        {
            var n = random.Next(1, 20_000);
            var distinct = random.Next(3) == 0 ? random.Next(1, 12) : int.MaxValue;
            var values = Enumerable.Range(0, n).Select(_ => distinct == int.MaxValue ? random.NextDouble() * 100 - 50 : random.Next(distinct)).ToArray();
            if (random.Next(4) == 0)
            {
                Array.Sort(values);
                if (random.Next(2) == 0)
                {
                    Array.Reverse(values);
                }
            }

            var bins = random.Next(2, 200);
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);

            Binning.QuantileEdges(values, bins).Should().Equal(Binning.QuantileEdges(SortedSample.FromSorted(sorted), bins), $"seed {seed}, trial {trial}, n {n}, bins {bins}");
        }
    }

    [Fact]
    public void QuantileEdges_TiedData_RemovesDuplicateEdgesLikeNumpyUnique()
    {
        // numpy: np.quantile(r, np.linspace(0, 1, 11)[1:-1]) = [1, 1, 1, 1.2000000000000002, 2, 2.8000000000000007, 4, 4, 4.700000000000001]
        double[] reference = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 4, 4, 5, 9];

        var edges = Binning.QuantileEdges(reference, 10);

        edges.Should().Equal(1.0, 1.2000000000000002, 2.0, 2.8000000000000007, 4.0, 4.700000000000001);
    }

    [Fact]
    public void QuantileEdges_LevelsFromLinspace_NotFromDivision()
    {
        // linspace gives the level 3 * 0.1 = 0.30000000000000004, so numpy interpolates just above the order
        // statistic 3: np.quantile(np.arange(11.0), np.linspace(0, 1, 11)[1:-1])[2] == 3.0000000000000004 (0.3 gives 3.0).
        double[] reference = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        var edges = Binning.QuantileEdges(reference, 10);

        edges[2].Should().Be(3.0000000000000004);
    }

    [Fact]
    public void QuantileEdges_NonFiniteValues_AreIgnored()
    {
        double[] clean = [5, 1, 4, 2, 3, 9, 7];
        double[] dirty = [5, double.NaN, 1, 4, double.PositiveInfinity, 2, 3, double.NegativeInfinity, 9, 7];

        Binning.QuantileEdges(dirty, 4).Should().Equal(Binning.QuantileEdges(clean, 4));
    }

    [Fact]
    public void QuantileEdges_ConstantReference_GivesSingleEdgeAtTheConstant()
    {
        Binning.QuantileEdges([3.0, 3, 3, 3, 3, 3]).Should().Equal(3.0);
        Binning.EqualWidthEdges([3.0, 3, 3, 3, 3, 3]).Should().Equal(3.0);
    }

    [Fact]
    public void EqualWidthEdges_SmallSample_MatchesNumpyLinspace()
    {
        double[] reference = [0.5, 1.25, 3.0, 3.0, 7.75, 10.0, 2.0, 6.5, double.NaN, double.PositiveInfinity];

        Binning.EqualWidthEdges(reference, 4).Should().Equal(2.875, 5.25, 7.625);
    }

    [Fact]
    public void EqualWidthEdges_StepIsMultipliedNotAccumulated()
    {
        double[] reference = [0.0, 1.0];
        var step = 1.0 / 10;

        Binning.EqualWidthEdges(reference, 10).Should().Equal(Enumerable.Range(1, 9).Select(i => (i * step) + 0.0));
    }

    [Fact]
    public void EqualWidthEdges_RangeOverflows_KeepsFiniteEdges()
    {
        var edges = Binning.EqualWidthEdges([-double.MaxValue, double.MaxValue], 4);

        edges.Should().HaveCount(3).And.OnlyContain(e => double.IsFinite(e));
        edges[1].Should().Be(0.0);
    }

    [Fact]
    public void NormalizeEdges_UnsortedDuplicatedInfinite_SortsDeduplicatesAndDropsInfinities()
    {
        double[] edges = [double.PositiveInfinity, 2, 0.5, 2, double.NegativeInfinity, -1, 0.0, -0.0];

        Binning.NormalizeEdges(edges).Should().Equal(-1.0, 0.0, 0.5, 2.0);
    }

    [Fact]
    public void NormalizeEdges_NaN_ThrowsNamingEdges()
    {
        var act = () => Binning.NormalizeEdges([1.0, double.NaN]);

        act.Should().Throw<ArgumentException>().WithParameterName("edges");
    }

    [Fact]
    public void NormalizeEdges_NoFiniteEdge_ThrowsNamingEdges()
    {
        var act = () => Binning.NormalizeEdges([double.NegativeInfinity, double.PositiveInfinity]);

        act.Should().Throw<ArgumentException>().WithParameterName("edges");
    }

    [Fact]
    public void ComputeEdges_Custom_UsesNormalizedCustomEdges()
    {
        Binning.ComputeEdges([], BinningStrategy.Custom, customEdges: [2.0, 0.25, 0.5]).Should().Equal(0.25, 0.5, 2.0);
    }

    [Fact]
    public void ComputeEdges_UnknownStrategy_Throws()
    {
        var act = () => Binning.ComputeEdges([1.0, 2.0], (BinningStrategy)42);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("strategy");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void EdgeMethods_BinsBelowTwo_Throw(int bins)
    {
        double[] reference = [1, 2, 3];

        FluentActions.Invoking(() => Binning.QuantileEdges(reference, bins)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
        FluentActions.Invoking(() => Binning.QuantileEdges(SortedSample.FromSorted(reference), bins)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
        FluentActions.Invoking(() => Binning.EqualWidthEdges(reference, bins)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
    }

    [Fact]
    public void EdgeMethods_EmptyReference_Throw()
    {
        FluentActions.Invoking(() => Binning.QuantileEdges([])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Binning.EqualWidthEdges([])).Should().Throw<ArgumentException>().WithParameterName("reference");
    }

    [Fact]
    public void EdgeMethods_AllNonFinite_Throw()
    {
        double[] reference = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

        FluentActions.Invoking(() => Binning.QuantileEdges(reference)).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Binning.EqualWidthEdges(reference)).Should().Throw<ArgumentException>().WithParameterName("reference");
    }

    [Fact]
    public void Count_ValuesOnEdges_GoToTheRightBin()
    {
        double[] edges = [0.0, 1.0, 2.0];
        double[] values = [-0.5, -0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 7.0];
        var counts = new long[4];

        var excluded = Binning.Count(values, edges, counts);

        excluded.Should().Be(0);
        counts.Should().Equal(1, 3, 2, 2);
    }

    [Fact]
    public void Count_NonFiniteValues_AreExcludedAndCounted()
    {
        // 100 values: the non-finite ones fall in vector-path chunks, not only in the scalar tail.
        var values = Enumerable.Repeat(0.5, 100).ToArray();
        values[3] = double.NaN;
        values[40] = double.PositiveInfinity;
        values[41] = double.NegativeInfinity;
        values[99] = double.NaN;
        var counts = new long[2];

        var excluded = Binning.Count(values, [0.0], counts);

        excluded.Should().Be(4);
        counts.Should().Equal(0, 96);
    }

    [Fact]
    public void Count_FiniteChunkWhoseSumOverflows_IsStillCountedExactly()
    {
        var values = Enumerable.Repeat(double.MaxValue, 64).Concat(Enumerable.Repeat(-1.0, 3)).ToArray();
        var counts = new long[3];

        var excluded = Binning.Count(values, [0.0, 1e300], counts);

        excluded.Should().Be(0);
        counts.Should().Equal(3, 0, 64);
    }

    [Fact]
    public void Count_CountsAreOverwrittenNotAccumulated()
    {
        var counts = new long[] { 5, 5 };

        Binning.Count([1.0, 2.0, 3.0], [2.0], counts);

        counts.Should().Equal(1, 2);
    }

    [Fact]
    public void Count_NoEdges_CountsEveryFiniteValueInOneBin()
    {
        var counts = new long[1];

        var excluded = Binning.Count([1.0, double.NaN, -4.0], [], counts);

        excluded.Should().Be(1);
        counts.Should().Equal(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Count_RandomDataWithNonFiniteAndOnEdgeValues_EqualsNaiveCount(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 60; trial++)
        {
            // Mostly the vector path (up to 256 edges), sometimes the binary-search path beyond it.
            var edgeCount = random.Next(5) == 0 ? random.Next(250, 400) : random.Next(1, 80);
            var edges = Binning.NormalizeEdges(Enumerable.Range(0, edgeCount).Select(_ => Math.Round(random.NextDouble() * 20 - 10, 2)).ToArray());
            var length = random.Next(0, 6000);
            var values = new double[length];
            for (var i = 0; i < length; i++)
            {
                var u = random.NextDouble();
                values[i] = u switch
                {
                    < 0.002 => double.NaN,
                    < 0.003 => double.PositiveInfinity,
                    < 0.004 => double.NegativeInfinity,
                    < 0.2 => edges[random.Next(edges.Length)],
                    < 0.21 => -0.0,
                    _ => random.NextDouble() * 24 - 12,
                };
            }

            if (random.Next(3) == 0)
            {
                // Keep some inputs entirely finite so that every chunk takes the vector path.
                values = values.Where(double.IsFinite).ToArray();
            }

            var counts = new long[edges.Length + 1];
            var excluded = Binning.Count(values, edges, counts);

            var (expectedCounts, expectedExcluded) = NaiveCount(values, edges);
            excluded.Should().Be(expectedExcluded);
            counts.Should().Equal(expectedCounts, $"seed {seed}, trial {trial}, {edges.Length} edges, {length} values");
        }
    }

    [Fact]
    public void Count_WrongCountsLength_ThrowsNamingCounts()
    {
        var act = () => Binning.Count([1.0], [0.0, 1.0], new long[2]);

        act.Should().Throw<ArgumentException>().WithParameterName("counts");
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { 0.0, double.NaN })]
    [InlineData(new[] { double.NegativeInfinity, 0.0 })]
    public void Count_EdgesNotFiniteStrictlyIncreasing_ThrowsNamingInnerEdges(double[] edges)
    {
        var act = () => Binning.Count([1.0], edges, new long[edges.Length + 1]);

        act.Should().Throw<ArgumentException>().WithParameterName("innerEdges");
    }

    [Fact]
    public void Proportions_Counts_DividesByTotal()
    {
        var proportions = new double[3];

        Binning.Proportions([1, 0, 3], proportions);

        proportions.Should().Equal(0.25, 0.0, 0.75);
    }

    [Fact]
    public void Proportions_ZeroTotal_ThrowsNamingCounts()
    {
        var act = () => Binning.Proportions([0, 0], new double[2]);

        act.Should().Throw<ArgumentException>().WithParameterName("counts");
    }

    [Fact]
    public void Proportions_NegativeCount_ThrowsNamingCounts()
    {
        var act = () => Binning.Proportions([3, -1], new double[2]);

        act.Should().Throw<ArgumentException>().WithParameterName("counts");
    }

    [Fact]
    public void Proportions_MismatchedLength_ThrowsNamingProportions()
    {
        var act = () => Binning.Proportions([1, 2], new double[3]);

        act.Should().Throw<ArgumentException>().WithParameterName("proportions");
    }

    private static (long[] Counts, long Excluded) NaiveCount(double[] values, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        long excluded = 0;
        foreach (var x in values)
        {
            if (double.IsNaN(x) || double.IsInfinity(x))
            {
                excluded++;
                continue;
            }

            var bin = 0;
            while (bin < edges.Length && edges[bin] <= x)
            {
                bin++;
            }

            counts[bin]++;
        }

        return (counts, excluded);
    }
}
