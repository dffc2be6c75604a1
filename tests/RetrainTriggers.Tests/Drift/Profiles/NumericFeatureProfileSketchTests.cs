using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Drift.Profiles;

/// <summary>Sketch profiles: exact bins, KS within its bound, merge, JSON; and the old document format still loads.</summary>
public class NumericFeatureProfileSketchTests
{
    [Fact]
    public void Build_SketchOptions_EdgesCountsAndMomentsAsExactProfile()
    {
        double[] values = DriftTestData.Normal(1, 150_000);
        values[3] = double.NaN;

        NumericFeatureProfile exact = NumericFeatureProfile.Build("x", values, sketch: ProfileSketchOptions.Exact);
        NumericFeatureProfile sketch = NumericFeatureProfile.Build("x", values, sketch: ProfileSketchOptions.Sketch);

        sketch.IsSketch.Should().BeTrue();
        exact.IsSketch.Should().BeFalse();
        sketch.SketchK.Should().Be(1024);
        sketch.RankErrorBound.Should().BeApproximately(0.00354, 0.00001);
        sketch.RetainedCount.Should().BeLessThan(3 * 1024 + 200);
        sketch.InnerEdges.ToArray().Should().Equal(exact.InnerEdges.ToArray());
        sketch.BinCounts.ToArray().Should().Equal(exact.BinCounts.ToArray());
        sketch.Count.Should().Be(exact.Count);
        sketch.MissingCount.Should().Be(1);
        sketch.Min.Should().Be(exact.Min);
        sketch.Max.Should().Be(exact.Max);
        sketch.Mean.Should().BeApproximately(exact.Mean, 1e-12);
        sketch.M2.Should().BeApproximately(exact.M2, exact.M2 * 1e-12);
        ((Func<SortedSample>)(() => sketch.SortedSample)).Should().Throw<InvalidOperationException>().WithMessage("*'x'*sketch*");
    }

    [Fact]
    public void Build_DefaultOptions_ExactBelowThreshold()
    {
        NumericFeatureProfile.Build("x", DriftTestData.Normal(2, 1_000)).IsSketch.Should().BeFalse();
        NumericFeatureProfile.Build("x", DriftTestData.Normal(2, (int)ProfileSketchOptions.DefaultExactBelow)).IsSketch.Should().BeTrue();
    }

    public static TheoryData<string> Windows() => ["same", "shifted", "sorted", "reverse", "ties", "wide"];

    [Theory]
    [MemberData(nameof(Windows))]
    public void KsTest_SketchProfile_StatisticWithinBoundAndHalfPercent(string window)
    {
        double[] reference = DriftTestData.Normal(3, 200_000);
        double[] current = window switch
        {
            "shifted" => DriftTestData.Normal(4, 100_000, 0.05),
            "sorted" => DriftTestData.Normal(4, 100_000, 0.02).Order().ToArray(),
            "reverse" => DriftTestData.Normal(4, 100_000, 0.02).OrderDescending().ToArray(),
            "ties" => DriftTestData.Normal(4, 100_000).Select(v => Math.Round(v, 1)).ToArray(),
            "wide" => DriftTestData.Normal(4, 100_000, 0, 3),
            _ => DriftTestData.Normal(4, 100_000),
        };
        if (window == "ties")
        {
            reference = reference.Select(v => Math.Round(v, 1)).ToArray();
        }

        NumericFeatureProfile sketch = NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Sketch);
        KolmogorovSmirnovResult exact = KolmogorovSmirnov.TwoSample(reference, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic);

        BoundedKsResult result = sketch.KsTest(current);

