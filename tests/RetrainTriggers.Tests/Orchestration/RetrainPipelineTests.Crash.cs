using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Tests.Orchestration;

public partial class RetrainPipelineTests
{
    [Fact]
    public async Task RunOnceAsync_ProcessDiesMidRun_NextStartMarksInterruptedAndNeverRetrainsTheCause()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rt-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var dying = new CrashableStore(new FileRetrainStore(folder, h.Time));
            h.Store = dying;
            var first = h.Create(o => o.LeaseDuration = TimeSpan.FromMinutes(1));
            h.Trainer.ThenBlock(new TaskCompletionSource<TrainedModel<FakeModel>>());
            await first.Signals.RecordMetricAsync("Accuracy", 0.8);
            _ = first.RunOnceAsync().AsTask();
            await PipelineHarness.WaitUntilAsync(() => h.Trainer.Calls == 1);
            dying.Crash();
            h.Time.Advance(TimeSpan.FromMinutes(2));

            var restartedTrainer = new ScriptedTrainer();
            using var second = new RetrainPipeline<FakeModel>(h.Options(o =>
            {
                o.Store = new FileRetrainStore(folder, h.Time);
                o.Trainer = restartedTrainer;
            }));
            var result = await second.RunOnceAsync();

            var run = (await second.GetRunsAsync()).Should().ContainSingle().Subject;
            run.State.Should().Be(RetrainRunState.Interrupted);
            run.Error.Should().Contain("not repeated");
            result.Verdict.Should().Be(RetrainVerdict.DuplicateCause);
            result.FireKey.Should().Be(run.FireKey);
            restartedTrainer.Calls.Should().Be(0);
            h.Notifier.Received.Should().Contain(n => n.Kind == RetrainNotificationKind.Interrupted && n.Run.RunId == run.RunId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunOnceAsync_CorruptStoreFile_ClearErrorNamingFileAndFileKept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rt-corrupt-" + Guid.NewGuid().ToString("N"));
        try
        {
            h.Store = new FileRetrainStore(folder, h.Time);
            using var pipeline = h.Create();
            await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);
            var path = Path.Combine(folder, "churn", "signals.json");
            await File.WriteAllTextAsync(path, "{\"version\":1,\"metrics\":{");

            var run = FluentActions.Awaiting(async () => await pipeline.RunOnceAsync());

            (await run.Should().ThrowAsync<InvalidDataException>()).WithMessage($"*'{path}'*");
            (await File.ReadAllTextAsync(path)).Should().Be("{\"version\":1,\"metrics\":{");
            h.Trainer.Calls.Should().Be(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunOnceAsync_Promotion_EmitsSpansAndInstruments()
    {
        using var meters = new TestMeterFactory();
        using var firings = new MetricCollector<long>(meters, RetrainTelemetry.MeterName, "retrain.trigger.firings");
        using var durations = new MetricCollector<double>(meters, RetrainTelemetry.MeterName, "retrain.run.duration");
        using var promotions = new MetricCollector<long>(meters, RetrainTelemetry.MeterName, "retrain.promotions");
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RetrainTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("retrain.pipeline.name"), name))
                {
                    lock (spans)
                    {
                        spans.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var pipeline = h.Create(o =>
        {
            o.Name = name;
            o.MeterFactory = meters;
        });
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        await pipeline.RunOnceAsync();
        h.Time.Advance(TimeSpan.FromHours(2));
        await pipeline.RunOnceAsync();

        firings.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]).Should().Equal("fired", "duplicate_cause");
        firings.LastMeasurement!.Tags["retrain.pipeline.name"].Should().Be(name);
        durations.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["retrain.run.result"].Should().Be("promoted");
        promotions.GetMeasurementSnapshot().Should().ContainSingle();
        lock (spans)
        {
            spans.Select(s => s.OperationName).Should().Contain(
                ["retrain.evaluate", "retrain.run", "retrain.run.train", "retrain.run.evaluate", "retrain.run.register", "retrain.run.promote"]);
            var root = spans.Single(s => s.OperationName == "retrain.run");
            spans.Where(s => s.OperationName.StartsWith("retrain.run.", StringComparison.Ordinal)).Should().OnlyContain(s => s.ParentSpanId == root.SpanId);
        }
    }

