using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RetrainTriggers;

/// <summary>Reads and writes the state document of a <see cref="FileTriggerStateStore"/>.</summary>
/// <remarks>
/// Version 2 (written): <c>{"version":2,"entries":{"root/sustained":{"since":"…"}}}</c>, each state embedded as JSON.
/// Version 1 (still read): the same with each state as a JSON string holding the document.
/// </remarks>
internal static class FileTriggerStateStoreFormat
{
    /// <summary>The version written.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The version that held each state as a JSON string; read, never written.</summary>
    public const int StringEntriesVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Human-facing file: keep '<', '>', '&' and non-ASCII text readable; still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Checks that <paramref name="state"/> is one JSON document that fits the limit.</summary>
    /// <exception cref="ArgumentException">The state is not JSON or is larger than <paramref name="maxStateBytes"/>.</exception>
    public static void ValidateState(string key, string state, int maxStateBytes)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(state);
        if (bytes > maxStateBytes)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The state for '{key}' is {bytes} bytes, larger than FileTriggerStateStoreOptions.MaxStateBytes ({maxStateBytes})."),
                nameof(state));
        }

        try
        {
            using var document = JsonDocument.Parse(state);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The state for '{key}' is not a JSON document ({ex.Message}); trigger state stores hold JSON.", nameof(state), ex);
        }
    }

    /// <summary>Parses a state file's bytes.</summary>
    /// <exception cref="TriggerStateCorruptException">The bytes are not a state document of a supported version.</exception>
    public static Dictionary<string, string> Parse(string filePath, ReadOnlyMemory<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new TriggerStateCorruptException(filePath, "not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TriggerStateCorruptException(filePath, root.ValueKind == JsonValueKind.Null ? "the document is null" : "the document is not a JSON object", null);
            }

            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
            if (version is not (CurrentVersion or StringEntriesVersion))
            {
                throw new TriggerStateCorruptException(
                    filePath,
                    string.Create(CultureInfo.InvariantCulture, $"version {version} is not supported; expected {StringEntriesVersion} or {CurrentVersion}"),
                    null);
            }

            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                throw new TriggerStateCorruptException(filePath, "the 'entries' object is missing", null);
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries.EnumerateObject())
            {
                if (entry.Name.Length == 0 || entry.Value.ValueKind == JsonValueKind.Null)
                {
                    throw new TriggerStateCorruptException(filePath, $"the entry '{entry.Name}' has an empty key or a null value", null);
                }

                if (version == StringEntriesVersion && entry.Value.ValueKind != JsonValueKind.String)
                {
                    throw new TriggerStateCorruptException(filePath, $"the entry '{entry.Name}' is not valid JSON for version 1: its value must be a string", null);
                }

                result[entry.Name] = version == StringEntriesVersion ? entry.Value.GetString()! : entry.Value.GetRawText();
            }

            return result;
        }
    }

    /// <summary>Serialises entries as a version 2 document, keys in ordinal order so the file is stable and diffable.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, string> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartObject("entries");
            foreach (var key in entries.Keys.Order(StringComparer.Ordinal))
            {
                // The original text, so a read returns exactly what was set.
                writer.WritePropertyName(key);
                writer.WriteRawValue(entries[key]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
