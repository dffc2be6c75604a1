using System.Text.Json;

namespace RetrainTriggers.Drift;

/// <summary>Reads the <c>format</c> and <c>schemaVersion</c> of a versioned document before it is parsed, so a reader refuses other documents and versions with a clear message.</summary>
internal static class DocumentHeader
{
    /// <summary>Reads the top-level <c>format</c> and <c>schemaVersion</c> (null when absent); <paramref name="what"/> names the document in errors.</summary>
    public static (string? Format, int? Version) Read(ReadOnlySpan<byte> utf8Json, string what)
    {
        string? format = null;
        int? version = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException($"The {what} document is corrupt: it is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                reader.Read();
                if (property == "format" && reader.TokenType == JsonTokenType.String)
                {
                    format = reader.GetString();
                }
                else if (property == "schemaVersion" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v))
                {
                    version = v;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The {what} document is corrupt: {ex.Message}", ex);
        }

        return (format, version);
    }
}
