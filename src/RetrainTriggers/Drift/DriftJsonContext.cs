using System.Text.Json.Serialization;

namespace RetrainTriggers.Drift;

/// <summary>Source-generated (AOT-safe) JSON metadata for profiles and reports.</summary>
/// <remarks>
/// System.Text.Json writes doubles in their shortest round-trippable form and parses them exactly, independent of
/// culture, so a profile read back holds bit-identical values.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(DatasetProfileDocument))]
[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(WindowAccumulatorDocument))]
internal sealed partial class DriftJsonContext : JsonSerializerContext;
