using Npgsql;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

public sealed partial class PostgreSqlRetrainStore
{
    private const int MaxAttempts = 8;

    /// <summary>Opens a connection and runs <paramref name="operation"/>, retrying transient failures when it is safe.</summary>
    /// <remarks>
    /// A failure while opening the connection is always retried: nothing was sent. A failure during the operation is
    /// retried only when <paramref name="repeatable"/> says a repeat has the same effect as one run (each operation runs
    /// in one transaction, so a failed attempt left nothing behind unless its commit was acknowledged and lost).
    /// </remarks>
    private async Task<T> RunAsync<T>(string what, bool repeatable, Func<NpgsqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await WithRetryAsync(
            what,
            async ct =>
            {
                NpgsqlConnection connection;
                try
                {
                    connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                }
                catch (NpgsqlException e)
                {
                    throw new RetryableException(e);
                }

                await using (connection.ConfigureAwait(false))
                {
                    try
                    {
                        return await operation(connection, ct).ConfigureAwait(false);
                    }
                    catch (NpgsqlException e) when (repeatable)
                    {
                        throw new RetryableException(e);
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithRetryAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (RetryableException e) when (IsTransient(e.InnerException) && attempt < MaxAttempts)
            {
                // Back-off in real time: this waits for the database, not for business time.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << attempt))), cancellationToken).ConfigureAwait(false);
            }
            catch (RetryableException e)
            {
                throw new PostgreSqlStoreException($"Could not {what} in schema \"{Schema}\" after {attempt} attempt(s): {e.InnerException!.Message}", e.InnerException);
            }
            catch (NpgsqlException e) when (e is not PostgresException { SqlState: "23505" })
            {
                throw new PostgreSqlStoreException(
                    $"Could not {what} in schema \"{Schema}\": {e.Message}. The outcome of this call is unknown: the database may have applied it.",
                    e);
            }
        }
    }

    /// <summary>Runs a write of a leased run inside one transaction that first checks the lease's fencing token.</summary>
    private Task<T> FencedAsync<T>(RetrainLease lease, string what, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        RunAsync(
            what,
            repeatable: true,
            async (connection, ct) =>
            {
                using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                using (var check = Command(connection, transaction, sql.LeaseTokenForShare))
                {
                    check.Parameters.Add(Text(lease.PipelineName));
                    var token = await check.ExecuteScalarAsync(ct).ConfigureAwait(false);
                    LeaseRules.EnsureCurrent(lease, token is long current ? current : 0);
                }

                var result = await write(connection, transaction, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return result;
            },
            cancellationToken);

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string text) =>
        new(text, connection, transaction) { CommandTimeout = commandTimeout };

    // Npgsql's own judgement, plus a server shutting down or starting up (a restart): the next connection works.
    private static bool IsTransient(Exception? exception) => exception is NpgsqlException { IsTransient: true }
        or PostgresException { SqlState: "57P01" or "57P02" or "57P03" };

    private sealed class RetryableException(NpgsqlException inner) : Exception(inner.Message, inner);
}
