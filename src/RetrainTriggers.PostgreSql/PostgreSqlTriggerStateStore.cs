namespace RetrainTriggers.PostgreSql;

/// <summary>The trigger state of one pipeline, kept in the store's <c>trigger_state</c> table; each write is one upsert, atomic and durable.</summary>
internal sealed class PostgreSqlTriggerStateStore(PostgreSqlRetrainStore store, string pipelineName) : ITriggerStateStore
{
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) => store.GetStateAsync(pipelineName, key, cancellationToken);

    public ValueTask SetAsync(string key, string state, CancellationToken cancellationToken = default) => store.SetStateAsync(pipelineName, key, state, cancellationToken);

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => store.RemoveStateAsync(pipelineName, key, cancellationToken);
}
