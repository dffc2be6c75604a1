using System.Text;

namespace RetrainTriggers.PostgreSql;

public sealed partial class PostgreSqlRetrainStore
{
    internal async ValueTask<string?> GetStateAsync(string pipelineName, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var value = await RunAsync(
            "read trigger state '" + key + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.StateGet);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(key));
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            },
            cancellationToken).ConfigureAwait(false);
        if (value is not null && Encoding.UTF8.GetByteCount(value) > maxDocumentBytes)
        {
            throw new InvalidDataException($"Trigger state '{key}' of pipeline '{pipelineName}' in schema \"{Schema}\" is larger than MaxDocumentBytes ({maxDocumentBytes} bytes).");
        }

        return value;
    }

    internal async ValueTask SetStateAsync(string pipelineName, string key, string state, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(state);
        if (Encoding.UTF8.GetByteCount(state) > maxDocumentBytes)
        {
            throw new ArgumentException($"Trigger state '{key}' is larger than MaxDocumentBytes ({maxDocumentBytes} bytes); it was not saved.", nameof(state));
        }

        await RunAsync(
            "write trigger state '" + key + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.StateUpsert);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(key));
                command.Parameters.Add(Text(state));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask RemoveStateAsync(string pipelineName, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await RunAsync(
            "remove trigger state '" + key + "' of pipeline '" + pipelineName + "'",
            repeatable: true,
            async (connection, ct) =>
            {
                using var command = Command(connection, null, sql.StateDelete);
                command.Parameters.Add(Text(pipelineName));
                command.Parameters.Add(Text(key));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
