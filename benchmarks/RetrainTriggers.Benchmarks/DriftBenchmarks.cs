using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Benchmarks;

/// <summary>
/// Drift checks of one feature (N values per side) and of a 50-feature dataset (N/10 rows), against in-run baselines:
/// copying and sorting the current sample with <see cref="Array.Sort(Array)"/>, and summing it with TensorPrimitives.
/// Reference and current are normal(0, 1) and normal(0.05, 1) from fixed seeds.
/// </summary>
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private const int DatasetFeatures = 50;

    private double[] reference = [];
    private double[] current = [];
    private double[] scratch = [];
    private NumericFeatureProfile profile = null!;
    private DriftDetector parallelDetector = null!;
    private DriftDetector singleThreadedDetector = null!;
    private DriftWindow datasetWindow = null!;

    /// <summary>Gets or sets the sample size per side.</summary>
    [Params(10_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        reference = BenchmarkData.Normal(new Random(1), N, 0);
        current = BenchmarkData.Normal(new Random(2), N, 0.05);
        scratch = new double[N];
        profile = NumericFeatureProfile.Build("x", reference);

        var rows = N / 10;
        var referenceWindow = new DriftWindow();
        datasetWindow = new DriftWindow();
        for (var f = 0; f < DatasetFeatures; f++)
        {
            var name = "f" + f.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            referenceWindow.AddNumeric(name, BenchmarkData.Normal(new Random(100 + f), rows, 0));
            datasetWindow.AddNumeric(name, BenchmarkData.Normal(new Random(200 + f), rows, f % 5 == 0 ? 0.3 : 0.0));
        }

        var datasetProfile = DatasetProfile.Build(referenceWindow);
        parallelDetector = new DriftDetector(datasetProfile);
        singleThreadedDetector = new DriftDetector(datasetProfile, new DriftDetectorOptions { MaxDegreeOfParallelism = 1 });

        // Warm the shared array pools so steady-state allocation is measured.
        KsWithProfile();
        parallelDetector.Detect(datasetWindow);
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

    /// <summary>KS of a raw window against the profile's sorted reference.</summary>
    [Benchmark]
    public double KsWithProfile() =>
        KolmogorovSmirnov.TwoSample(profile.SortedSample, current, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic).PValue;

    /// <summary>PSI from raw samples: quantile edges from the reference, count both sides, proportions, PSI.</summary>
    [Benchmark]
    public double PsiTwoSample()
    {
        var edges = Binning.QuantileEdges(reference, 10);
        Span<long> referenceCounts = stackalloc long[edges.Length + 1];
        Span<long> currentCounts = stackalloc long[edges.Length + 1];
        Span<double> r = stackalloc double[edges.Length + 1];
        Span<double> c = stackalloc double[edges.Length + 1];
        Binning.Count(reference, edges, referenceCounts);
        Binning.Count(current, edges, currentCounts);
        Binning.Proportions(referenceCounts, r);
        Binning.Proportions(currentCounts, c);
        return Divergence.Psi(r, c);
    }

    /// <summary>PSI of a raw window against the profile's frozen edges and reference proportions (the detector's hot path).</summary>
    [Benchmark]
    public double PsiWithProfile()
    {
        var edges = profile.InnerEdges.Span;
        Span<long> counts = stackalloc long[edges.Length + 1];
        Span<double> proportions = stackalloc double[edges.Length + 1];
        Binning.Count(current, edges, counts);
        Binning.Proportions(counts, proportions);
        return Divergence.Psi(profile.BinProportions.Span, proportions);
    }

    /// <summary>Building a reference profile (copy, sort, moments, quantile edges, counts).</summary>
    [Benchmark]
    public long ProfileBuild() => NumericFeatureProfile.Build("x", reference).Count;

    /// <summary>PSI + KS for 50 features of N/10 rows on every core.</summary>
    [Benchmark]
    public int DatasetReport() => parallelDetector.Detect(datasetWindow).DriftedFeatureCount;

    /// <summary>The same report forced single-threaded, so the parallel speed-up is a ratio within one run.</summary>
    [Benchmark]
    public int DatasetReportSingleThreaded() => singleThreadedDetector.Detect(datasetWindow).DriftedFeatureCount;
}
