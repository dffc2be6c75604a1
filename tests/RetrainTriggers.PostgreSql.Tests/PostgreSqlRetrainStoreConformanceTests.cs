using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration.Stores;

namespace RetrainTriggers.PostgreSql.Tests;

/// <summary>The store contract every <see cref="IRetrainStore"/> passes, run against PostgreSQL; each test gets a schema of its own.</summary>
public sealed class PostgreSqlRetrainStoreConformanceTests : RetrainStoreConformanceTests
{
    private readonly string schema = PostgresServer.NewSchema();

    protected override IRetrainStore CreateStore() => PostgresServer.NewStore(schema, Time);

    // Another instance on the same database and schema, with its own connection pool: what a second process sees.
    protected override IRetrainStore Reopen(IRetrainStore store) => PostgresServer.NewStore(schema, Time);
}
