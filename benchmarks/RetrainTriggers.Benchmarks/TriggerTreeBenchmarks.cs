using BenchmarkDotNet.Attributes;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Benchmarks;

/// <summary>Evaluating a 20-node trigger tree (two stateful nodes) against a hand-written if-chain over the same signals.</summary>
[MemoryDiagnoser]
public class TriggerTreeBenchmarks
{
    private readonly InMemorySignals signals = new();
    private readonly InMemoryTriggerStateStore store = new();
    private readonly FixedTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private Trigger tree = null!;

    [GlobalSetup]
    public void Setup()
    {
        signals.RecordRetrain(time.GetUtcNow(), 100_000, new Dictionary<string, double> { ["f1"] = 0.8 });
        foreach (var (metric, value) in new[]
        {
            ("accuracy", 0.9), ("error_rate", 0.05), ("f1", 0.79), ("latency", 120.0), ("auc", 0.91),
            ("precision", 0.88), ("recall", 0.86), ("calibration", 0.02), ("logloss", 0.3),
        })
        {
            signals.Record(metric, value);
        }

        signals.AddLabeledRows(5_000);
        signals.RecordDrift(new DriftSignal { Score = 0.2, Level = DriftDecision.None });
        foreach (var feature in new[] { "age", "income", "region" })
        {
            signals.RecordDrift(feature, new DriftSignal { Score = 0.05, Level = DriftDecision.None });
        }

        tree = Trigger.Any(
            [
                Trigger.Below("accuracy", 0.85) & Trigger.Above("error_rate", 0.1),
                Trigger.Threshold(new ThresholdOptions { Metric = "f1", Below = 0.95, Basis = ThresholdBasis.BaselineFactor }),
                Trigger.Threshold(new ThresholdOptions { Metric = "latency", Below = 10, Above = 500 }),
                Trigger.Drift(0.5) | Trigger.Drift(0.3, "age") | Trigger.Drift(0.3, "income")
                    | Trigger.Drift(new DriftOptions { Feature = "region", MinLevel = DriftDecision.Drift }),
                Trigger.Volume(minNewRows: 50_000),
                Trigger.Volume(minGrowth: 0.2, name: "growth"),
                Trigger.AtLeast(2, Trigger.Below("auc", 0.85), Trigger.Below("precision", 0.8), Trigger.Below("recall", 0.8)),
                Trigger.Above("calibration", 0.05).SustainedFor(TimeSpan.FromDays(1)),
                Trigger.Hysteresis(new HysteresisOptions { Metric = "logloss", Direction = ThresholdDirection.Above, Enter = 0.5, Exit = 0.4 }),
            ],
            name: "retrain");
        if (CountNodes(tree) != 20)
        {
            throw new InvalidOperationException("The benchmark tree must have 20 nodes.");
        }
    }

    /// <summary>The same decisions as the tree, coded by hand with no explanation, state or allocation of results.</summary>
    [Benchmark(Baseline = true)]
    public async ValueTask<bool> HandWrittenIfChain()
    {
        var last = await ((IRetrainHistorySource)signals).GetLastRetrainAsync();
        var rows = await ((IDataVolumeSource)signals).GetNewLabeledRowCountAsync() ?? 0;
        if ((await ((IMetricSource)signals).GetMetricAsync("accuracy"))?.Value < 0.85 && (await ((IMetricSource)signals).GetMetricAsync("error_rate"))?.Value > 0.1)
        {
            return true;
        }

        if ((await ((IMetricSource)signals).GetMetricAsync("f1"))?.Value < 0.95 * last!.BaselineMetrics["f1"])
        {
            return true;
        }

        if ((await ((IMetricSource)signals).GetMetricAsync("latency"))?.Value is < 10 or > 500)
        {
            return true;
        }

        if ((await ((IDriftSignalSource)signals).GetDriftAsync(null))?.Score > 0.5 || (await ((IDriftSignalSource)signals).GetDriftAsync("age"))?.Score > 0.3
            || (await ((IDriftSignalSource)signals).GetDriftAsync("income"))?.Score > 0.3 || (await ((IDriftSignalSource)signals).GetDriftAsync("region"))?.Level >= DriftDecision.Drift)
        {
            return true;
        }

        if (rows >= 50_000 || (double)rows / last.TrainingRowCount >= 0.2)
        {
            return true;
        }

        var weak = ((await ((IMetricSource)signals).GetMetricAsync("auc"))?.Value < 0.85 ? 1 : 0) + ((await ((IMetricSource)signals).GetMetricAsync("precision"))?.Value < 0.8 ? 1 : 0)
            + ((await ((IMetricSource)signals).GetMetricAsync("recall"))?.Value < 0.8 ? 1 : 0);
        return weak >= 2 || (await ((IMetricSource)signals).GetMetricAsync("calibration"))?.Value > 0.05 || (await ((IMetricSource)signals).GetMetricAsync("logloss"))?.Value > 0.5;
    }

    /// <summary>The tree: every node evaluated, explained, and the two stateful nodes reading (and, when changed, writing) state.</summary>
    [Benchmark]
    public async ValueTask<bool> TriggerTree()
    {
        var result = await tree.EvaluateAsync(signals, store, time);
        return result.Fired;
    }

    private static int CountNodes(ITrigger node) => 1 + node.Children.Sum(CountNodes);

    /// <summary>A clock standing still, so every iteration sees the same instant (and the stateful nodes the same state).</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
