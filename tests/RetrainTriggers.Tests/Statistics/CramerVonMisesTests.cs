using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class CramerVonMisesTests
{
    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ContinuousDistancesGolden.CaseNames())
        {
            if (ContinuousDistancesGolden.Load(name).Expected.TryGetProperty("cramer_von_mises", out _))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void TwoSample_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, JsonElement expected) = ContinuousDistancesGolden.Load(name);
        JsonElement cvm = expected.GetProperty("cramer_von_mises");

        CramerVonMisesResult result = CramerVonMises.TwoSample(reference, current);

        Tolerance.ShouldMatchStatistic(result.Statistic, cvm.GetProperty("statistic").GetDouble(), name);
        Tolerance.ShouldMatchPValue(result.PValue, cvm.GetProperty("pvalue").GetDouble(), name);
    }

    [Fact]
    public void TwoSample_DisjointTriples_MatchesScipyExact()
    {
        // scipy.stats.cramervonmises_2samp([1, 2, 3], [4, 5, 6]) -> statistic 0.5277777777777778, pvalue 0.1
        CramerVonMisesResult r = CramerVonMises.TwoSample([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);

        r.Statistic.Should().BeApproximately(0.5277777777777778, 1e-15);
        r.PValue.Should().BeApproximately(0.1, 1e-15);
    }

    [Theory]
    [InlineData(1, CramerVonMisesMethod.Exact)]
    [InlineData(2, CramerVonMisesMethod.Exact)]
    [InlineData(3, CramerVonMisesMethod.Asymptotic)]
    [InlineData(4, CramerVonMisesMethod.Asymptotic)]
    public void TwoSample_RandomSamples_PValueInUnitIntervalAndSymmetric(int seed, CramerVonMisesMethod method)
    {
        var random = new Random(seed);
        int max = method == CramerVonMisesMethod.Exact ? 12 : 400;
        double[] a = Enumerable.Range(0, random.Next(2, max)).Select(_ => (double)random.Next(0, 10)).ToArray();
        double[] b = Enumerable.Range(0, random.Next(2, max)).Select(_ => (double)random.Next(1, 11)).ToArray();

        CramerVonMisesResult r = CramerVonMises.TwoSample(a, b, method);
        CramerVonMisesResult swapped = CramerVonMises.TwoSample(b, a, method);

        r.PValue.Should().BeInRange(0.0, 1.0);
        swapped.Statistic.Should().BeApproximately(r.Statistic, 1e-12);
        swapped.PValue.Should().BeApproximately(r.PValue, 1e-12);
    }

    [Fact]
    public void TwoSample_OneFiniteValue_ThrowsNamingParameter()
    {
        Action act = () => CramerVonMises.TwoSample([1.0, 2.0], [3.0, double.NaN]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }

    [Fact]
    public void TwoSample_EmptyReference_ThrowsNamingParameter()
    {
        Action act = () => CramerVonMises.TwoSample([], [3.0, 4.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }

    [Fact]
    public void TwoSample_UndefinedMethod_ThrowsArgumentOutOfRange()
    {
        Action act = () => CramerVonMises.TwoSample([1.0, 2.0], [3.0, 4.0], (CramerVonMisesMethod)5);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("method");
    }

    [Theory]
    [InlineData(15, CramerVonMisesMethod.Auto)]
    [InlineData(500, CramerVonMisesMethod.Auto)]
    [InlineData(12, CramerVonMisesMethod.Exact)]
    public void AgainstSortedReference_RawCurrent_EqualsTwoSample(int n, CramerVonMisesMethod method)
    {
        var random = new Random(n);
        double[] reference = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        double[] current = Enumerable.Range(0, n + 3).Select(_ => Math.Round(random.NextDouble() + 0.1, 1)).ToArray();

        CramerVonMises.TwoSample(SortedSample.FromSorted(reference.Order().ToArray()), current, method)
            .Should().BeEquivalentTo(CramerVonMises.TwoSample(reference, current, method));
    }

    [Fact]
    public void TwoSample_ExactTooLarge_ThrowsArgumentOutOfRange()
    {
        double[] a = Enumerable.Range(0, 31).Select(i => (double)i).ToArray();
        double[] b = Enumerable.Range(0, 30).Select(i => i + 0.5).ToArray();

        Action act = () => CramerVonMises.TwoSample(a, b, CramerVonMisesMethod.Exact);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("method");
    }

    [Fact]
    public void AgainstSortedReference_SingleReferenceValue_ThrowsNamingParameter()
    {
        Action act = () => CramerVonMises.TwoSample(SortedSample.FromSorted([1.0]), [1.0, 2.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }
}
