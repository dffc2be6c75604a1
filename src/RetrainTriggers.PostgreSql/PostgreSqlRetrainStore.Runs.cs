using System.Text;
using NpgsqlTypes;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

public sealed partial class PostgreSqlRetrainStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The key is a row under the ledger's primary key (pipeline, fire key), inserted in a transaction that holds the
    /// lease row, so two instances can never both record one cause. Recording a key again for the same run returns
    /// <see langword="true"/>: a retried call whose first commit was acknowledged and lost is not mistaken for a duplicate cause.
    /// </remarks>
    public async ValueTask<bool> TryRecordFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return await FencedAsync(
            lease,
            "record fire key '" + fireKey + "' of pipeline '" + lease.PipelineName + "'",
            async (connection, transaction, ct) =>
            {
                using (var insert = Command(connection, transaction, sql.FireKeyInsert))
                {
                    insert.Parameters.Add(Text(lease.PipelineName));
                    insert.Parameters.Add(Text(fireKey));
                    insert.Parameters.Add(Text(runId));
                    insert.Parameters.Add(Long(NowTicks()));
                    if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                    {
                        return true;
                    }
                }

                using var owner = Command(connection, transaction, sql.FireKeyRunId);
                owner.Parameters.Add(Text(lease.PipelineName));
                owner.Parameters.Add(Text(fireKey));
                return await owner.ExecuteScalarAsync(ct).ConfigureAwait(false) is string recordedBy
                    && string.Equals(recordedBy, runId, StringComparison.Ordinal);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await FencedAsync(
            lease,
            "release fire key '" + fireKey + "' of pipeline '" + lease.PipelineName + "'",
            async (connection, transaction, ct) =>
            {
                using var delete = Command(connection, transaction, sql.FireKeyDelete);
                delete.Parameters.Add(Text(lease.PipelineName));
                delete.Parameters.Add(Text(fireKey));
                delete.Parameters.Add(Text(runId));
                return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<FireKeyRecord?> GetFireKeyAsync(string pipelineName, string fireKey, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentNullException.ThrowIfNull(fireKey);
        return await RunAsync(
            "read fire key '" + fireKey + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.FireKeyGet);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(fireKey));
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false)
                    ? new FireKeyRecord(fireKey, reader.GetString(0), FromTicks(reader.GetInt64(1)))
                    : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveRunAsync(RetrainLease lease, RetrainRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        if (!string.Equals(run.PipelineName, lease.PipelineName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Run '{run.RunId}' belongs to pipeline '{run.PipelineName}', but the lease is for pipeline '{lease.PipelineName}'.", nameof(run));
        }

        var document = RunDocuments.Serialize(run);
        if (Encoding.UTF8.GetByteCount(document) > maxDocumentBytes)
        {
            throw new ArgumentException($"Run '{run.RunId}' serialises to more than MaxDocumentBytes ({maxDocumentBytes} bytes); it was not saved.", nameof(run));
        }

        await FencedAsync(
            lease,
            "save run '" + run.RunId + "' of pipeline '" + run.PipelineName + "'",
            async (connection, transaction, ct) =>
            {
                using var upsert = Command(connection, transaction, sql.RunUpsert);
                upsert.Parameters.Add(Text(run.PipelineName));
                upsert.Parameters.Add(Text(run.RunId));
                upsert.Parameters.Add(Text(run.State.ToString()));
                upsert.Parameters.Add(Long(run.StartedAt.UtcTicks));
                upsert.Parameters.Add(run.FireKey is null ? new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text } : Text(run.FireKey));
                upsert.Parameters.Add(Text(document));
                return await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<RetrainRun?> GetRunAsync(string pipelineName, string runId, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentNullException.ThrowIfNull(runId);
        return await RunAsync(
            "read run '" + runId + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.RunGet);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(runId));
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? ReadRun(json, pipelineName, runId) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RetrainRun>> QueryRunsAsync(string pipelineName, RetrainRunQuery query, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query) + "." + nameof(query.Limit));
        return await RunAsync(
            "query the runs of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.RunQuery);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(new() { Value = query.States is null ? DBNull.Value : query.States.Select(static s => s.ToString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new() { Value = query.StartedFrom is { } from ? from.UtcTicks : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new() { Value = query.StartedBefore is { } before ? before.UtcTicks : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new() { Value = query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
                var runs = new List<RetrainRun>();
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    runs.Add(ReadRun(reader.GetString(0), pipelineName, null));
                }

                return (IReadOnlyList<RetrainRun>)runs.AsReadOnly();
            },
            cancellationToken).ConfigureAwait(false);
    }

    private RetrainRun ReadRun(string json, string pipelineName, string? runId)
    {
        if (Encoding.UTF8.GetByteCount(json) > maxDocumentBytes)
        {
            throw new InvalidDataException($"Run {(runId is null ? string.Empty : "'" + runId + "' ")}of pipeline '{pipelineName}' in schema \"{Schema}\" is larger than MaxDocumentBytes ({maxDocumentBytes} bytes).");
        }

        return RunDocuments.DeserializeRun(json)
            ?? throw new InvalidDataException($"Run {(runId is null ? string.Empty : "'" + runId + "' ")}of pipeline '{pipelineName}' in schema \"{Schema}\" is not a run document.");
    }
}
