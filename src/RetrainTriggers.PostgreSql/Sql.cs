namespace RetrainTriggers.PostgreSql;

/// <summary>Every statement of the store, built once from the quoted schema; values are always parameters.</summary>
internal sealed class Sql(string schema)
{
    public string LeaseTokenForShare { get; } = $"select token from {schema}.leases where pipeline = $1 for share";

    public string LeaseEnsureRow { get; } = $"insert into {schema}.leases (pipeline, owner, token, expires_at_ticks) values ($1, null, 0, null) on conflict (pipeline) do nothing";

    public string LeaseForUpdate { get; } = $"select owner, token, expires_at_ticks from {schema}.leases where pipeline = $1 for update";

    public string LeaseTake { get; } = $"update {schema}.leases set owner = $2, token = $3, expires_at_ticks = $4 where pipeline = $1";

    public string LeaseRenew { get; } = $"update {schema}.leases set expires_at_ticks = $3 where pipeline = $1 and token = $2 and owner is not null";

    public string LeaseRelease { get; } = $"update {schema}.leases set owner = null, expires_at_ticks = null where pipeline = $1 and token = $2";

    public string FireKeyInsert { get; } = $"insert into {schema}.fire_keys (pipeline, fire_key, run_id, recorded_at_ticks) values ($1, $2, $3, $4) on conflict (pipeline, fire_key) do nothing";

    public string FireKeyRunId { get; } = $"select run_id from {schema}.fire_keys where pipeline = $1 and fire_key = $2";

    public string FireKeyGet { get; } = $"select run_id, recorded_at_ticks from {schema}.fire_keys where pipeline = $1 and fire_key = $2";

    public string FireKeyDelete { get; } = $"delete from {schema}.fire_keys where pipeline = $1 and fire_key = $2 and run_id = $3";

    public string RunUpsert { get; } =
        $"insert into {schema}.runs (pipeline, run_id, state, started_at_ticks, fire_key, document) values ($1, $2, $3, $4, $5, $6::jsonb) " +
        "on conflict (pipeline, run_id) do update set state = excluded.state, started_at_ticks = excluded.started_at_ticks, fire_key = excluded.fire_key, document = excluded.document";

    public string RunGet { get; } = $"select document::text from {schema}.runs where pipeline = $1 and run_id = $2";

    public string RunQuery { get; } =
        $"select document::text from {schema}.runs where pipeline = $1 and ($2::text[] is null or state = any($2)) " +
        "and ($3::bigint is null or started_at_ticks >= $3) and ($4::bigint is null or started_at_ticks < $4) " +
        "order by started_at_ticks desc, run_id collate \"C\" desc limit $5";

    public string MetricUpsert { get; } =
        $"insert into {schema}.metrics (pipeline, metric, value, recorded_at_ticks, recorded_at_offset_minutes) values ($1, $2, $3, $4, $5) " +
        $"on conflict (pipeline, metric) do update set value = excluded.value, recorded_at_ticks = excluded.recorded_at_ticks, recorded_at_offset_minutes = excluded.recorded_at_offset_minutes " +
        $"where {schema}.metrics.recorded_at_ticks <= excluded.recorded_at_ticks";

    public string MetricGet { get; } = $"select value, recorded_at_ticks, recorded_at_offset_minutes from {schema}.metrics where pipeline = $1 and metric = $2";

    public string LabeledRowsAdd { get; } =
        $"insert into {schema}.labeled_rows (pipeline, total) values ($1, $2) on conflict (pipeline) do update set total = {schema}.labeled_rows.total + excluded.total where {schema}.labeled_rows.total <= 9223372036854775807 - excluded.total returning total";

    public string LabeledRowsGet { get; } = $"select total from {schema}.labeled_rows where pipeline = $1";

    public string DriftUpsert { get; } = $"insert into {schema}.drift (pipeline, scope, document) values ($1, $2, $3::jsonb) on conflict (pipeline, scope) do update set document = excluded.document";

    public string DriftGet { get; } = $"select document::text from {schema}.drift where pipeline = $1 and scope = $2";

    public string StateGet { get; } = $"select value from {schema}.trigger_state where pipeline = $1 and key = $2";

    public string StateUpsert { get; } = $"insert into {schema}.trigger_state (pipeline, key, value) values ($1, $2, $3) on conflict (pipeline, key) do update set value = excluded.value";

    public string StateDelete { get; } = $"delete from {schema}.trigger_state where pipeline = $1 and key = $2";
}
