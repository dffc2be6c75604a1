using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RetrainTriggers.Drift;

/// <summary>Reads the <c>format</c> and <c>schemaVersion</c> of a versioned document before it is parsed, so a reader refuses other documents and versions with a clear message.</summary>
internal static class DocumentHeader
{
    /// <summary>
    /// Checks the document's <c>format</c> and <c>schemaVersion</c>, then deserializes it; every failure is an
    /// <see cref="InvalidDataException"/> that names <paramref name="what"/> (<c>dataset profile</c>).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON document (its size already checked).</param>
    /// <param name="type">The document's generated type information.</param>
    /// <param name="what">The document's name in messages.</param>
    /// <param name="format">The <c>format</c> value the document must carry.</param>
    /// <param name="oldestVersion">The oldest schema version read.</param>
    /// <param name="currentVersion">The schema version written, the newest read.</param>
    /// <returns>The document.</returns>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type, string what, string format, int oldestVersion, int currentVersion)
        where T : class
    {
        var (found, version) = Read(utf8Json, what);
        if (!string.Equals(found, format, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The document is not a {what}: 'format' is {(found is null ? "missing" : "'" + found + "'")}, expected '{format}'.");
        }

        if (version is not { } v || v < oldestVersion || v > currentVersion)
        {
            var read = oldestVersion == currentVersion ? $"version {currentVersion}" : $"versions {oldestVersion} to {currentVersion}";
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Unsupported {what} schema version {(version is null ? "(missing)" : version.Value.ToString(CultureInfo.InvariantCulture))}: this library reads {read}."));
        }

        try
        {
            // The header check has seen a JSON object, so the document is never null.
            return JsonSerializer.Deserialize(utf8Json, type)!;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The {what} document is corrupt: {ex.Message}", ex);
        }
    }

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
