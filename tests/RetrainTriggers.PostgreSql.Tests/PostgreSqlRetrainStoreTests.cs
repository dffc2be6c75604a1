using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql.Tests;

public class PostgreSqlRetrainStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MigrateAsync_EightInstancesAtOnce_AppliesEachMigrationOnce()
    {
        var schema = PostgresServer.NewSchema();
        var stores = Enumerable.Range(0, 8).Select(_ => PostgresServer.NewStore(schema)).ToList();

        await Task.WhenAll(stores.Select(s => s.MigrateAsync().AsTask()));

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*), max(version) from \"{schema}\".schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).Should().Be(Migrations.All.Count);
        reader.GetInt32(1).Should().Be(Migrations.All.Count);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanPackage_ThrowsNamingTheVersion()
    {
        var schema = PostgresServer.NewSchema();
        await using var store = PostgresServer.NewStore(schema);
        await store.MigrateAsync();
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"insert into \"{schema}\".schema_migrations (version) values (999)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var newer = PostgresServer.NewStore(schema);
        var act = async () => await newer.MigrateAsync();

        (await act.Should().ThrowAsync<PostgreSqlStoreException>()).WithMessage("*version 999*upgrade the package*");
    }

    [Theory]
    [InlineData("Public")]
    [InlineData("a\"; drop table x; --")]
    [InlineData("1abc")]
    [InlineData("")]
    public void Constructor_SchemaThatWouldNeedEscaping_ThrowsNamingSchema(string schema)
    {
        var act = () => new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { ConnectionString = "Host=localhost", Schema = schema });

        act.Should().Throw<ArgumentException>().WithMessage("*Schema*a-z, 0-9 and _*");
    }

    [Fact]
    public void Constructor_NoConnection_ThrowsListingEveryProblem()
    {
        var act = () => new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { CommandTimeout = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().WithMessage("*ConnectionString is required*CommandTimeout must be between*");
    }

    [Fact]
    public async Task SaveRunAsync_HolderLostItsLease_IsRefusedByTheFencingToken()
    {
        var time = new FakeTimeProvider(Start);
        var schema = PostgresServer.NewSchema();
        await using var first = PostgresServer.NewStore(schema, time);
        await using var second = PostgresServer.NewStore(schema, time);
        var stale = await first.TryAcquireLeaseAsync("churn", "instance-a", TimeSpan.FromMinutes(5));
        stale.Should().NotBeNull();
        (await second.TryAcquireLeaseAsync("churn", "instance-b", TimeSpan.FromMinutes(5))).Should().BeNull("the lease is held");

        time.Advance(TimeSpan.FromMinutes(6));
        var current = await second.TryAcquireLeaseAsync("churn", "instance-b", TimeSpan.FromMinutes(5));
        current.Should().NotBeNull();
        current!.FencingToken.Should().BeGreaterThan(stale!.FencingToken);

        var staleWrite = async () => await first.SaveRunAsync(stale, Run("run-a", RetrainRunState.Promoted));
        await staleWrite.Should().ThrowAsync<RetrainLeaseLostException>();
        (await first.RenewLeaseAsync(stale, TimeSpan.FromMinutes(5))).Should().BeNull();
        await second.SaveRunAsync(current, Run("run-b", RetrainRunState.Running));

        (await second.GetRunAsync("churn", "run-a")).Should().BeNull("the stale holder's write did not happen");
        (await first.GetRunAsync("churn", "run-b"))!.State.Should().Be(RetrainRunState.Running);
    }

    [Fact]
    public async Task TryRecordFireKeyAsync_ThreeInstancesRaceForOneCause_ExactlyOneRecordsIt()
    {
        var time = new FakeTimeProvider(Start);
        var schema = PostgresServer.NewSchema();
        var stores = Enumerable.Range(0, 3).Select(_ => PostgresServer.NewStore(schema, time)).ToList();
        await stores[0].MigrateAsync();

        var outcomes = await Task.WhenAll(stores.Select(async (store, i) =>
        {
            var lease = await store.TryAcquireLeaseAsync("churn", "instance-" + i, TimeSpan.FromMinutes(1));
            if (lease is null)
            {
                return false;
            }

            var recorded = await store.TryRecordFireKeyAsync(lease, "root|schedule@2026-03-01T08:00:00Z", "run-" + i);
            await store.ReleaseLeaseAsync(lease);
            return recorded;
        }));

        // Whoever gets the lease next sees the key and does not train again.
        foreach (var (store, i) in stores.Select((s, i) => (s, i)))
        {
            var lease = await store.TryAcquireLeaseAsync("churn", "late-" + i, TimeSpan.FromMinutes(1));
            lease.Should().NotBeNull();
            (await store.TryRecordFireKeyAsync(lease!, "root|schedule@2026-03-01T08:00:00Z", "late-run-" + i)).Should().BeFalse();
            await store.ReleaseLeaseAsync(lease!);
        }

        outcomes.Count(o => o).Should().Be(1);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Operations_ServerRestartedBetweenCalls_RetryAndKeepEverything()
    {
        var time = new FakeTimeProvider(Start);
        var schema = PostgresServer.NewSchema();
        await using var store = PostgresServer.NewStore(schema, time);
        var lease = await store.TryAcquireLeaseAsync("churn", "instance-a", TimeSpan.FromHours(1));
        await store.TryRecordFireKeyAsync(lease!, "cause-1", "run-1");
        await store.SaveRunAsync(lease!, Run("run-1", RetrainRunState.Running));
        await store.RecordMetricAsync("churn", "Accuracy", new MetricSample(0.82, Start));

        PostgresServer.Restart();

        await store.SaveRunAsync(lease!, Run("run-1", RetrainRunState.Promoted));
        (await store.GetRunAsync("churn", "run-1"))!.State.Should().Be(RetrainRunState.Promoted);
        (await store.GetFireKeyAsync("churn", "cause-1"))!.RunId.Should().Be("run-1");
        (await store.GetMetricAsync("churn", "Accuracy")).Should().Be(new MetricSample(0.82, Start));
        (await store.TryRecordFireKeyAsync(lease!, "cause-1", "run-2")).Should().BeFalse();
    }

    [Fact]
    public async Task Operations_ServerUnreachable_ThrowPostgreSqlStoreExceptionNamingTheOperation()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Port = 1, Timeout = 1 };
        await using var store = new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { ConnectionString = builder.ConnectionString, Schema = PostgresServer.NewSchema() });

        var act = async () => await store.GetMetricAsync("churn", "Accuracy");

        (await act.Should().ThrowAsync<PostgreSqlStoreException>()).WithMessage("*migrate the schema*");
    }

    [Fact]
    public async Task TriggerState_RoundTripsPerPipeline()
    {
        await using var store = PostgresServer.NewStore(PostgresServer.NewSchema());
        var churn = store.GetTriggerStateStore("churn");
        var fraud = store.GetTriggerStateStore("fraud");

        await churn.SetAsync("root/sustained", "{\"since\":\"2026-03-01T08:00:00+00:00\"}");
        await churn.SetAsync("root/sustained", "{\"since\":\"2026-03-02T08:00:00+00:00\"}");

        (await churn.GetAsync("root/sustained")).Should().Be("{\"since\":\"2026-03-02T08:00:00+00:00\"}");
        (await fraud.GetAsync("root/sustained")).Should().BeNull();
        await churn.RemoveAsync("root/sustained");
        (await churn.GetAsync("root/sustained")).Should().BeNull();
    }

    private static RetrainRun Run(string runId, RetrainRunState state) => new()
    {
        RunId = runId,
        PipelineName = "churn",
        State = state,
        IsManual = false,
        Reason = "test",
        StartedAt = Start,
    };
}
