using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class DivergenceTests
{
    [Fact]
    public void AllMeasures_SmallVectors_MatchNumpyAndScipy()
    {
        // numpy/scipy on the equal-width example of BinningTests: r = [0.375, 0.25, 0.125, 0.25], c = [3/7, 1/7, 0, 3/7].
        double[] r = [0.375, 0.25, 0.125, 0.25];
        double[] c = [0.42857142857142855, 0.14285714285714285, 0.0, 0.42857142857142855];

        Divergence.Psi(r, c).ShouldMatchStatistic(1.054010940918531, "psi");
        Divergence.KullbackLeibler(r, c).ShouldMatchStatistic(0.8464429033535312, "kl");
        Divergence.JensenShannonDistance(r, c).ShouldMatchStatistic(0.25199484035114467, "js");
        Divergence.JensenShannonDistance(r, c, 2).ShouldMatchStatistic(0.3026766496443237, "js base 2");
        Divergence.Hellinger(r, c).ShouldMatchStatistic(0.28774826719332514, "hellinger");
        Divergence.MaxProportionChange(r, c).Should().Be(0.17857142857142855);
    }

    [Fact]
    public void Psi_ZeroProportions_AreReplacedByEpsilonWithoutRenormalising()
    {
        var expected = (0.5 - 1e-3) * Math.Log(0.5 / 1e-3) + (1e-3 - 0.5) * Math.Log(1e-3 / 0.5);

        Divergence.Psi([0.5, 0.0, 0.5], [0.0, 0.5, 0.5], 1e-3).ShouldMatchStatistic(expected, "psi");
    }

    [Fact]
    public void KullbackLeibler_IsNotSymmetric()
    {
        double[] a = [0.7, 0.2, 0.1];
        double[] b = [0.4, 0.4, 0.2];

        Divergence.KullbackLeibler(a, b).Should().NotBe(Divergence.KullbackLeibler(b, a));
        (Divergence.KullbackLeibler(a, b) + Divergence.KullbackLeibler(b, a)).ShouldMatchStatistic(Divergence.Psi(a, b), "psi = kl + reverse kl");
    }

    [Fact]
    public void JensenShannonDistance_UnnormalisedWeights_AreNormalisedLikeScipy()
    {
        Divergence.JensenShannonDistance([2.0, 6.0], [5.0, 5.0]).Should().Be(Divergence.JensenShannonDistance([0.25, 0.75], [0.5, 0.5]));
    }

    [Fact]
    public void JensenShannonDistance_DisjointSupports_ReachesTheBound()
    {
        Divergence.JensenShannonDistance([1.0, 0.0], [0.0, 1.0]).ShouldMatchStatistic(Math.Sqrt(Math.Log(2)), "nats");
        Divergence.JensenShannonDistance([1.0, 0.0], [0.0, 1.0], 2).ShouldMatchStatistic(1.0, "bits");
        Divergence.Hellinger([1.0, 0.0], [0.0, 1.0]).Should().Be(1.0);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(99)]
    public void Measures_RandomProportions_RespectTheirBounds(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 500; trial++)
        {
            var n = random.Next(1, 40);
            var r = RandomProportions(random, n);
            var c = RandomProportions(random, n);
            var epsilon = Math.Pow(10, -random.Next(1, 9));

            Divergence.Psi(r, c, epsilon).Should().BeGreaterThanOrEqualTo(0);
            Divergence.Psi(r, r, epsilon).Should().Be(0);
            Divergence.JensenShannonDistance(r, c).Should().BeInRange(0, Math.Sqrt(Math.Log(2)));
            Divergence.JensenShannonDistance(r, c, 2).Should().BeInRange(0, 1);
            Divergence.JensenShannonDistance(r, r).Should().Be(0);
            Divergence.Hellinger(r, c).Should().BeInRange(0, 1);
            Divergence.Hellinger(r, r).Should().Be(0);
            Divergence.MaxProportionChange(r, c).Should().BeInRange(0, 1);
        }
    }

    [Fact]
    public void AllMeasures_MismatchedLengths_ThrowNamingCurrent()
    {
        double[] r = [0.5, 0.5];
        double[] c = [0.2, 0.3, 0.5];

        FluentActions.Invoking(() => Divergence.Psi(r, c)).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => Divergence.KullbackLeibler(r, c)).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => Divergence.JensenShannonDistance(r, c)).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => Divergence.Hellinger(r, c)).Should().Throw<ArgumentException>().WithParameterName("current");
        FluentActions.Invoking(() => Divergence.MaxProportionChange(r, c)).Should().Throw<ArgumentException>().WithParameterName("current");
    }

    [Fact]
    public void AllMeasures_EmptyVectors_ThrowNamingReference()
    {
        FluentActions.Invoking(() => Divergence.Psi([], [])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Divergence.KullbackLeibler([], [])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Divergence.JensenShannonDistance([], [])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Divergence.Hellinger([], [])).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Divergence.MaxProportionChange([], [])).Should().Throw<ArgumentException>().WithParameterName("reference");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AllMeasures_NegativeOrNonFiniteProportion_Throw(double bad)
    {
        double[] r = [0.5, bad];
        double[] c = [0.5, 0.5];

        FluentActions.Invoking(() => Divergence.Psi(r, c)).Should().Throw<ArgumentException>().WithParameterName("reference");
        FluentActions.Invoking(() => Divergence.Hellinger(c, r)).Should().Throw<ArgumentException>().WithParameterName("current");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void PsiAndKullbackLeibler_EpsilonNotPositive_Throw(double epsilon)
    {
        FluentActions.Invoking(() => Divergence.Psi([1.0], [1.0], epsilon)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("epsilon");
        FluentActions.Invoking(() => Divergence.KullbackLeibler([1.0], [1.0], epsilon)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("epsilon");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void JensenShannonDistance_InvalidBase_Throws(double logBase)
    {
        var act = () => Divergence.JensenShannonDistance([1.0], [1.0], logBase);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("logBase");
    }

    [Fact]
    public void JensenShannonDistance_AllZeroWeights_Throws()
    {
        var act = () => Divergence.JensenShannonDistance([0.0, 0.0], [0.5, 0.5]);

        act.Should().Throw<ArgumentException>().WithParameterName("reference");
    }

    private static double[] RandomProportions(Random random, int n)
    {
        var counts = new long[n];
        for (var i = 0; i < n; i++)
        {
            counts[i] = random.Next(4) == 0 ? 0 : random.Next(1, 1000);
        }

        counts[random.Next(n)]++;
        var proportions = new double[n];
        Binning.Proportions(counts, proportions);
        return proportions;
    }
}
