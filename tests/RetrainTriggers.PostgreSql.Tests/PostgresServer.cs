using Npgsql;

namespace RetrainTriggers.PostgreSql.Tests;

/// <summary>The test server started by <c>.ci/postgres.sh</c>; tests fail (never skip) when it is not there.</summary>
internal static class PostgresServer
{
    public const string ConnectionVariable = "RETRAINTRIGGERS_POSTGRES";
    public const string ControlVariable = "RETRAINTRIGGERS_PGCTL";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set: these tests need a PostgreSQL server. Run `source .ci/postgres.sh` before `dotnet test` (CI does), or set {ConnectionVariable} to an Npgsql connection string.");

    /// <summary>A fresh schema name, so every test works on its own tables.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public static PostgreSqlRetrainStore NewStore(string schema, TimeProvider? time = null, NpgsqlDataSource? dataSource = null) =>
        new(new PostgreSqlRetrainStoreOptions { ConnectionString = ConnectionString, DataSource = dataSource, Schema = schema }, time);

    /// <summary>Restarts the server (fault tests); needs the control script of <c>.ci/postgres.sh</c>.</summary>
    public static void Restart()
    {
        var control = Environment.GetEnvironmentVariable(ControlVariable)
            ?? throw new InvalidOperationException($"{ControlVariable} is not set: the restart test needs the control script of .ci/postgres.sh.");
        using var process = System.Diagnostics.Process.Start(control, "restart");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{control} restart exited with {process.ExitCode}.");
        }

        // Pooled connections of this process died with the server; the tests' own connections start fresh.
        NpgsqlConnection.ClearAllPools();
    }
}
