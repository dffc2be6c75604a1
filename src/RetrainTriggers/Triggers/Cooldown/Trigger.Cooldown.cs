namespace RetrainTriggers;

/// <content>The Cooldown slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Lets <paramref name="trigger"/> fire at most once per <paramref name="period"/>.</summary>
    /// <param name="trigger">The inner trigger.</param>
    /// <param name="period">The minimum time between firings; greater than zero and at most 36 500 days.</param>
    /// <param name="name">The trigger name; default <c>cooldown({inner})</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Cooldown(ITrigger trigger, TimeSpan period, string? name = null) => new CooldownTrigger(trigger, new CooldownOptions { Period = period, Name = name });

    /// <summary>Wraps this trigger in <see cref="Cooldown(ITrigger, TimeSpan, string?)"/>.</summary>
    /// <param name="period">The minimum time between firings; greater than zero and at most 36 500 days.</param>
    /// <param name="name">The modifier's name; default <c>cooldown({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger WithCooldown(TimeSpan period, string? name = null) => new CooldownTrigger(this, new CooldownOptions { Period = period, Name = name });
}
