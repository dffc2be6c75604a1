namespace RetrainTriggers;

/// <summary>Evaluates and validates the root of a trigger tree; the public entry points are <see cref="Trigger.From(ITrigger)"/> and <see cref="Trigger.EvaluateAsync(TriggerContext, CancellationToken)"/>.</summary>
internal static class TriggerEvaluator
{
    /// <summary>Evaluates <paramref name="root"/>; a root context (empty path) is first positioned at the root, so its path is its name.</summary>
    /// <param name="root">The root trigger.</param>
    /// <param name="context">The context; usually a root context built from the clock, the state store and the sources.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The explainable result of the whole tree.</returns>
    public static async ValueTask<TriggerResult> EvaluateAsync(ITrigger root, TriggerContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var positioned = context.Path.Length == 0 ? context.ForChild(root.Name) : context;
        var result = await root.EvaluateAsync(positioned, cancellationToken).ConfigureAwait(false);
        return result ?? throw new InvalidOperationException($"Trigger '{root.Name}' returned no result.");
    }

    /// <summary>Evaluates <paramref name="root"/> over in-memory signals, reading the clock once for the whole tree.</summary>
    /// <param name="root">The root trigger.</param>
    /// <param name="signals">The metric, volume, history and drift signals.</param>
    /// <param name="stateStore">Where stateful nodes keep their state.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The explainable result of the whole tree.</returns>
    public static ValueTask<TriggerResult> EvaluateAsync(
        ITrigger root, InMemorySignals signals, ITriggerStateStore stateStore, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(signals);
        var context = new TriggerContext(timeProvider, stateStore)
        {
            Metrics = signals,
            DataVolume = signals,
            RetrainHistory = signals,
            Drift = signals,
        };
        return EvaluateAsync(root, context, cancellationToken);
    }

    /// <summary>Checks a tree that contains host triggers: every name non-empty without <c>/</c>, and unique within the tree.</summary>
    /// <param name="root">The root trigger.</param>
    /// <exception cref="ArgumentException">A name is invalid or duplicated; the message names it and both paths.</exception>
    public static void Validate(ITrigger root) => TriggerTree.Validate(root, nameof(root));
}