    /// <summary>A meter factory whose meters are scoped to it, so parallel tests do not see each other's measurements.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
            lock (meters)
            {
                meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (meters)
            {
                meters.ForEach(m => m.Dispose());
            }
        }
    }

    /// <summary>A store that stops answering when its process "dies": every call after <see cref="Crash"/> fails.</summary>
    private sealed class CrashableStore(IRetrainStore inner) : IRetrainStore
    {
        private volatile bool crashed;

        public void Crash() => crashed = true;

        public ValueTask<RetrainLease?> TryAcquireLeaseAsync(string pipelineName, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
            Alive() ? inner.TryAcquireLeaseAsync(pipelineName, owner, duration, cancellationToken) : default;

        public ValueTask<RetrainLease?> RenewLeaseAsync(RetrainLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
            Alive() ? inner.RenewLeaseAsync(lease, duration, cancellationToken) : default;

        public ValueTask ReleaseLeaseAsync(RetrainLease lease, CancellationToken cancellationToken = default) =>
            Alive() ? inner.ReleaseLeaseAsync(lease, cancellationToken) : default;

        public ValueTask<bool> TryRecordFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default) =>
            Alive() ? inner.TryRecordFireKeyAsync(lease, fireKey, runId, cancellationToken) : default;

        public ValueTask ReleaseFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default) =>
            Alive() ? inner.ReleaseFireKeyAsync(lease, fireKey, runId, cancellationToken) : default;

        public ValueTask<FireKeyRecord?> GetFireKeyAsync(string pipelineName, string fireKey, CancellationToken cancellationToken = default) =>
            Alive() ? inner.GetFireKeyAsync(pipelineName, fireKey, cancellationToken) : default;

        public ValueTask SaveRunAsync(RetrainLease lease, RetrainRun run, CancellationToken cancellationToken = default) =>
            Alive() ? inner.SaveRunAsync(lease, run, cancellationToken) : default;

        public ValueTask<RetrainRun?> GetRunAsync(string pipelineName, string runId, CancellationToken cancellationToken = default) =>
            Alive() ? inner.GetRunAsync(pipelineName, runId, cancellationToken) : default;

        public ValueTask<IReadOnlyList<RetrainRun>> QueryRunsAsync(string pipelineName, RetrainRunQuery query, CancellationToken cancellationToken = default) =>
            Alive() ? inner.QueryRunsAsync(pipelineName, query, cancellationToken) : default;

        public ValueTask RecordMetricAsync(string pipelineName, string metric, MetricSample sample, CancellationToken cancellationToken = default) =>
            Alive() ? inner.RecordMetricAsync(pipelineName, metric, sample, cancellationToken) : default;

        public ValueTask<MetricSample?> GetMetricAsync(string pipelineName, string metric, CancellationToken cancellationToken = default) =>
            Alive() ? inner.GetMetricAsync(pipelineName, metric, cancellationToken) : default;

        public ValueTask<long> AddLabeledRowsAsync(string pipelineName, long count, CancellationToken cancellationToken = default) =>
            Alive() ? inner.AddLabeledRowsAsync(pipelineName, count, cancellationToken) : default;

        public ValueTask<long> GetLabeledRowTotalAsync(string pipelineName, CancellationToken cancellationToken = default) =>
            Alive() ? inner.GetLabeledRowTotalAsync(pipelineName, cancellationToken) : default;

        public ValueTask RecordDriftAsync(string pipelineName, string? feature, DriftSignal signal, CancellationToken cancellationToken = default) =>
            Alive() ? inner.RecordDriftAsync(pipelineName, feature, signal, cancellationToken) : default;

        public ValueTask<DriftSignal?> GetDriftAsync(string pipelineName, string? feature, CancellationToken cancellationToken = default) =>
            Alive() ? inner.GetDriftAsync(pipelineName, feature, cancellationToken) : default;

        public ITriggerStateStore GetTriggerStateStore(string pipelineName) => inner.GetTriggerStateStore(pipelineName);

        private bool Alive() => crashed ? throw new IOException("the process is gone") : true;
    }
}
