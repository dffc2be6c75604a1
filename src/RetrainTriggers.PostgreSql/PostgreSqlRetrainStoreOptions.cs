using Npgsql;

namespace RetrainTriggers.PostgreSql;

/// <summary>Settings of a <see cref="PostgreSqlRetrainStore"/>: where the database is and which schema holds the tables.</summary>
public sealed class PostgreSqlRetrainStoreOptions
{
    /// <summary>The schema used when none is set.</summary>
    public const string DefaultSchema = "retrain_triggers";

    /// <summary>Gets or sets the Npgsql connection string; ignored when <see cref="DataSource"/> is set.</summary>
    /// <value>No default: set this or <see cref="DataSource"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the data source to open connections from (for example one configured with Npgsql's OpenTelemetry tracing).</summary>
    /// <value>No default. The store does not dispose a data source it was given.</value>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>Gets or sets the schema that holds the store's tables; created and migrated on first use.</summary>
    /// <value>Default <c>retrain_triggers</c>. 1 to 63 characters: lower-case ASCII letters, digits and <c>_</c>, not starting with a digit.</value>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Gets or sets how long one database command may run.</summary>
    /// <value>Default 30 seconds; from 1 second to 1 hour.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest run document (JSON) the store writes or reads.</summary>
    /// <value>Default 16 MiB; from 1 KiB to 1 GiB.</value>
    public int MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Appends every problem of these options to <paramref name="errors"/>, each prefixed with <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path of these options, e.g. <c>RetrainTriggers:PostgreSql</c>.</param>
    /// <param name="errors">Receives one message per problem.</param>
    public void Validate(string path, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = path.Length == 0 ? string.Empty : path + ":";
        if (DataSource is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add(prefix + "ConnectionString is required (or give an NpgsqlDataSource)");
        }

        if (!SchemaName.IsValid(Schema))
        {
            errors.Add(prefix + "Schema '" + Schema + "' is not allowed; expected 1 to 63 characters of a-z, 0-9 and _, not starting with a digit");
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > TimeSpan.FromHours(1))
        {
            errors.Add(prefix + "CommandTimeout must be between 00:00:01 and 01:00:00");
        }

        if (MaxDocumentBytes < 1024 || MaxDocumentBytes > 1024 * 1024 * 1024)
        {
            errors.Add(prefix + "MaxDocumentBytes must be between 1024 and 1073741824");
        }
    }
}
