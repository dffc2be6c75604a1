namespace RetrainTriggers;

/// <summary>Keeps when a breach (a threshold or drift condition that holds) began, so every firing of one breach carries the same cause.</summary>
/// <remarks>
/// State (key = the node's path): the first evaluation of the current breach. A NotFired evaluation ends the breach and
/// removes the state; InsufficientData keeps it (a missing reading says nothing about recovery).
/// </remarks>
internal static class BreachEpisode
{
    /// <summary>Updates the breach state for <paramref name="outcome"/> and returns the cause (<c>{prefix}@{start}</c>) when it fired.</summary>
    public static async ValueTask<string?> TrackAsync(TriggerContext context, TriggerOutcome outcome, string prefix, CancellationToken cancellationToken)
    {
        if (outcome == TriggerOutcome.InsufficientData)
        {
            return null;
        }

        var (stored, note) = await TriggerStateIO.ReadAsync(context, TriggerStateJsonContext.Default.BreachState, cancellationToken).ConfigureAwait(false);
        if (outcome == TriggerOutcome.NotFired)
        {
            if (stored is not null || note is not null)
            {
                await context.StateStore.RemoveAsync(context.Path, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        // The stored start identifies the breach even when it lies in the future (the clock moved back, or another
        // process's clock is ahead): the breach has gone on without a healthy reading, so it is the same episode, and
        // restarting it would give it a new cause and train a second time for it.
        var since = stored?.Since ?? context.Now;
        if (stored?.Since != since)
        {
            await TriggerStateIO.WriteAsync(context, new BreachState { Since = since }, TriggerStateJsonContext.Default.BreachState, cancellationToken).ConfigureAwait(false);
        }

        return prefix + "@" + TriggerFormat.CauseInstant(since);
    }
}
