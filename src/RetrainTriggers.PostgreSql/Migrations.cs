using Npgsql;

namespace RetrainTriggers.PostgreSql;

/// <summary>Creates and upgrades the store's schema: versioned, idempotent and safe when several instances start at once.</summary>
/// <remarks>
/// Every upgrade runs in one transaction that first takes a transaction-scoped advisory lock keyed by the schema
/// name, so two instances starting together apply each migration once, and the lock cannot leak behind a
/// transaction-pooling proxy (it ends with the transaction). A migration is never edited once shipped: a change to the
/// schema is a new entry at the end of <see cref="All"/>.
/// </remarks>
internal static class Migrations
{
    /// <summary>The migrations in order; entry <c>i</c> is version <c>i + 1</c>. <c>{s}</c> stands for the quoted schema.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        """
        create table {s}.leases (
            pipeline text primary key,
            owner text null,
            token bigint not null,
            expires_at_ticks bigint null);
        create table {s}.fire_keys (
            pipeline text not null,
            fire_key text not null,
            run_id text not null,
            recorded_at_ticks bigint not null,
            primary key (pipeline, fire_key));
        create table {s}.runs (
            pipeline text not null,
            run_id text not null,
            state text not null,
            started_at_ticks bigint not null,
            fire_key text null,
            document jsonb not null,
            primary key (pipeline, run_id));
        create index runs_by_start on {s}.runs (pipeline, started_at_ticks desc);
        create table {s}.metrics (
            pipeline text not null,
            metric text not null,
            value double precision not null,
            recorded_at_ticks bigint not null,
            recorded_at_offset_minutes integer not null,
            primary key (pipeline, metric));
        create table {s}.labeled_rows (
            pipeline text primary key,
            total bigint not null check (total >= 0));
        create table {s}.drift (
            pipeline text not null,
            scope text not null,
            document jsonb not null,
            primary key (pipeline, scope));
        create table {s}.trigger_state (
            pipeline text not null,
            key text not null,
            value text not null,
            primary key (pipeline, key));
        """,
    ];

    /// <summary>Brings the schema to the newest version.</summary>
    /// <param name="dataSource">Where the database is.</param>
    /// <param name="schema">The schema name (validated).</param>
    /// <param name="commandTimeout">The timeout of each command, in seconds.</param>
    /// <param name="cancellationToken">Cancels the upgrade; a cancelled upgrade changes nothing.</param>
    /// <returns>The version the schema had before and the version it has now.</returns>
    public static async Task<(int Before, int After)> EnsureAsync(NpgsqlDataSource dataSource, string schema, int commandTimeout, CancellationToken cancellationToken)
    {
        var quoted = SchemaName.Quote(schema);
        using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            command.CommandTimeout = commandTimeout;
            command.Parameters.Add(new NpgsqlParameter { Value = "retrain-triggers:migrate:" + schema });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            connection,
            transaction,
            $"create schema if not exists {quoted}; create table if not exists {quoted}.schema_migrations (version integer primary key, applied_at timestamptz not null default now());",
            commandTimeout,
            cancellationToken).ConfigureAwait(false);

        int before;
        using (var command = new NpgsqlCommand($"select coalesce(max(version), 0) from {quoted}.schema_migrations", connection, transaction))
        {
            command.CommandTimeout = commandTimeout;
            before = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (before > All.Count)
        {
            throw new PostgreSqlStoreException(
                $"Schema {quoted} is at version {before}, newer than this version of RetrainTriggers.PostgreSql knows ({All.Count}); upgrade the package on every instance.");
        }

        for (var version = before + 1; version <= All.Count; version++)
        {
            await ExecuteAsync(connection, transaction, All[version - 1].Replace("{s}", quoted, StringComparison.Ordinal), commandTimeout, cancellationToken).ConfigureAwait(false);
            using var record = new NpgsqlCommand($"insert into {quoted}.schema_migrations (version) values ($1)", connection, transaction);
            record.CommandTimeout = commandTimeout;
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (before, All.Count);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = commandTimeout };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
