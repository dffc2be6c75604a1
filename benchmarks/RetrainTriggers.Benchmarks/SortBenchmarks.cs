using BenchmarkDotNet.Attributes;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Benchmarks;

/// <summary>The radix sort behind the KS/Wasserstein paths against the BCL sort, both copying the sample first.</summary>
[MemoryDiagnoser]
public class SortBenchmarks
{
    private double[] _current = [];
    private double[] _sortedReference = [];
    private SortedSample _profileSample = null!;
    private double[] _buffer = [];

    [Params(10_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _current = BenchmarkData.Normal(random, N, 0.05);
        _sortedReference = BenchmarkData.Normal(random, N, 0.0);
        Array.Sort(_sortedReference);
        _profileSample = SortedSample.FromSorted(_sortedReference);
        _buffer = new double[N];
    }

    [Benchmark(Baseline = true)]
    public double BaselineSortCopy()
    {
        _current.CopyTo(_buffer, 0);
        Array.Sort(_buffer);
        return _buffer[N / 2];
    }

    /// <summary>The production path: filter non-finite values, copy and radix sort in one go.</summary>
    [Benchmark]
    public double RadixSortCopy()
    {
        RadixSort.CopyFiniteSorted(_current, _buffer);
        return _buffer[N / 2];
    }

    [Benchmark]
    public double KsWithSortedReference() => KolmogorovSmirnov.TwoSample(_profileSample, _current, method: KolmogorovSmirnovMethod.Asymptotic).Statistic;
}
