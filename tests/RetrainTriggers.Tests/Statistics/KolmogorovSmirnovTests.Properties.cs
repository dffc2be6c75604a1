using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>Seeded property tests and guards for <see cref="KolmogorovSmirnov"/>.</summary>
public partial class KolmogorovSmirnovTests
{
    private static double[] RandomSample(Random random, int n, bool ties, double shift)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = ties ? random.Next(0, 6) + shift : (random.NextDouble() * 2) + shift;
        }

        return values;
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TwoSample_RandomSamples_StatisticAndPValueInUnitInterval(int seed)
    {
        var random = new Random(seed);
        double[] a = RandomSample(random, random.Next(1, 300), seed % 2 == 0, 0);
        double[] b = RandomSample(random, random.Next(1, 300), seed % 3 == 0, random.NextDouble());
        foreach (KolmogorovSmirnovAlternative alternative in Enum.GetValues<KolmogorovSmirnovAlternative>())
        {
            foreach (KolmogorovSmirnovMethod method in Enum.GetValues<KolmogorovSmirnovMethod>())
            {
                KolmogorovSmirnovResult r = KolmogorovSmirnov.TwoSample(a, b, alternative, method);
                r.Statistic.Should().BeInRange(0.0, 1.0);
                r.PValue.Should().BeInRange(0.0, 1.0);
                r.MethodUsed.Should().NotBe(KolmogorovSmirnovMethod.Auto);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TwoSample_SwappedSamples_SameTwoSidedStatisticAndMirroredOneSided(int seed)
    {
        var random = new Random(seed);
        double[] a = RandomSample(random, random.Next(1, 400), seed % 2 == 0, 0);
        double[] b = RandomSample(random, random.Next(1, 400), seed % 2 == 0, 0.3);

        KolmogorovSmirnov.TwoSample(b, a, KolmogorovSmirnovAlternative.TwoSided).Statistic
            .Should().Be(KolmogorovSmirnov.TwoSample(a, b, KolmogorovSmirnovAlternative.TwoSided).Statistic);
        KolmogorovSmirnov.TwoSample(b, a, KolmogorovSmirnovAlternative.Greater, KolmogorovSmirnovMethod.Asymptotic).Statistic
            .Should().Be(KolmogorovSmirnov.TwoSample(a, b, KolmogorovSmirnovAlternative.Less, KolmogorovSmirnovMethod.Asymptotic).Statistic);
        KolmogorovSmirnov.TwoSample(b, a, KolmogorovSmirnovAlternative.Less, KolmogorovSmirnovMethod.Asymptotic).Statistic
            .Should().Be(KolmogorovSmirnov.TwoSample(a, b, KolmogorovSmirnovAlternative.Greater, KolmogorovSmirnovMethod.Asymptotic).Statistic);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AgainstSortedReference_RandomSamples_EqualsTwoSampleAndTwoSampleSorted(int seed)
    {
        var random = new Random(seed);
        double[] reference = RandomSample(random, random.Next(1, 3000), seed % 2 == 0, 0);
        double[] current = RandomSample(random, random.Next(1, 3000), seed % 2 == 0, 0.1);
        double[] sortedReference = (double[])reference.Clone();
        Array.Sort(sortedReference);
        double[] sortedCurrent = (double[])current.Clone();
        Array.Sort(sortedCurrent);
        KolmogorovSmirnovAlternative alternative = (KolmogorovSmirnovAlternative)(seed % 3);

        KolmogorovSmirnovResult expected = KolmogorovSmirnov.TwoSample(reference, current, alternative);

        KolmogorovSmirnov.TwoSample(SortedSample.FromSorted(sortedReference), current, alternative).Should().Be(expected);
        KolmogorovSmirnov.TwoSample(SortedSample.FromSorted(sortedReference), SortedSample.FromSorted(sortedCurrent), alternative).Should().Be(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20_000)]
    public void TwoSample_IdenticalSamples_ZeroStatisticAndPValueOne(int n)
    {
        var random = new Random(n);
        double[] a = RandomSample(random, n, ties: n == 7, 0);

        foreach (KolmogorovSmirnovMethod method in Enum.GetValues<KolmogorovSmirnovMethod>())
        {
            KolmogorovSmirnovResult r = KolmogorovSmirnov.TwoSample(a, (double[])a.Clone(), KolmogorovSmirnovAlternative.TwoSided, method);
            r.Statistic.Should().Be(0.0);
            r.PValue.Should().Be(1.0);
        }
    }

    [Fact]
    public void TwoSample_NonFiniteValues_AreExcluded()
    {
        double[] a = [1.0, 2.0, 3.0, 4.0];
        double[] b = [2.5, 3.5, 4.5];
        double[] aDirty = [double.NaN, 1.0, double.PositiveInfinity, 2.0, 3.0, double.NegativeInfinity, 4.0];
        double[] bDirty = [2.5, double.NaN, 3.5, 4.5];

        KolmogorovSmirnov.TwoSample(aDirty, bDirty).Should().Be(KolmogorovSmirnov.TwoSample(a, b));
    }

    [Fact]
    public void TwoSample_KnownSmallCase_MatchesHandComputedScipyValue()
    {
        // scipy.stats.ks_2samp([1, 2, 3], [4, 5, 6]) -> statistic 1.0, pvalue 0.1
        KolmogorovSmirnovResult r = KolmogorovSmirnov.TwoSample([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);

        r.Statistic.Should().Be(1.0);
        r.PValue.Should().BeApproximately(0.1, 1e-15);
        r.MethodUsed.Should().Be(KolmogorovSmirnovMethod.Exact);
        r.StatisticSign.Should().Be(1);
        r.StatisticLocation.Should().Be(3.0);
    }

    [Fact]
    public void TwoSample_TiesAcrossSamples_MatchesScipyIncludingLocation()
    {
        // scipy.stats.ks_2samp([1, 2, 2, 3], [2, 2, 5]):
        // statistic=0.3333333333333333, pvalue=0.9714285714285715, statistic_location=3, statistic_sign=1
        KolmogorovSmirnovResult r = KolmogorovSmirnov.TwoSample([1.0, 2.0, 2.0, 3.0], [2.0, 2.0, 5.0]);

        r.Statistic.Should().Be(0.3333333333333333);
        r.PValue.Should().BeApproximately(0.9714285714285715, 1e-15);
        r.StatisticLocation.Should().Be(3.0);
        r.StatisticSign.Should().Be(1);
    }

    [Fact]
    public void TwoSample_LargeSamplesAuto_UsesAsymptotic()
    {
        var random = new Random(3);
        double[] a = RandomSample(random, KolmogorovSmirnov.MaxExactAutoSize + 1, false, 0);
        double[] b = RandomSample(random, 50, false, 0);

        KolmogorovSmirnov.TwoSample(a, b).MethodUsed.Should().Be(KolmogorovSmirnovMethod.Asymptotic);
        KolmogorovSmirnov.TwoSample(a.AsSpan(0, KolmogorovSmirnov.MaxExactAutoSize), b).MethodUsed.Should().Be(KolmogorovSmirnovMethod.Exact);
    }

    [Fact]
    public void TwoSample_EmptyReference_ThrowsNamingParameter()
    {
        Action act = () => KolmogorovSmirnov.TwoSample([], [1.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }

    [Fact]
    public void TwoSample_AllNaNCurrent_ThrowsNamingParameter()
    {
        Action act = () => KolmogorovSmirnov.TwoSample([1.0], [double.NaN, double.PositiveInfinity]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }

    [Fact]
    public void TwoSample_UndefinedEnums_ThrowArgumentOutOfRange()
    {
        Action badAlternative = () => KolmogorovSmirnov.TwoSample([1.0], [2.0], (KolmogorovSmirnovAlternative)7);
        Action badMethod = () => KolmogorovSmirnov.TwoSample([1.0], [2.0], KolmogorovSmirnovAlternative.TwoSided, (KolmogorovSmirnovMethod)9);

        badAlternative.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("alternative");
        badMethod.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("method");
    }

    [Theory]
    [InlineData(KolmogorovSmirnovAlternative.Less, KolmogorovSmirnovMethod.Asymptotic)]
    [InlineData(KolmogorovSmirnovAlternative.Less, KolmogorovSmirnovMethod.Exact)]
    [InlineData(KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic)]
    public void TwoSample_NoDifferenceInTheTestedDirection_StatisticIsPositiveZero(KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method)
    {
        double[] u = [0.1, 0.4, 0.7, 0.9];
        var shifted = u.Select(v => v + 1).ToArray();

        var result = KolmogorovSmirnov.TwoSample(u, shifted, alternative, method);

        if (alternative == KolmogorovSmirnovAlternative.Less)
        {
            result.Statistic.Should().Be(0);
            BitConverter.DoubleToInt64Bits(result.Statistic).Should().Be(0, "scipy reports +0.0, never -0.0");
        }

        BitConverter.DoubleToInt64Bits(result.PValue).Should().NotBe(BitConverter.DoubleToInt64Bits(-0.0));
    }
}
