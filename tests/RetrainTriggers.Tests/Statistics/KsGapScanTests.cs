using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>The no-sort KS path must give exactly what the full merge gives (statistic, location, sign, method, p-value).</summary>
public class KsGapScanTests
{
    private static readonly int[] GapCounts = [1, 2, 3, 7, 64, 4096];

    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in GoldenData.Reference.Cases(GoldenData.KsFile))
        {
            data.Add("reference-statistics", c.GetProperty("name").GetString()!);
        }

        foreach (JsonElement c in GoldenData.CrossCheck.Cases(GoldenData.KsFile))
        {
            data.Add("cross-check", c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Compute_GoldenCase_IdenticalToFullMergeAndScipy(string source, string name)
    {
        JsonElement root = (source == "cross-check" ? GoldenData.CrossCheck : GoldenData.Reference).Root(GoldenData.KsFile);
        JsonElement c = root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        JsonElement sample = root.GetProperty("samples").GetProperty(c.GetProperty("sample").GetString()!);
        double[] reference = sample.GetProperty("reference").Doubles();
        double[] current = sample.GetProperty("current").Doubles();
        KolmogorovSmirnovAlternative alternative = c.GetProperty("alternative").GetString() switch
        {
            "two-sided" => KolmogorovSmirnovAlternative.TwoSided,
            "less" => KolmogorovSmirnovAlternative.Less,
            _ => KolmogorovSmirnovAlternative.Greater,
        };
        KolmogorovSmirnovMethod method = c.GetProperty("method").GetString() switch
        {
            "auto" => KolmogorovSmirnovMethod.Auto,
            "exact" => KolmogorovSmirnovMethod.Exact,
            _ => KolmogorovSmirnovMethod.Asymptotic,
        };
        double[] sorted = reference.Where(double.IsFinite).Order().ToArray();
        JsonElement expected = c.GetProperty("expected");

        KolmogorovSmirnovResult full = KolmogorovSmirnov.TwoSample(reference, current, alternative, method);
        foreach (int gaps in GapCounts)
        {
            KolmogorovSmirnovResult scan = KsGapScan.Compute(sorted, KsGapIndex.Build(sorted, gaps), current, alternative, method);

            scan.Should().Be(full, $"{name} with {gaps} gaps");
            Tolerance.ShouldMatchStatistic(scan.Statistic, expected.GetProperty("statistic").GetDouble(), $"{name} with {gaps} gaps");
            Tolerance.ShouldMatchPValue(scan.PValue, expected.GetProperty("pvalue").GetDouble(), $"{name} with {gaps} gaps");
        }
    }

    public static TheoryData<string> Orders() => ["random", "sorted", "reverse", "ties", "shifted", "identical", "disjoint"];

    [Theory]
    [MemberData(nameof(Orders))]
    public void Compute_AdversarialWindow_IdenticalToFullMerge(string order)
    {
        var random = new Random(42);
        double[] reference = Enumerable.Range(0, 20_000).Select(_ => Normal(random)).ToArray();
        double[] current = order switch
        {
            "sorted" => Enumerable.Range(0, 15_000).Select(_ => Normal(random) + 0.02).Order().ToArray(),
            "reverse" => Enumerable.Range(0, 15_000).Select(_ => Normal(random) + 0.02).OrderDescending().ToArray(),
            "ties" => Enumerable.Range(0, 15_000).Select(_ => Math.Round(Normal(random), 1)).ToArray(),
            "shifted" => Enumerable.Range(0, 15_000).Select(_ => Normal(random) + 0.5).ToArray(),
            "identical" => (double[])reference.Clone(),
            "disjoint" => Enumerable.Range(0, 15_000).Select(_ => Normal(random) + 100).ToArray(),
            _ => Enumerable.Range(0, 15_000).Select(_ => Normal(random)).ToArray(),
        };
        if (order == "ties")
        {
            reference = reference.Select(v => Math.Round(v, 1)).ToArray();
        }

        current[7] = double.NaN;
        double[] sorted = reference.Order().ToArray();

        foreach (KolmogorovSmirnovAlternative alternative in new[] { KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovAlternative.Less, KolmogorovSmirnovAlternative.Greater })
        {
            KolmogorovSmirnovResult full = KolmogorovSmirnov.TwoSample(reference, current, alternative, KolmogorovSmirnovMethod.Asymptotic);
            foreach (int gaps in GapCounts)
            {
                KsGapScan.Compute(sorted, KsGapIndex.Build(sorted, gaps), current, alternative, KolmogorovSmirnovMethod.Asymptotic)
                    .Should().Be(full, $"{order}, {alternative}, {gaps} gaps");
            }
        }
    }

    [Fact]
    public void Compute_NoFiniteValue_Throws()
    {
        double[] sorted = [1, 2, 3];

        Action act = () => KsGapScan.Compute(sorted, KsGapIndex.Build(sorted), [double.NaN], KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Auto);

        act.Should().Throw<ArgumentException>().WithParameterName("current");
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
