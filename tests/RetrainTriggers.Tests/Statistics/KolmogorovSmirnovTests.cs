using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>Golden cases from ks_2samp.json (scipy 1.10).</summary>
public partial class KolmogorovSmirnovTests
{
    private const string File = "ks_2samp.json";

    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in GoldenData.Reference.Cases(File))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void TwoSample_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method, double statistic, double pValue) = Load(name);

        KolmogorovSmirnovResult result = KolmogorovSmirnov.TwoSample(reference, current, alternative, method);

        Tolerance.ShouldMatchStatistic(result.Statistic, statistic, name);
        Tolerance.ShouldMatchPValue(result.PValue, pValue, name);
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void AgainstSortedReference_GoldenCase_MatchesScipy(string name)
    {
        (double[] reference, double[] current, KolmogorovSmirnovAlternative alternative, KolmogorovSmirnovMethod method, double statistic, double pValue) = Load(name);
        double[] sorted = (double[])reference.Clone();
        Array.Sort(sorted);

        KolmogorovSmirnovResult result = KolmogorovSmirnov.TwoSample(SortedSample.FromSorted(sorted), current, alternative, method);

        Tolerance.ShouldMatchStatistic(result.Statistic, statistic, name);
        Tolerance.ShouldMatchPValue(result.PValue, pValue, name);
    }

    private static (double[] Reference, double[] Current, KolmogorovSmirnovAlternative Alternative, KolmogorovSmirnovMethod Method, double Statistic, double PValue) Load(string name)
    {
        JsonElement root = GoldenData.Reference.Root(File);
        JsonElement c = root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        JsonElement sample = root.GetProperty("samples").GetProperty(c.GetProperty("sample").GetString()!);
        KolmogorovSmirnovAlternative alternative = c.GetProperty("alternative").GetString() switch
        {
            "two-sided" => KolmogorovSmirnovAlternative.TwoSided,
            "less" => KolmogorovSmirnovAlternative.Less,
            "greater" => KolmogorovSmirnovAlternative.Greater,
            var other => throw new InvalidOperationException($"unknown alternative {other}"),
        };
        KolmogorovSmirnovMethod method = c.GetProperty("method").GetString() switch
        {
            "auto" => KolmogorovSmirnovMethod.Auto,
            "exact" => KolmogorovSmirnovMethod.Exact,
            "asymp" => KolmogorovSmirnovMethod.Asymptotic,
            var other => throw new InvalidOperationException($"unknown method {other}"),
        };
        JsonElement expected = c.GetProperty("expected");
        return (GoldenData.Doubles(sample.GetProperty("reference")), GoldenData.Doubles(sample.GetProperty("current")),
            alternative, method, expected.GetProperty("statistic").GetDouble(), expected.GetProperty("pvalue").GetDouble());
    }
}
