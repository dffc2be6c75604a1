using System.Text.Json;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.PostgreSql;

/// <summary>The JSON forms of runs and drift signals: the same documents the file store writes, so both stores read each other's exports.</summary>
internal static class RunDocuments
{
    public static string Serialize(RetrainRun run) =>
        JsonSerializer.Serialize(RunDocument.From(run), RetrainStoreJsonContext.Default.RunDocument);

    public static RetrainRun? DeserializeRun(string json) =>
        JsonSerializer.Deserialize(json, RetrainStoreJsonContext.Default.RunDocument)?.ToRun();

    public static string Serialize(DriftSignal signal) =>
        JsonSerializer.Serialize(signal, RetrainStoreJsonContext.Default.DriftSignal);

    public static DriftSignal? DeserializeDrift(string json) =>
        JsonSerializer.Deserialize(json, RetrainStoreJsonContext.Default.DriftSignal);
}
