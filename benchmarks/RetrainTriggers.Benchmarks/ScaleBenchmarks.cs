using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Benchmarks;

/// <summary>
/// Bounded-size profiles at N = 1M reference × 1M window: the no-sort exact KS, KS against a KLL sketch profile, building
/// and merging sketch profiles, against the in-run baselines of <see cref="DriftBenchmarks"/> (copy + sort, sum).
/// </summary>
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private const int Partitions = 16;

    private double[] reference = [];
    private double[] current = [];
    private double[] scratch = [];
    private NumericFeatureProfile exact = null!;
    private NumericFeatureProfile sketch = null!;
    private KllSketch[] partitionSketches = [];
    private NumericFeatureProfile[] partitionProfiles = [];

    /// <summary>Gets or sets the sample size per side.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        reference = BenchmarkData.Normal(new Random(1), N, 0);
        current = BenchmarkData.Normal(new Random(2), N, 0.05);
        scratch = new double[N];
        exact = NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Exact);
        sketch = NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Sketch);

        // 16 partition profiles of a 10M-row column, for the merge benchmarks, and the size of the whole profile.
        double[] column = BenchmarkData.Normal(new Random(3), 10 * N, 0);
        int part = column.Length / Partitions;
        partitionProfiles = new NumericFeatureProfile[Partitions];
        partitionSketches = new KllSketch[Partitions];
        for (int p = 0; p < Partitions; p++)
        {
            partitionProfiles[p] = NumericFeatureProfile.Build("x", column.AsSpan(p * part, part), sketch: new ProfileSketchOptions { ExactBelow = 0, Seed = (ulong)p + 1 });
            partitionSketches[p] = partitionProfiles[p].SketchOrNull!;
        }

        var whole = NumericFeatureProfile.Build("x", column, sketch: ProfileSketchOptions.Sketch);
        var json = new DatasetProfile([whole], []).ToUtf8Json();
        double exactD = KolmogorovSmirnov.TwoSample(reference, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic).Statistic;
        double sketchD = sketch.KsTest(current).Result.Statistic;
        Console.WriteLine(FormattableString.Invariant(
            $"// sketch of {column.Length} values: {whole.RetainedCount} retained items ({whole.RetainedCount * 8} bytes of items), JSON {json.Length} bytes, rank-error bound {whole.RankErrorBound:F5}; |D - D_exact| at N = {N}: {Math.Abs(sketchD - exactD):E3} (bound {sketch.RankErrorBound:F5})"));

        // Warm the pools and the profiles' lazily built gap indexes.
        KsWithProfileNoSort();
        KsWithSketch();
        KsWithProfile();
    }

    /// <summary>The BCL limit for anything that sorts the window: copy + introsort.</summary>
    [Benchmark(Baseline = true)]
    public double BaselineSortCopy()
    {
        current.CopyTo(scratch, 0);
        Array.Sort(scratch);
        return scratch[0];
    }

    /// <summary>The memory-bandwidth limit for anything that reads the window once.</summary>
    [Benchmark]
    public double BaselineSum() => TensorPrimitives.Sum<double>(current);

    /// <summary>KS with both samples raw (as scipy's ks_2samp, method='asymp').</summary>
    [Benchmark]
    public double KsTwoSample() => KolmogorovSmirnov.TwoSample(reference, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic).PValue;

    /// <summary>KS against the profile's sorted sample through <c>TwoSample(SortedSample, window)</c>: radix sort of the window, one merge.</summary>
    [Benchmark]
    public double KsWithProfile() =>
        KolmogorovSmirnov.TwoSample(exact.SortedSample, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic).PValue;

    /// <summary>KS against the exact profile without sorting the window (gap scan); bit-identical to scipy.</summary>
    [Benchmark]
    public double KsWithProfileNoSort() => exact.KsTest(current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic).Result.PValue;

    /// <summary>KS against a KLL sketch profile (k = 1024): one pass over the window.</summary>
    [Benchmark]
    public double KsWithSketch() => sketch.KsTest(current).Result.PValue;

    /// <summary>Building today's exact profile (copy, radix sort, moments, quantile edges, counts).</summary>
    [Benchmark]
    public long ProfileBuild() => NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Exact).Count;

    /// <summary>Building a sketch profile (KLL sketch, exact quantile edges by selection, counts, moments).</summary>
    [Benchmark]
    public long SketchProfileBuild() => NumericFeatureProfile.Build("x", reference, sketch: ProfileSketchOptions.Sketch).Count;

    /// <summary>Merging the KLL sketches of 16 partitions of a 10M-row column into one.</summary>
    [Benchmark]
    public long SketchMerge16()
    {
        var merged = partitionSketches[0].Clone();
        for (int p = 1; p < Partitions; p++)
        {
            merged.Merge(partitionSketches[p]);
        }

        return merged.Count;
    }

    /// <summary>Merging the 16 partition profiles (sketch, moments, edges and counts from the merged sketch).</summary>
    [Benchmark]
    public long ProfileMerge16()
    {
        var merged = partitionProfiles[0];
        for (int p = 1; p < Partitions; p++)
        {
            merged = NumericFeatureProfile.Merge(merged, partitionProfiles[p]);
        }

        return merged.Count;
    }
}
