using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RetrainTriggers;

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
