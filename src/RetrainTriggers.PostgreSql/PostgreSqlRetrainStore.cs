using Npgsql;
using NpgsqlTypes;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

/// <summary>
/// The retrain loop's store on PostgreSQL, shared by every instance of an application: leases with fencing tokens,
/// a fire-key ledger under a unique constraint, run history, signals and trigger state.
/// </summary>
/// <remarks>
/// <para>
/// The schema is created and migrated on first use (see <see cref="MigrateAsync"/>). Writes that belong to a run
/// check the run's fencing token inside their own transaction, holding a share lock on the lease row, so an
/// instance that lost its lease cannot overwrite the work of the new holder. Lease expiry is measured with the
/// instances' <see cref="TimeProvider"/>: keep their clocks synchronised.
/// </para>
/// <para>
/// A transient database failure (a restarted server, a dropped connection) is retried with back-off for operations that
/// are safe to repeat; an operation that still fails throws <see cref="PostgreSqlStoreException"/> and did not take effect.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlRetrainStore : IRetrainStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly TimeProvider timeProvider;
    private readonly Sql sql;
    private readonly int commandTimeout;
    private readonly int maxDocumentBytes;
    private readonly SemaphoreSlim migrateGate = new(1, 1);
    private volatile bool migrated;

    /// <summary>Creates a store over the database and schema given by <paramref name="options"/>.</summary>
    /// <param name="options">The connection and the schema.</param>
    /// <param name="timeProvider">The clock for lease expiry and timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public PostgreSqlRetrainStore(PostgreSqlRetrainStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        options.Validate(string.Empty, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException("PostgreSqlRetrainStoreOptions: " + string.Join("; ", errors), nameof(options));
        }

        if (options.DataSource is { } given)
        {
            dataSource = given;
        }
        else
        {
            dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
            ownsDataSource = true;
        }

        this.timeProvider = timeProvider ?? TimeProvider.System;
        sql = new Sql(SchemaName.Quote(options.Schema));
        Schema = options.Schema;
        commandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        maxDocumentBytes = options.MaxDocumentBytes;
    }

    /// <summary>Gets the schema that holds the store's tables.</summary>
    public string Schema { get; }

    /// <summary>Creates the schema or upgrades it to this version; other calls do it on first use.</summary>
    /// <param name="cancellationToken">Cancels the migration; a cancelled migration changes nothing.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="PostgreSqlStoreException">The database could not be reached or the schema is newer than this package.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (migrated)
        {
            return;
        }

        await migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!migrated)
            {
                await WithRetryAsync(
                    "migrate the schema",
                    async ct =>
                    {
                        try
                        {
                            // One transaction: a failed attempt left nothing behind, so it is safe to repeat.
                            await Migrations.EnsureAsync(dataSource, Schema, commandTimeout, ct).ConfigureAwait(false);
                            return true;
                        }
                        catch (NpgsqlException e)
                        {
                            throw new RetryableException(e);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                migrated = true;
            }
        }
        finally
        {
            migrateGate.Release();
        }
    }

    /// <inheritdoc />
    public ITriggerStateStore GetTriggerStateStore(string pipelineName)
    {
        PipelineNames.Validate(pipelineName, nameof(pipelineName));
        return new PostgreSqlTriggerStateStore(this, pipelineName);
    }

    /// <summary>Disposes the data source when the store created it from a connection string.</summary>
    /// <returns>A task that completes when the data source is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        migrateGate.Dispose();
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the data source when the store created it from a connection string.</summary>
    public void Dispose()
    {
        migrateGate.Dispose();
        if (ownsDataSource)
        {
            dataSource.Dispose();
        }
    }

    private long NowTicks() => timeProvider.GetUtcNow().UtcTicks;

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Long(long value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint };
}
