namespace RetrainTriggers.Orchestration;

/// <summary>The retrain loop's durable memory: pipeline leases with fencing tokens, the fire-key ledger, run history, recorded signals and trigger state.</summary>
/// <remarks>
/// <para>
/// One store serves any number of pipelines, keyed by pipeline name. Every method is safe to call concurrently, from
/// several threads and — for a durable store — from several processes on the same storage. Each write is atomic and
/// durable when its task completes.
/// </para>
/// <para>
/// Leases give single flight across processes: at most one unexpired lease per pipeline, each with a fencing token
/// greater than any issued before. Writes that belong to a run (<see cref="TryRecordFireKeyAsync"/>,
/// <see cref="ReleaseFireKeyAsync"/>, <see cref="SaveRunAsync"/>) carry the lease and are refused with
/// <see cref="RetrainLeaseLostException"/> once a newer token has been issued. Signal writes need no lease.
/// </para>
/// <para>
/// The contract is written as tests: any implementation must pass the store conformance suite
/// (<c>RetrainStoreConformanceTests</c> in the test project), as the in-memory and file-system stores do.
/// </para>
/// </remarks>
public interface IRetrainStore
{
    /// <summary>Acquires the pipeline's lease when it is free or expired.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="owner">The caller's identity.</param>
    /// <param name="duration">How long the lease lasts unless renewed; positive, at most 49 days (<see cref="ArgumentOutOfRangeException"/> otherwise).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease with a new fencing token, or <see langword="null"/> when another owner holds an unexpired lease.</returns>
    ValueTask<RetrainLease?> TryAcquireLeaseAsync(string pipelineName, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a held lease, keeping its fencing token.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="duration">The new duration from now; positive, at most 49 days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The extended lease, or <see langword="null"/> when it was lost (superseded by a newer token).</returns>
    ValueTask<RetrainLease?> RenewLeaseAsync(RetrainLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Releases a held lease so another owner can acquire it at once; a lost lease is ignored.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseLeaseAsync(RetrainLease lease, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="fireKey"/> started run <paramref name="runId"/>, unless the key is already recorded.</summary>
    /// <param name="lease">The caller's lease of the pipeline.</param>
    /// <param name="fireKey">The fire key.</param>
    /// <param name="runId">The run it starts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when recorded now; <see langword="false"/> when the key was recorded before (the cause already ran).</returns>
    /// <exception cref="RetrainLeaseLostException">The lease was superseded.</exception>
    ValueTask<bool> TryRecordFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default);

    /// <summary>Removes a fire key recorded by <paramref name="runId"/>, so its cause may run again (used when a run is cancelled before it changed anything).</summary>
    /// <param name="lease">The caller's lease of the pipeline.</param>
    /// <param name="fireKey">The fire key.</param>
    /// <param name="runId">The run that recorded it; a key recorded by another run is left alone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is removed.</returns>
    /// <exception cref="RetrainLeaseLostException">The lease was superseded.</exception>
    ValueTask ReleaseFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default);

    /// <summary>Gets the ledger entry of a fire key.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="fireKey">The fire key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/> when the key is not recorded.</returns>
    ValueTask<FireKeyRecord?> GetFireKeyAsync(string pipelineName, string fireKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces (by run id) a run of the lease's pipeline.</summary>
    /// <param name="lease">The caller's lease of the pipeline.</param>
    /// <param name="run">The run snapshot; its pipeline must be the lease's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the run is durable.</returns>
    /// <exception cref="RetrainLeaseLostException">The lease was superseded.</exception>
    ValueTask SaveRunAsync(RetrainLease lease, RetrainRun run, CancellationToken cancellationToken = default);

    /// <summary>Gets one run.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/> when not found.</returns>
    ValueTask<RetrainRun?> GetRunAsync(string pipelineName, string runId, CancellationToken cancellationToken = default);

    /// <summary>Gets the runs of a pipeline selected by <paramref name="query"/>, newest start first.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="query">The filters and the limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>At most <see cref="RetrainRunQuery.Limit"/> runs.</returns>
    ValueTask<IReadOnlyList<RetrainRun>> QueryRunsAsync(string pipelineName, RetrainRunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records the latest value of a metric, replacing an older one; a sample older than the stored one is ignored.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="metric">The metric name (ordinal).</param>
    /// <param name="sample">The value and its timestamp.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the sample is durable.</returns>
    ValueTask RecordMetricAsync(string pipelineName, string metric, MetricSample sample, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest recorded value of a metric.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="metric">The metric name (ordinal).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sample, or <see langword="null"/> when never recorded.</returns>
    ValueTask<MetricSample?> GetMetricAsync(string pipelineName, string metric, CancellationToken cancellationToken = default);

    /// <summary>Adds newly labeled rows to the pipeline's running total (never reset; the new-row count is the total minus the last promoted run's mark).</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="count">How many rows; not negative, and the total stays at most <see cref="long.MaxValue"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new total.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or would take the total past <see cref="long.MaxValue"/>; the total is then unchanged.</exception>
    ValueTask<long> AddLabeledRowsAsync(string pipelineName, long count, CancellationToken cancellationToken = default);

    /// <summary>Gets the pipeline's running total of labeled rows.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The total; 0 when none were recorded.</returns>
    ValueTask<long> GetLabeledRowTotalAsync(string pipelineName, CancellationToken cancellationToken = default);

    /// <summary>Records the latest drift signal of the dataset or of one feature.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="feature">The feature, or <see langword="null"/> for the dataset verdict.</param>
    /// <param name="signal">The signal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the signal is durable.</returns>
    ValueTask RecordDriftAsync(string pipelineName, string? feature, DriftSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest recorded drift signal of the dataset or of one feature.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="feature">The feature, or <see langword="null"/> for the dataset verdict.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signal, or <see langword="null"/> when never recorded.</returns>
    ValueTask<DriftSignal?> GetDriftAsync(string pipelineName, string? feature, CancellationToken cancellationToken = default);

    /// <summary>Gets the store that keeps the trigger state of one pipeline.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <returns>A trigger-state store scoped to the pipeline.</returns>
    ITriggerStateStore GetTriggerStateStore(string pipelineName);
}
