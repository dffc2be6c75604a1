using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Profiles;

public class DatasetProfileBuilderTests
{
    [Fact]
    public void Build_SmallBatches_SameAsOneShotProfile()
    {
        double[] x = DriftTestData.Normal(1, 5_000);
        x[10] = double.NaN;
        string?[] plan = Enumerable.Range(0, 5_000).Select(i => i % 7 == 0 ? null : "p" + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var builder = new DatasetProfileBuilder();
        for (int start = 0; start < 5_000; start += 1_000)
        {
            builder.Add(new DriftWindow().AddNumeric("x", x.AsMemory(start, 1_000)).AddCategorical("plan", plan.AsMemory(start, 1_000)));
        }

        DatasetProfile streamed = builder.Build();
        DatasetProfile whole = DatasetProfile.Build(new DriftWindow().AddNumeric("x", x).AddCategorical("plan", plan));

        streamed.ToJson().Should().Be(whole.ToJson());
        builder.BatchCount.Should().Be(5);
    }

    [Fact]
    public void Merge_PartitionsBeyondExactSize_SketchWithinBoundAndExactCounts()
    {
        double[] x = DriftTestData.Normal(2, 400_000);
        var custom = FeatureBinning.Custom(-1, 0, 1);
        DatasetProfileBuilder merged = null!;
        for (int p = 0; p < 4; p++)
        {
            var part = new DatasetProfileBuilder(custom, new ProfileSketchOptions { ExactBelow = 50_000, Seed = (ulong)p + 3 });
            for (int b = 0; b < 10; b++)
            {
                part.Add(new DriftWindow().AddNumeric("x", x.AsMemory((p * 100_000) + (b * 10_000), 10_000)));
            }

            merged = p == 0 ? part : merged.Merge(part);
        }

        NumericFeatureProfile profile = merged.Build().NumericFeatures["x"];
        NumericFeatureProfile exact = NumericFeatureProfile.Build("x", x, custom, ProfileSketchOptions.Exact);

        profile.IsSketch.Should().BeTrue();
        profile.Count.Should().Be(400_000);
        profile.BinCounts.ToArray().Should().Equal(exact.BinCounts.ToArray());
        profile.Mean.Should().BeApproximately(exact.Mean, 1e-12);
        profile.Variance.Should().BeApproximately(exact.Variance, 1e-9);
        double[] window = DriftTestData.Normal(3, 50_000, 0.03);
        var ks = profile.KsTest(window);
        Math.Abs(ks.Result.Statistic - exact.KsTest(window).Result.Statistic).Should().BeLessThanOrEqualTo(ks.StatisticErrorBound);
    }

    [Fact]
    public void Add_KindChanges_ThrowsNamingFeature()
    {
        var builder = new DatasetProfileBuilder().Add(new DriftWindow().AddNumeric("x", new double[] { 1, 2 }));

        var act = () => builder.Add(new DriftWindow().AddCategorical("x", new string?[] { "a" }));

        act.Should().Throw<ArgumentException>().WithMessage("*'x'*numeric*");
    }

    [Fact]
    public void Build_BoundedCategories_KeepsTopKWithOther()
    {
        var builder = new DatasetProfileBuilder(maxCategories: 3);
        var random = new Random(4);
        for (int b = 0; b < 20; b++)
        {
            string?[] batch = Enumerable.Range(0, 1_000).Select(_ => "c" + ((int)(Math.Pow(random.NextDouble(), 4) * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray<string?>();
            builder.Add(new DriftWindow().AddCategorical("c", batch));
        }

        CategoricalFeatureProfile profile = builder.Build().CategoricalFeatures["c"];

        profile.Categories.Should().HaveCount(3).And.Contain("c0");
        profile.Count.Should().Be(20_000);
        profile.OtherCount.Should().BeGreaterThan(0);
    }
}
