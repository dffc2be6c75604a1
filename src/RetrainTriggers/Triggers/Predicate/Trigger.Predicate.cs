namespace RetrainTriggers;

/// <content>The Predicate slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires when a host predicate returns <see langword="true"/>; exceptions from the predicate propagate.</summary>
    /// <param name="name">The trigger name (required: a predicate has no stable default).</param>
    /// <param name="predicate">The condition.</param>
    /// <returns>The trigger.</returns>
    public static Trigger When(string name, Func<TriggerContext, CancellationToken, ValueTask<bool>> predicate) =>
        new PredicateTrigger(name, predicate);

    /// <summary>Fires when a synchronous host predicate returns <see langword="true"/>; exceptions from the predicate propagate.</summary>
    /// <param name="name">The trigger name.</param>
    /// <param name="predicate">The condition.</param>
    /// <returns>The trigger.</returns>
    public static Trigger When(string name, Func<TriggerContext, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new PredicateTrigger(name, (context, _) => new ValueTask<bool>(predicate(context)));
    }

    /// <summary>Wraps a host <see cref="ITrigger"/> so it can use the operators and fluent modifiers; the wrapper is transparent (same name, kind, path).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns><paramref name="trigger"/> itself when it is already a <see cref="Trigger"/>, else a transparent wrapper.</returns>
    public static Trigger From(ITrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger as Trigger ?? new WrappedTrigger(trigger);
    }
}
