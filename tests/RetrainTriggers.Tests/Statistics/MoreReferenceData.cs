using System.Text.Json;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>
/// The second batch of scipy/statsmodels reference files (TestData/reference-statistics, see README-more.md), read
/// through the existing loaders; adds the shared-sample lookup and the non-finite-aware comparisons those files need.
/// </summary>
internal static class MoreReferenceData
{
    public const string AndersonKSample = "anderson_ksamp.json";
    public const string MannWhitneyU = "mannwhitneyu.json";
    public const string Fisher = "fisher_exact.json";
    public const string GTest = "g_test.json";
    public const string TTest = "ttest_welch.json";
    public const string EppsSingleton = "epps_singleton.json";
    public const string MultipleTestingMore = "multiple_testing_more.json";
    public const string WeightedDistances = "weighted_distances.json";
    public const string DistancesMore = "distances_more.json";
    public const string KruskalAndCvmExact = "kruskal_and_cvm_exact.json";

    /// <summary>The shared sample a case names in its <c>sample</c> property.</summary>
    public static JsonElement Sample(string file, JsonElement c) =>
        GoldenData.Reference.Root(file).GetProperty("samples").GetProperty(c.GetProperty("sample").GetString()!);

    /// <summary>Case names of <paramref name="file"/> whose <c>group</c> is <paramref name="group"/>.</summary>
    public static TheoryData<string> Names(string file, string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in GoldenData.Reference.Cases(file).Where(c => c.GetProperty("group").GetString() == group))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    /// <summary>A number that may be one of the files' non-finite strings "inf", "-inf" or "nan".</summary>
    public static double Number(this JsonElement element, string property)
    {
        var e = element.GetProperty(property);
        return e.ValueKind != JsonValueKind.String ? e.GetDouble() : e.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var other => throw new InvalidOperationException($"Unexpected number {other}."),
        };
    }

    public static TestAlternative Alternative(JsonElement c) => c.GetProperty("alternative").GetString() switch
    {
        "two-sided" => TestAlternative.TwoSided,
        "less" => TestAlternative.Less,
        "greater" => TestAlternative.Greater,
        var other => throw new InvalidOperationException($"Unknown alternative {other}."),
    };

    /// <summary>A statistic within 1e-12, or exactly the same non-finite value.</summary>
    public static void ShouldMatchStatisticOrNonFinite(this double actual, double expected, string what)
    {
        if (double.IsFinite(expected))
        {
            actual.ShouldMatchStatistic(expected, what);
        }
        else
        {
            actual.Should().Be(expected, what);
        }
    }

    /// <summary>A p-value within the contract's tolerance, or NaN where the reference is NaN.</summary>
    public static void ShouldMatchPValueOrNaN(this double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
        {
            actual.Should().Be(double.NaN, what);
        }
        else
        {
            actual.ShouldMatchPValue(expected, what);
        }
    }
}
