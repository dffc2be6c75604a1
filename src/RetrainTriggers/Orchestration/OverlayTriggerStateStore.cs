namespace RetrainTriggers.Orchestration;

/// <summary>Reads trigger state from a real store and keeps writes in memory, so a dry run evaluates stateful triggers without changing their state.</summary>
internal sealed class OverlayTriggerStateStore(ITriggerStateStore inner) : ITriggerStateStore
{
    private readonly Dictionary<string, string?> overlay = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (overlay)
        {
            if (overlay.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return await inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask SetAsync(string key, string state, CancellationToken cancellationToken = default)
    {
        lock (overlay)
        {
            overlay[key] = state;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (overlay)
        {
            overlay[key] = null;
        }

        return ValueTask.CompletedTask;
    }
}
