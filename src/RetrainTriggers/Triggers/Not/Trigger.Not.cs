namespace RetrainTriggers;

/// <content>The Not slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Negates a trigger with <see cref="Not(ITrigger, string?)"/>.</summary>
    /// <param name="trigger">The trigger to negate.</param>
    /// <returns>A trigger that fires when <paramref name="trigger"/> does not (and keeps <see cref="TriggerOutcome.InsufficientData"/>).</returns>
    public static Trigger operator !(Trigger trigger) => Not(trigger);

    /// <summary>Fires when <paramref name="trigger"/> does not fire; <see cref="TriggerOutcome.InsufficientData"/> stays as it is.</summary>
    /// <param name="trigger">The trigger to negate.</param>
    /// <param name="name">The trigger name; default <c>not({inner})</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Not(ITrigger trigger, string? name = null) => new NotTrigger(trigger, name);
}
