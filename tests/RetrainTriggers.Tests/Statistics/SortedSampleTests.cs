using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class SortedSampleTests
{
    [Fact]
    public void Sort_RawValues_KeepsFiniteValuesAscendingWithPositiveZero()
    {
        var sample = SortedSample.Sort([3.0, double.NaN, -0.0, double.NegativeInfinity, -1.0, double.PositiveInfinity]);

        sample.Values.ToArray().Should().Equal(-1.0, 0.0, 3.0);
        BitConverter.DoubleToInt64Bits(sample.Values.Span[1]).Should().Be(0, "-0.0 is stored as +0.0");
    }

    [Fact]
    public void Sort_NoFiniteValue_ThrowsNamingValues()
    {
        var act = () => SortedSample.Sort([double.NaN, double.PositiveInfinity]);

        act.Should().Throw<ArgumentException>().WithParameterName("values");
    }

    [Fact]
    public void FromSorted_SortedValues_CopiesThemWithPositiveZero()
    {
        double[] values = [-0.0, 1.0, 2.0];

        var sample = SortedSample.FromSorted(values);
        values[2] = 99;

        sample.Values.ToArray().Should().Equal(0.0, 1.0, 2.0);
        BitConverter.DoubleToInt64Bits(sample.Values.Span[0]).Should().Be(0);
    }

    [Theory]
    [InlineData(new[] { 1.0, 3.0, 2.0 })]
    [InlineData(new[] { 1.0, double.NaN, 2.0 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity })]
    [InlineData(new[] { double.NegativeInfinity, 1.0 })]
    [InlineData(new double[0])]
    public void FromSorted_UnsortedNonFiniteOrEmpty_ThrowsNamingSortedValues(double[] values)
    {
        var act = () => SortedSample.FromSorted(values);

        act.Should().Throw<ArgumentException>().WithParameterName("sortedValues");
    }

    [Fact]
    public void Overloads_SameData_GiveIdenticalResultsForEveryStatistic()
    {
        var random = new Random(5);
        double[] reference = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 2)).Append(double.NaN).ToArray();
        double[] current = Enumerable.Range(0, 200).Select(_ => Math.Round(random.NextDouble() + 0.05, 2)).ToArray();
        var sortedReference = SortedSample.Sort(reference);
        var sortedCurrent = SortedSample.Sort(current);

        var ks = KolmogorovSmirnov.TwoSample(reference, current);
        KolmogorovSmirnov.TwoSample(sortedReference, current).Should().Be(ks);
        KolmogorovSmirnov.TwoSample(sortedReference, sortedCurrent).Should().Be(ks);
        var w = Wasserstein.Distance(reference, current);
        Wasserstein.Distance(sortedReference, current).Should().Be(w);
        Wasserstein.Distance(sortedReference, sortedCurrent).Should().Be(w);
        var e = EnergyDistance.Compute(reference, current);
        EnergyDistance.Compute(sortedReference, current).Should().Be(e);
        EnergyDistance.Compute(sortedReference, sortedCurrent).Should().Be(e);
        var cvm = CramerVonMises.TwoSample(reference, current);
        CramerVonMises.TwoSample(sortedReference, current).Should().BeEquivalentTo(cvm);
        CramerVonMises.TwoSample(sortedReference, sortedCurrent).Should().BeEquivalentTo(cvm);
        Binning.QuantileEdges(sortedReference, 7).Should().Equal(Binning.QuantileEdges(reference, 7));
    }

    [Fact]
    public void CramerVonMises_SingleValueSortedSample_ThrowsNamingParameter()
    {
        var act = () => CramerVonMises.TwoSample(SortedSample.FromSorted([1.0, 2.0]), SortedSample.FromSorted([1.0]));

        act.Should().Throw<ArgumentException>().WithParameterName("current");
    }
}
