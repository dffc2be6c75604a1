using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class PairedBootstrapTests
{
    [Fact]
    public void MeanDifference_SameSeed_GivesSameInterval()
    {
        (double[] x, double[] y) = Correctness(500, 0.8, 0.7, seed: 3);

        PairedBootstrapInterval first = PairedBootstrap.MeanDifference(x, y, 0.95, 1000, seed: 17);
        PairedBootstrapInterval second = PairedBootstrap.MeanDifference(x, y, 0.95, 1000, seed: 17);

        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public void MeanDifference_DifferentSeed_GivesDifferentInterval()
    {
        // Continuous losses, so two different resample sequences cannot land on the same quantiles by coincidence.
        var random = new Random(8);
        double[] x = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray();
        double[] y = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray();

        PairedBootstrapInterval first = PairedBootstrap.MeanDifference(x, y, seed: 1);
        PairedBootstrapInterval second = PairedBootstrap.MeanDifference(x, y, seed: 2);

        second.Lower.Should().NotBe(first.Lower);
        second.MeanDifference.Should().Be(first.MeanDifference);
    }

    [Fact]
    public void MeanDifference_ClearDifference_MatchesNormalApproximationAndExcludesZero()
    {
        // 4000 paired rows, challenger right 85 % of the time, champion 75 %: the percentile interval should be close to
        // the normal-theory interval mean ± 1.96 · sd / sqrt(n) of the paired differences.
        (double[] x, double[] y) = Correctness(4000, 0.85, 0.75, seed: 11);
        double[] d = x.Zip(y, (a, b) => a - b).ToArray();
        double mean = d.Average();
        double sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
        double halfWidth = 1.959963984540054 * sd / Math.Sqrt(d.Length);

        PairedBootstrapInterval interval = PairedBootstrap.MeanDifference(x, y, 0.95, 2000, seed: 5);

        interval.MeanDifference.Should().BeApproximately(mean, 1e-12);
        interval.Lower.Should().BeApproximately(mean - halfWidth, 0.15 * halfWidth);
        interval.Upper.Should().BeApproximately(mean + halfWidth, 0.15 * halfWidth);
        interval.IsAboveZero.Should().BeTrue();
        interval.IsBelowZero.Should().BeFalse();
    }

    [Fact]
    public void MeanDifference_NoDifference_IntervalContainsZero()
    {
        (double[] x, _) = Correctness(1000, 0.8, 0.8, seed: 21);
        double[] y = [.. Enumerable.Reverse(x)];

        PairedBootstrapInterval interval = PairedBootstrap.MeanDifference(x, y);

        interval.Lower.Should().BeLessThan(0);
        interval.Upper.Should().BeGreaterThan(0);
    }

    [Fact]
    public void MeanDifference_ConstantDifference_IsDegenerate()
    {
        double[] x = [3, 4, 5, 6];
        double[] y = [1, 2, 3, 4];

        PairedBootstrapInterval interval = PairedBootstrap.MeanDifference(x, y, 0.9, 200, 9);

        interval.Should().BeEquivalentTo(new PairedBootstrapInterval(2, 2, 2, 0.9, 200, 9));
    }

    [Fact]
    public void MeanDifference_HigherLevel_GivesWiderInterval()
    {
        (double[] x, double[] y) = Correctness(800, 0.8, 0.75, seed: 4);

        PairedBootstrapInterval narrow = PairedBootstrap.MeanDifference(x, y, 0.8);
        PairedBootstrapInterval wide = PairedBootstrap.MeanDifference(x, y, 0.99);

        (wide.Upper - wide.Lower).Should().BeGreaterThan(narrow.Upper - narrow.Lower);
    }

    [Fact]
    public void Quantile_MatchesNumpyLinearDefinition()
    {
        // numpy.percentile([1, 2, 3, 4], [2.5, 10, 50, 97.5]) = [1.075, 1.3, 2.5, 3.925]
        double[] sorted = [1, 2, 3, 4];

        PairedBootstrap.Quantile(sorted, 0.025).Should().BeApproximately(1.075, 1e-12);
        PairedBootstrap.Quantile(sorted, 0.10).Should().BeApproximately(1.3, 1e-12);
        PairedBootstrap.Quantile(sorted, 0.50).Should().BeApproximately(2.5, 1e-12);
        PairedBootstrap.Quantile(sorted, 0.975).Should().BeApproximately(3.925, 1e-12);
    }

    [Fact]
    public void SplitMix64_MatchesReferenceSequence()
    {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c), pinning the generator across platforms.
        var random = new PairedBootstrap.SplitMix64(0);

        random.NextUInt64().Should().Be(0xE220A8397B1DCDAFUL);
        random.NextUInt64().Should().Be(0x6E789E6AA1B965F4UL);
        random.NextUInt64().Should().Be(0x06C45D188009454FUL);
    }

    [Fact]
    public void SplitMix64_NextIndex_StaysInRangeAndCoversIt()
    {
        var random = new PairedBootstrap.SplitMix64(99);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++)
        {
            counts[random.NextIndex(7)]++;
        }

        counts.Should().OnlyContain(c => c > 850 && c < 1150);
    }

    [Fact]
    public void MeanDifference_DifferentLengths_Throws()
    {
        Action act = () => PairedBootstrap.MeanDifference(new double[3], new double[2]);

        act.Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*3*2*");
    }

    [Fact]
    public void MeanDifference_Empty_Throws()
    {
        Action act = () => PairedBootstrap.MeanDifference([], []);

        act.Should().Throw<ArgumentException>().WithParameterName("x");
    }

    [Fact]
    public void MeanDifference_NaN_ThrowsNamingRow()
    {
        Action act = () => PairedBootstrap.MeanDifference([1, double.NaN], [1, 2]);

        act.Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("Row 1*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void MeanDifference_BadConfidenceLevel_Throws(double level)
    {
        Action act = () => PairedBootstrap.MeanDifference([1.0], [0.0], level);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
    }

    [Fact]
    public void MeanDifference_ZeroResamples_Throws()
    {
        Action act = () => PairedBootstrap.MeanDifference([1.0], [0.0], 0.95, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("resamples");
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(PairedBootstrap.MaxResamples + 1)]
    public void MeanDifference_ResamplesAboveMaximum_ThrowsNamingTheMaximum(int resamples)
    {
        Action act = () => PairedBootstrap.MeanDifference([1.0], [0.0], 0.95, resamples);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("resamples").WithMessage("*from 1 to 1000000 (PairedBootstrap.MaxResamples)*");
    }

    [Fact]
    public void MeanDifference_ResamplesAtMaximum_Runs()
    {
        PairedBootstrap.MeanDifference([1.0, 0.0], [0.0, 0.0], 0.95, PairedBootstrap.MaxResamples).Resamples.Should().Be(PairedBootstrap.MaxResamples);
    }

    internal static (double[] X, double[] Y) Correctness(int n, double pX, double pY, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextDouble() < pX ? 1 : 0;
            y[i] = random.NextDouble() < pY ? 1 : 0;
        }

        return (x, y);
    }
}