        result.IsExact.Should().BeFalse();
        result.StatisticErrorBound.Should().Be(sketch.RankErrorBound);
        Math.Abs(result.Result.Statistic - exact.Statistic).Should().BeLessThanOrEqualTo(result.StatisticErrorBound, window);
        Math.Abs(result.Result.Statistic - exact.Statistic).Should().BeLessThanOrEqualTo(0.005, window);
        result.Result.MethodUsed.Should().Be(KolmogorovSmirnovMethod.Asymptotic);
    }

    [Fact]
    public void KsTest_ExactProfile_IdenticalToTwoSample()
    {
        double[] reference = DriftTestData.Normal(5, 30_000);
        double[] current = DriftTestData.Normal(6, 20_000, 0.03);
        NumericFeatureProfile profile = NumericFeatureProfile.Build("x", reference);

        BoundedKsResult result = profile.KsTest(current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic);

        result.IsExact.Should().BeTrue();
        result.Result.Should().Be(KolmogorovSmirnov.TwoSample(reference, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic));
    }

    [Fact]
    public void KsTest_SmallSketchStillExact_IdenticalToTwoSample()
    {
        double[] reference = DriftTestData.Normal(7, 500);
        double[] current = DriftTestData.Normal(8, 400, 0.2);
        NumericFeatureProfile profile = NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Sketch);

        BoundedKsResult result = profile.KsTest(current);

        profile.IsSketch.Should().BeTrue();
        result.IsExact.Should().BeTrue();
        result.Result.Should().Be(KolmogorovSmirnov.TwoSample(reference, current));
    }

    [Fact]
    public void Merge_SixteenPartitionsOfTenMillion_WithinBoundAndCountsExact()
    {
        const int n = 10_000_000;
        var values = new double[n];
        ulong s = 88172645463325252UL;
        for (int i = 0; i < n; i++)
        {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            values[i] = (s >> 11) * (1.0 / (1UL << 53)) * 1000;
        }

        var options = new ProfileSketchOptions { ExactBelow = 0, Seed = 1 };
        FeatureBinning custom = FeatureBinning.Custom(100, 500, 900);
        NumericFeatureProfile merged = null!;
        int part = n / 16;
        for (int p = 0; p < 16; p++)
        {
            var shard = NumericFeatureProfile.Build("x", values.AsSpan(p * part, part), custom, new ProfileSketchOptions { ExactBelow = 0, Seed = (ulong)p + 1 });
            merged = p == 0 ? shard : NumericFeatureProfile.Merge(merged, shard);
        }

        NumericFeatureProfile whole = NumericFeatureProfile.Build("x", values, custom, options);
        merged.Count.Should().Be(n);
        merged.BinCounts.ToArray().Should().Equal(whole.BinCounts.ToArray());
        merged.Mean.Should().BeApproximately(whole.Mean, 1e-9);
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double bound = merged.RankErrorBound;
        foreach (double q in Enumerable.Range(1, 999).Select(i => i / 1000.0))
        {
            double x = sorted[(int)(q * n)];
            double trueRank = (double)UpperBound(sorted, x) / n;
            Math.Abs(merged.SketchOrNull!.Rank(x) - trueRank).Should().BeLessThanOrEqualTo(bound, $"rank of the {q} quantile");
        }
    }

    [Fact]
    public void Json_SketchOfTenMillion_CompactAndRoundTrips()
    {
        double[] values = DriftTestData.Normal(9, 2_000_000);
        var profile = new DatasetProfile([NumericFeatureProfile.Build("x", values, sketch: ProfileSketchOptions.Sketch)], []);

        byte[] json = profile.ToUtf8Json();
        DatasetProfile back = DatasetProfile.FromUtf8Json(json);

        json.Length.Should().BeLessThan(100 * 1024);
        NumericFeatureProfile x = back.NumericFeatures["x"];
        x.IsSketch.Should().BeTrue();
        double[] current = DriftTestData.Normal(10, 10_000, 0.1);
        x.KsTest(current).Should().Be(profile.NumericFeatures["x"].KsTest(current));
        x.BinCounts.ToArray().Should().Equal(profile.NumericFeatures["x"].BinCounts.ToArray());
    }

    [Fact]
    public void FromJson_VersionOneDocument_Loads()
    {
        string json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "profiles", "dataset-profile-v1.json"));

        DatasetProfile profile = DatasetProfile.FromJson(json);

        profile.FeatureNames.Should().Equal("age", "constant", "plan");
        NumericFeatureProfile age = profile.NumericFeatures["age"];
        age.IsSketch.Should().BeFalse();
        age.SortedSample.Values.ToArray().Should().Equal(1.0, 2.0, 3.0, 4.0, 5.0);
        age.BinCounts.ToArray().Should().Equal(2L, 1L, 2L);
        age.MissingCount.Should().Be(1);
        profile.CategoricalFeatures["plan"].Counts["basic"].Should().Be(3);
        DatasetProfile.FromJson(profile.ToJson()).NumericFeatures["age"].SortedSample.Values.ToArray().Should().Equal(1.0, 2.0, 3.0, 4.0, 5.0);
        profile.ToJson().Should().Contain("\"schemaVersion\":2");
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
