using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

public sealed partial class PostgreSqlRetrainStore
{
    /// <inheritdoc />
    public async ValueTask<RetrainLease?> TryAcquireLeaseAsync(string pipelineName, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        StoreArguments.Duration(duration);
        return await RunAsync(
            "acquire the lease of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                using (var ensure = Command(connection, transaction, sql.LeaseEnsureRow))
                {
                    ensure.Parameters.Add(Text(pipelineName));
                    await ensure.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                RetrainLease? current = null;
                long lastToken;
                using (var select = Command(connection, transaction, sql.LeaseForUpdate))
                {
                    select.Parameters.Add(Text(pipelineName));
                    using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.ReadAsync(ct).ConfigureAwait(false);
                    lastToken = reader.GetInt64(1);
                    if (!reader.IsDBNull(0))
                    {
                        current = new RetrainLease(pipelineName, reader.GetString(0), lastToken, FromTicks(reader.GetInt64(2)));
                    }
                }

                var lease = LeaseRules.TryAcquire(current, lastToken, pipelineName, owner, duration, timeProvider.GetUtcNow());
                if (lease is null)
                {
                    return null;
                }

                using (var take = Command(connection, transaction, sql.LeaseTake))
                {
                    take.Parameters.Add(Text(pipelineName));
                    take.Parameters.Add(Text(owner));
                    take.Parameters.Add(Long(lease.FencingToken));
                    take.Parameters.Add(Long(lease.ExpiresAt.UtcTicks));
                    await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return lease;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<RetrainLease?> RenewLeaseAsync(RetrainLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StoreArguments.Duration(duration);
        var renewed = lease with { ExpiresAt = timeProvider.GetUtcNow() + duration };
        var updated = await RunAsync(
            "renew the lease of pipeline '" + lease.PipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.LeaseRenew);
                command.Parameters.Add(Text(lease.PipelineName));
                command.Parameters.Add(Long(lease.FencingToken));
                command.Parameters.Add(Long(renewed.ExpiresAt.UtcTicks));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return updated == 1 ? renewed : null;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(RetrainLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await RunAsync(
            "release the lease of pipeline '" + lease.PipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.LeaseRelease);
                command.Parameters.Add(Text(lease.PipelineName));
                command.Parameters.Add(Long(lease.FencingToken));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
