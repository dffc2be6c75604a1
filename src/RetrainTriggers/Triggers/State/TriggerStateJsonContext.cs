using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetrainTriggers;

/// <summary>Source-generated (AOT-safe) JSON metadata for the state documents of the built-in stateful triggers.</summary>
/// <remarks>A new stateful kind adds its state type here, next to its siblings'.</remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScheduleState))]
[JsonSerializable(typeof(SustainedState))]
[JsonSerializable(typeof(CooldownState))]
[JsonSerializable(typeof(HysteresisState))]
[JsonSerializable(typeof(BreachState))]
internal sealed partial class TriggerStateJsonContext : JsonSerializerContext;
