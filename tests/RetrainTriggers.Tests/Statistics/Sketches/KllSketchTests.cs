using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Tests.Statistics.Sketches;

public class KllSketchTests
{
    public static TheoryData<string> Orders() => ["random", "sorted", "reverse", "ties", "zigzag", "constant"];

    [Theory]
    [MemberData(nameof(Orders))]
    public void Add_AdversarialOrder_EveryRankWithinBound(string order)
    {
        double[] data = Data(order, 300_000, seed: 1);
        var sketch = new KllSketch(256, seed: 7);
        foreach (double v in data)
        {
            sketch.Add(v);
        }

        MaxRankError(sketch, data).Should().BeLessThanOrEqualTo(sketch.RankErrorBound, order);
        sketch.Count.Should().Be(data.Length);
        sketch.Min.Should().Be(data.Min());
        sketch.Max.Should().Be(data.Max());
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void AddBatch_DefaultK_RankErrorAtMostHalfPercent(string order)
    {
        double[] data = Data(order, 400_000, seed: 2);
        var sketch = new KllSketch();
        sketch.Add(data);

        sketch.RankErrorBound.Should().BeLessThanOrEqualTo(0.005);
        MaxRankError(sketch, data).Should().BeLessThanOrEqualTo(sketch.RankErrorBound, order);
        sketch.RetainedCount.Should().BeLessThan((3 * KllSketch.DefaultK) + (8 * sketch.LevelCount));
    }

    [Fact]
    public void Merge_SixteenPartitions_WithinBoundOfWhole()
    {
        double[] data = Data("random", 480_000, seed: 3);
        var merged = new KllSketch(512, seed: 1);
        int part = data.Length / 16;
        for (int p = 0; p < 16; p++)
        {
            var shard = new KllSketch(512, seed: (ulong)(p + 11));
            shard.Add(data.AsSpan(p * part, part));
            merged.Merge(shard);
        }

        merged.Count.Should().Be(data.Length);
        MaxRankError(merged, data).Should().BeLessThanOrEqualTo(merged.RankErrorBound);
        merged.RetainedCount.Should().BeLessThan((3 * 512) + (8 * merged.LevelCount));
    }

    [Fact]
    public void Add_SameSeedSameData_BitIdentical()
    {
        double[] data = Data("random", 50_000, seed: 4);
        var a = new KllSketch(64, seed: 5);
        var b = new KllSketch(64, seed: 5);
        a.Add(data);
        b.Add(data);

        a.SortedView(out double[] va, out long[] wa);
        b.SortedView(out double[] vb, out long[] wb);
        va.Should().Equal(vb);
        wa.Should().Equal(wb);
    }

    [Fact]
    public void Add_FewValues_ExactWithZeroBound()
    {
        var sketch = new KllSketch(64);
        sketch.Add([3.0, 1.0, double.NaN, 2.0, double.PositiveInfinity, 2.0]);

        sketch.IsExact.Should().BeTrue();
        sketch.RankErrorBound.Should().Be(0);
        sketch.Count.Should().Be(4);
        sketch.Rank(2.0).Should().Be(0.75);
        sketch.SortedView(out double[] values, out long[] cumulative);
        values.Should().Equal(1.0, 2.0, 3.0);
        cumulative.Should().Equal(1L, 3L, 4L);
    }

    [Fact]
    public void Merge_DifferentK_Throws()
    {
        var act = () => new KllSketch(64).Merge(new KllSketch(128));

        act.Should().Throw<ArgumentException>().WithParameterName("other");
    }

    [Fact]
    public void FromParts_RoundTrip_SameView()
    {
        var sketch = new KllSketch(32, seed: 9);
        sketch.Add(Data("random", 10_000, seed: 6));
        var items = new List<double>();
        var sizes = new int[sketch.LevelCount];
        for (int h = 0; h < sketch.LevelCount; h++)
        {
            sizes[h] = sketch.Level(h).Length;
            items.AddRange(sketch.Level(h).ToArray());
        }

        KllSketch copy = KllSketch.FromParts(32, sketch.RandomState, sketch.Count, sketch.Min, sketch.Max, sizes, [.. items], "sketch");

        copy.SortedView(out double[] v1, out long[] w1);
        sketch.SortedView(out double[] v2, out long[] w2);
        v1.Should().Equal(v2);
        w1.Should().Equal(w2);
        var broken = () => KllSketch.FromParts(32, 1, sketch.Count + 1, sketch.Min, sketch.Max, sizes, [.. items], "features[0].sketch");
        broken.Should().Throw<InvalidDataException>().WithMessage("features[0].sketch*");
    }

    internal static double[] Data(string order, int n, int seed)
    {
        var random = new Random(seed);
        double[] data = order switch
        {
            "ties" => Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 7)).ToArray(),
            "constant" => Enumerable.Repeat(2.5, n).ToArray(),
            "zigzag" => Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? i : n - i) + 0.0).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 100).ToArray(),
        };
        if (order == "sorted")
        {
            Array.Sort(data);
        }
        else if (order == "reverse")
        {
            Array.Sort(data);
            Array.Reverse(data);
        }

        return data;
    }

    /// <summary>The largest |estimated − true| normalised rank over every distinct data value and just below each.</summary>
    internal static double MaxRankError(KllSketch sketch, double[] data)
    {
        double[] sorted = data.Order().ToArray();
        sketch.SortedView(out double[] values, out long[] cumulative);
        double worst = 0;
        int p = 0;
        long n = sorted.Length;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i])
            {
                continue;
            }

            // true rank of sorted[i]: (i + 1) / n; sketch rank: cumulative weight of values <= sorted[i]
            while (p < values.Length && values[p] <= sorted[i])
            {
                p++;
            }

            double estimate = p == 0 ? 0 : (double)cumulative[p - 1] / n;
            worst = Math.Max(worst, Math.Abs(estimate - ((double)(i + 1) / n)));
        }

        return worst;
    }
}
