using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

public sealed partial class PostgreSqlRetrainStore
{
    /// <inheritdoc />
    public async ValueTask RecordMetricAsync(string pipelineName, string metric, MetricSample sample, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        await RunAsync(
            "record metric '" + metric + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.MetricUpsert);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(metric));
                command.Parameters.Add(new() { Value = sample.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
                command.Parameters.Add(Long(sample.Timestamp.UtcTicks));
                command.Parameters.Add(new() { Value = (int)sample.Timestamp.Offset.TotalMinutes, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<MetricSample?> GetMetricAsync(string pipelineName, string metric, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentNullException.ThrowIfNull(metric);
        return await RunAsync(
            "read metric '" + metric + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.MetricGet);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(metric));
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return (MetricSample?)null;
                }

                var offset = TimeSpan.FromMinutes(reader.GetInt32(2));
                return new MetricSample(reader.GetDouble(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero).ToOffset(offset));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Not retried after the statement was sent: a repeat would count the rows twice. A failure says the outcome is unknown,
    /// except the <see cref="ArgumentOutOfRangeException"/> of a total that would pass <see cref="long.MaxValue"/>: the
    /// statement checks the sum before it writes, so then nothing was added.
    /// </remarks>
    public async ValueTask<long> AddLabeledRowsAsync(string pipelineName, long count, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return await RunAsync(
            "add labeled rows to pipeline '" + pipelineName + "'",
            repeatable: false,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.LabeledRowsAdd);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Long(count));
                if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long total)
                {
                    return total;
                }

                // The statement's guard refused a total past bigint's range, so nothing was written: say which total it was.
                using var read = Command(connection, null, sql.LabeledRowsGet);
                read.Parameters.Add(Text(pipelineName));
                throw StoreArguments.LabeledRowsOverflow(await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is long current ? current : 0L, count);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> GetLabeledRowTotalAsync(string pipelineName, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        return await RunAsync(
            "read the labeled rows of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.LabeledRowsGet);
                command.Parameters.Add(Text(pipelineName));
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long total ? total : 0L;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RecordDriftAsync(string pipelineName, string? feature, DriftSignal signal, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentNullException.ThrowIfNull(signal);
        var document = RunDocuments.Serialize(signal);
        await RunAsync(
            "record drift of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.DriftUpsert);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(DriftScope(feature)));
                command.Parameters.Add(Text(document));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DriftSignal?> GetDriftAsync(string pipelineName, string? feature, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        return await RunAsync(
            "read drift of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.DriftGet);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(DriftScope(feature)));
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? RunDocuments.DeserializeDrift(json) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string DriftScope(string? feature) => feature is null ? "dataset" : "feature:" + feature;
}
