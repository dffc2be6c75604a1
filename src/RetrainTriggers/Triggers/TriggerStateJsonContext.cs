using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RetrainTriggers;

/// <summary>Source-generated (AOT-safe) JSON metadata for the state documents of the built-in stateful triggers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScheduleState))]
[JsonSerializable(typeof(SustainedState))]
[JsonSerializable(typeof(CooldownState))]
[JsonSerializable(typeof(HysteresisState))]
[JsonSerializable(typeof(BreachState))]
internal sealed partial class TriggerStateJsonContext : JsonSerializerContext;

/// <summary>State of a schedule trigger.</summary>
internal sealed class ScheduleState
{
    /// <summary>Gets or sets when the trigger was first evaluated; occurrences at or before it never fire.</summary>
    public DateTimeOffset FirstEvaluatedAt { get; set; }

    /// <summary>Gets or sets when the trigger last fired.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }
}

/// <summary>State of a sustained modifier: the current streak of evaluations on which the inner trigger fired.</summary>
internal sealed class SustainedState
{
    /// <summary>Gets or sets when the current streak began, or null when there is no streak.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Gets or sets how many evaluations in the current streak fired.</summary>
    public int Count { get; set; }
}

/// <summary>State of a cooldown modifier.</summary>
internal sealed class CooldownState
{
    /// <summary>Gets or sets when the modifier last fired.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }
}

/// <summary>State of a hysteresis trigger.</summary>
internal sealed class HysteresisState
{
    /// <summary>Gets or sets a value indicating whether the trigger is active (entered and not yet exited).</summary>
    public bool Active { get; set; }

    /// <summary>Gets or sets when the trigger last entered the active state.</summary>
    public DateTimeOffset? Since { get; set; }
}

/// <summary>State of a threshold or drift trigger: when the current breach began.</summary>
internal sealed class BreachState
{
    /// <summary>Gets or sets the first evaluation of the current breach.</summary>
    public DateTimeOffset? Since { get; set; }
}

/// <summary>Reads and writes the state of one node; a missing value is fresh state, a corrupt one is fresh state plus a note for the reason.</summary>
internal static class TriggerStateIO
{
    /// <summary>Reads the state stored under the node's path.</summary>
    /// <returns>The state (null when none is stored or it was unreadable) and a note describing an unreadable value.</returns>
    public static async ValueTask<(T? State, string? Note)> ReadAsync<T>(TriggerContext context, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var json = await context.StateStore.GetAsync(context.Path, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return (null, null);
        }

        try
        {
            var state = JsonSerializer.Deserialize(json, typeInfo);
            return state is null
                ? (null, $"stored state at '{context.Path}' was empty and was reset")
                : (state, null);
        }
        catch (JsonException ex)
        {
            return (null, $"stored state at '{context.Path}' was unreadable ({ex.Message.Split('.')[0]}) and was reset");
        }
    }

    /// <summary>Writes the state under the node's path.</summary>
    public static ValueTask WriteAsync<T>(TriggerContext context, T state, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        context.StateStore.SetAsync(context.Path, JsonSerializer.Serialize(state, typeInfo), cancellationToken);

    /// <summary>Prefixes <paramref name="reason"/> with a state note, when there is one.</summary>
    public static string WithNote(string? note, string reason) => note is null ? reason : note + "; " + reason;
}
