using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Profiles;

public class CategoricalFeatureProfileTopKTests
{
    [Fact]
    public void Build_MoreCategoriesThanK_KeepsMostFrequentExactlyPlusOther()
    {
        string?[] values = [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 30), .. Enumerable.Repeat("c", 10), .. Enumerable.Repeat("d", 5), "e", null, null];

        var profile = CategoricalFeatureProfile.Build("plan", values, maxCategories: 2);

        profile.Categories.Should().Equal("a", "b");
        profile.Counts["a"].Should().Be(50);
        profile.OtherCount.Should().Be(16);
        profile.CountErrorBound.Should().Be(10);
        profile.Count.Should().Be(96);
        profile.MissingCount.Should().Be(2);
        profile.MaxCategories.Should().Be(2);
    }

    [Fact]
    public void Build_FewCategories_Unbounded()
    {
        var profile = CategoricalFeatureProfile.Build("plan", ["a", "b", "a"], maxCategories: 5);

        profile.MaxCategories.Should().BeNull();
        profile.OtherCount.Should().Be(0);
    }

    [Fact]
    public void Merge_BoundedShards_CountsWithinBoundAndTotalsExact()
    {
        var random = new Random(1);
        string?[] data = Enumerable.Range(0, 20_000).Select(_ => "c" + ((int)Math.Floor(Math.Pow(random.NextDouble(), 3) * 200)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray<string?>();
        var truth = data.GroupBy(v => v!).ToDictionary(g => g.Key, g => (long)g.Count());
        CategoricalFeatureProfile merged = null!;
        for (int p = 0; p < 8; p++)
        {
            var shard = CategoricalFeatureProfile.Build("x", data.AsSpan(p * 2_500, 2_500), maxCategories: 20);
            merged = p == 0 ? shard : CategoricalFeatureProfile.Merge(merged, shard);
        }

        merged.Categories.Count.Should().BeLessThanOrEqualTo(20);
        merged.Count.Should().Be(20_000);
        foreach (string category in merged.Categories)
        {
            merged.Counts[category].Should().BeLessThanOrEqualTo(truth[category]);
            (truth[category] - merged.Counts[category]).Should().BeLessThanOrEqualTo(merged.CountErrorBound);
        }

        merged.Categories.Should().Contain(truth.OrderByDescending(t => t.Value).First().Key);
    }

    [Fact]
    public void Detect_WindowCategoriesOutsideTopK_FoldedIntoOtherAndReported()
    {
        string?[] reference = [.. Enumerable.Repeat("a", 500), .. Enumerable.Repeat("b", 300), .. Enumerable.Repeat("c", 100), .. Enumerable.Repeat("d", 100)];
        var profile = new DatasetProfile([], [CategoricalFeatureProfile.Build("plan", reference, maxCategories: 2)]);
        string?[] window = [.. Enumerable.Repeat("a", 500), .. Enumerable.Repeat("b", 300), .. Enumerable.Repeat("zz-new", 200)];

        var report = new DriftDetector(profile).Detect(new DriftWindow().AddCategorical("plan", window));

        var feature = report["plan"];
        feature.Get(DriftStatistic.Psi)!.Value.Should().BeApproximately(0, 1e-12);
        feature.Reasons.Should().Contain(r => r.Contains("zz-new", StringComparison.Ordinal));
        DatasetProfile.FromJson(profile.ToJson()).CategoricalFeatures["plan"].OtherCount.Should().Be(200);
    }
}
