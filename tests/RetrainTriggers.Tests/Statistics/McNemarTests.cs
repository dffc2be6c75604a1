using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

public class McNemarTests
{
    public static TheoryData<string> ReferenceCases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement item in LoadCases())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Fact]
    public void ReferenceFile_HasCases()
    {
        LoadCases().Should().HaveCountGreaterThanOrEqualTo(5);
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Test_ReferenceCase_MatchesStatsmodels(string name)
    {
        JsonElement item = LoadCases().Single(c => c.GetProperty("name").GetString() == name);
        long b = item.GetProperty("champion_only_correct").GetInt64();
        long c = item.GetProperty("challenger_only_correct").GetInt64();
        JsonElement expected = item.GetProperty("expected");

        McNemarResult exact = McNemar.Test(b, c, McNemarMethod.Exact);
        AssertPValue(exact.PValue, expected.GetProperty("exact_pvalue").GetDouble());
        exact.Statistic.Should().Be(Math.Min(b, c));

        McNemarResult corrected = McNemar.Test(b, c, McNemarMethod.ChiSquareCorrected);
        corrected.Statistic.Should().BeApproximately(expected.GetProperty("chi2_corrected").GetProperty("statistic").GetDouble(), 1e-12);
        AssertPValue(corrected.PValue, expected.GetProperty("chi2_corrected").GetProperty("pvalue").GetDouble());

        McNemarResult plain = McNemar.Test(b, c, McNemarMethod.ChiSquare);
        plain.Statistic.Should().BeApproximately(expected.GetProperty("chi2_uncorrected").GetProperty("statistic").GetDouble(), 1e-12);
        AssertPValue(plain.PValue, expected.GetProperty("chi2_uncorrected").GetProperty("pvalue").GetDouble());

        exact.OnlyFirst.Should().Be(b);
        exact.OnlySecond.Should().Be(c);
    }

    // Extra cases computed here with Debian's python3-statsmodels 0.13.5 / scipy 1.10.1:
    // mcnemar([[0, b], [c, 0]], exact=True), (exact=False, correction=True), (exact=False, correction=False).
    // They cover ties, b > c, the far tail and b + c in the thousands (where a naive binomial sum loses accuracy).
    [Theory]
    [InlineData(5, 5, 1.0, 0.1, 0.7518296340458492, 0.0, 1.0)]
    [InlineData(1, 0, 1.0, 0.0, 1.0, 1.0, 0.31731050786291115)]
    [InlineData(7, 3, 0.34375, 0.9, 0.34278171114790873, 1.6, 0.20590321073206466)]
    [InlineData(1500, 1650, 0.007925667810472182, 7.047936507936508, 0.007935661767489983, 7.142857142857143, 0.007526315166457882)]
    [InlineData(4000, 4300, 0.001029736761268131, 10.77120481927711, 0.0010309138132379532, 10.843373493975903, 0.0009914993229386134)]
    [InlineData(10, 200, 4.728263442876991e-47, 170.1, 7.03599507762493e-39, 171.9047619047619, 2.838969423741943e-39)]
    [InlineData(0, 60, 1.734723475976807e-18, 58.016666666666666, 2.5990639233411967e-14, 60.0, 9.485737571073857e-15)]
    [InlineData(2500, 2500, 1.0, 0.0002, 0.9887165844441503, 0.0, 1.0)]
    [InlineData(30000, 30500, 0.04248557441037182, 4.115719008264463, 0.04248646171390015, 4.132231404958677, 0.042073837824916506)]
    public void Test_ExtraStatsmodelsCase_Matches(long b, long c, double exactP, double correctedStatistic, double correctedP, double plainStatistic, double plainP)
    {
        AssertPValue(McNemar.Test(b, c).PValue, exactP);
        McNemar.Test(b, c, McNemarMethod.ChiSquareCorrected).Statistic.Should().BeApproximately(correctedStatistic, 1e-12);
        AssertPValue(McNemar.Test(b, c, McNemarMethod.ChiSquareCorrected).PValue, correctedP);
        McNemar.Test(b, c, McNemarMethod.ChiSquare).Statistic.Should().BeApproximately(plainStatistic, 1e-12);
        AssertPValue(McNemar.Test(b, c, McNemarMethod.ChiSquare).PValue, plainP);
    }

    // Exact p-values for b + c in the hundreds of thousands to tens of millions (statsmodels 0.13.5, exact=True).
    [Theory]
    [InlineData(100000, 101000, 0.025862392439732925)]
    [InlineData(400000, 401500, 0.09405902806237847)]
    [InlineData(1000000, 1002000, 0.15771445281311047)]
    [InlineData(5000000, 5003000, 0.3430150008084197)]
    [InlineData(20000000, 20010000, 0.1139276318357638)]
    public void Test_ExactVeryLargeCounts_MatchesStatsmodels(long b, long c, double expected)
    {
        AssertPValue(McNemar.Test(b, c).PValue, expected);
    }

    [Theory]
    [InlineData(10, 200, 4.728263442876991e-47)]
    [InlineData(0, 60, 1.734723475976807e-18)]
    [InlineData(4000, 4300, 0.001029736761268131)]
    public void Test_ExactFarTail_IsRelativelyAccurate(long b, long c, double expected)
    {
        McNemar.Test(b, c).PValue.Should().BeApproximately(expected, expected * 1e-9);
    }

    [Theory]
    [InlineData(McNemarMethod.Exact)]
    [InlineData(McNemarMethod.ChiSquareCorrected)]
    [InlineData(McNemarMethod.ChiSquare)]
    public void Test_NoDiscordantPairs_ReturnsPValueOne(McNemarMethod method)
    {
        McNemarResult result = McNemar.Test(0, 0, method);

        result.PValue.Should().Be(1.0);
        result.Statistic.Should().Be(0.0);
    }

    [Fact]
    public void Test_ExactIsSymmetric_InBAndC()
    {
        McNemar.Test(12, 30).PValue.Should().Be(McNemar.Test(30, 12).PValue);
    }

    [Fact]
    public void Test_RowSpans_CountDiscordantPairs()
    {
        bool[] champion = [true, true, false, false, true, false];
        bool[] challenger = [true, false, true, true, true, true];

        McNemarResult result = McNemar.Test(champion, challenger);

        result.OnlyFirst.Should().Be(1);
        result.OnlySecond.Should().Be(3);
        result.PValue.Should().Be(McNemar.Test(1, 3).PValue);
    }

    [Fact]
    public void Test_RowSpansOfDifferentLength_Throws()
    {
        Action act = () => McNemar.Test(new bool[3], new bool[4]);

        act.Should().Throw<ArgumentException>().WithParameterName("secondCorrect").WithMessage("*3*4*");
    }

    [Theory]
    [InlineData(-1, 0, "onlyFirst")]
    [InlineData(0, -1, "onlySecond")]
    public void Test_NegativeCount_Throws(long b, long c, string parameter)
    {
        Action act = () => McNemar.Test(b, c);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }

    [Fact]
    public void Test_UndefinedMethod_Throws()
    {
        Action act = () => McNemar.Test(1, 2, (McNemarMethod)42);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("method");
    }

    internal static void AssertPValue(double actual, double expected)
    {
        actual.ShouldMatchPValue(expected, "McNemar p-value");
    }

    private static List<JsonElement> LoadCases()
    {
        return GoldenData.Reference.Cases(GoldenData.McNemarFile).ToList();
    }
}
