using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.PostgreSql;

namespace RetrainTriggers.Benchmarks;

/// <summary>
/// Trigger evaluations and fire-key inserts through the PostgreSQL store by 1 or 3 instances at once (each instance a store
/// with its own connection pool, as separate app instances have), against the file store in the same run. Needs a server:
/// set RETRAINTRIGGERS_POSTGRES (for example with <c>source .ci/postgres.sh</c>).
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StoreBenchmarks
{
    /// <summary>Operations per invocation, split among the instances.</summary>
    public const int Operations = 60;

    private readonly List<IAsyncDisposable> disposables = [];
    private string folder = null!;
    private RetrainPipeline<BenchModel>[] filePipelines = null!;
    private RetrainPipeline<BenchModel>[] postgresPipelines = null!;
    private (IRetrainStore Store, RetrainLease Lease)[] fileLeases = null!;
    private (IRetrainStore Store, RetrainLease Lease)[] postgresLeases = null!;
    private long nextKey;

    /// <summary>Gets or sets how many instances work at once.</summary>
    [Params(1, 3)]
    public int Instances { get; set; }

    /// <summary>Creates the stores, the schema and one pipeline per instance, all on one pipeline name.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        var connectionString = Environment.GetEnvironmentVariable("RETRAINTRIGGERS_POSTGRES")
            ?? throw new InvalidOperationException("RETRAINTRIGGERS_POSTGRES is not set: run `source .ci/postgres.sh` first.");
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        folder = Path.Combine(Path.GetTempPath(), "rt-store-bench-" + Guid.NewGuid().ToString("N"));
        var fileStores = Enumerable.Range(0, Instances).Select(_ => (IRetrainStore)new FileRetrainStore(folder)).ToArray();
        var postgresStores = Enumerable.Range(0, Instances)
            .Select(_ => new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { ConnectionString = connectionString, Schema = schema }))
            .ToArray();
        disposables.AddRange(postgresStores);
        await postgresStores[0].MigrateAsync();
        filePipelines = await PipelinesAsync(fileStores);
        postgresPipelines = await PipelinesAsync(postgresStores);
        fileLeases = await LeasesAsync(fileStores);
        postgresLeases = await LeasesAsync(postgresStores);
    }

    /// <summary>Removes the file store's folder and closes the connection pools.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        foreach (var pipeline in filePipelines.Concat(postgresPipelines))
        {
            pipeline.Dispose();
        }

        foreach (var disposable in disposables)
        {
            await disposable.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Dry-run evaluations (metric, trigger state and fire-key ledger read from the store) on the file store.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("evaluate")]
    public Task EvaluateFile() => EvaluateAsync(filePipelines);

    /// <summary>The same evaluations on PostgreSQL.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("evaluate")]
    public Task EvaluatePostgreSql() => EvaluateAsync(postgresPipelines);

    /// <summary>Fire-key inserts under a lease (each instance on its own pipeline) on the file store.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("fire-key")]
    public Task FireKeysFile() => InsertFireKeysAsync(fileLeases);

    /// <summary>The same inserts on PostgreSQL.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("fire-key")]
    public Task FireKeysPostgreSql() => InsertFireKeysAsync(postgresLeases);

    private static Task EvaluateAsync(RetrainPipeline<BenchModel>[] pipelines) =>
        Task.WhenAll(pipelines.Select(async pipeline =>
        {
            for (var i = 0; i < Operations / pipelines.Length; i++)
            {
                await pipeline.EvaluateAsync();
            }
        }));

    private Task InsertFireKeysAsync((IRetrainStore Store, RetrainLease Lease)[] leases) =>
        Task.WhenAll(leases.Select(async holder =>
        {
            for (var i = 0; i < Operations / leases.Length; i++)
            {
                var key = "drift@" + Interlocked.Increment(ref nextKey).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!await holder.Store.TryRecordFireKeyAsync(holder.Lease, key, "run-" + key))
                {
                    throw new InvalidOperationException($"Fire key {key} was refused.");
                }
            }
        }));

    private static async Task<RetrainPipeline<BenchModel>[]> PipelinesAsync(IRetrainStore[] stores)
    {
        var pipelines = stores.Select(store => new RetrainPipeline<BenchModel>(new RetrainPipelineOptions<BenchModel>
        {
            Name = "churn",
            Trigger = Trigger.Below("Accuracy", 0.85),
            Trainer = new BenchTrainer(),
            Evaluator = new BenchEvaluator(),
            Registry = new InMemoryModelRegistry<BenchModel>(),
            Policy = PromotionPolicy.CreateBuilder().Metric("Accuracy", MetricDirection.HigherIsBetter).Superior("Accuracy").Build(),
            Store = store,
        })).ToArray();
        await pipelines[0].Signals.RecordMetricAsync("Accuracy", 0.9);
        return pipelines;
    }

    private static async Task<(IRetrainStore, RetrainLease)[]> LeasesAsync(IRetrainStore[] stores)
    {
        var leases = new (IRetrainStore, RetrainLease)[stores.Length];
        for (var i = 0; i < stores.Length; i++)
        {
            var name = "keys" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var lease = await stores[i].TryAcquireLeaseAsync(name, "instance-" + name, TimeSpan.FromHours(1))
                ?? throw new InvalidOperationException($"No lease on {name}.");
            leases[i] = (stores[i], lease);
        }

        return leases;
    }

    /// <summary>The model type of the benchmark pipelines.</summary>
    public sealed record BenchModel(double Accuracy);

    private sealed class BenchTrainer : IModelTrainer<BenchModel>
    {
        public ValueTask<TrainedModel<BenchModel>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new TrainedModel<BenchModel>(new BenchModel(0.9), 1000, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
    }

    private sealed class BenchEvaluator : IModelEvaluator<BenchModel>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(BenchModel model, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = model.Accuracy }));
    }
}
