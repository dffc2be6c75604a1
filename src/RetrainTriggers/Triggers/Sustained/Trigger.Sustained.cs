namespace RetrainTriggers;

/// <content>The Sustained slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires only when <paramref name="trigger"/> has kept firing for a duration and/or a number of consecutive evaluations.</summary>
    /// <param name="trigger">The inner trigger.</param>
    /// <param name="options">The duration and/or evaluation count.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither duration nor count is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive or the count is below 1.</exception>
    public static Trigger Sustained(ITrigger trigger, SustainedOptions options) => new SustainedTrigger(trigger, options);

    /// <summary>Wraps this trigger in <see cref="Sustained(ITrigger, SustainedOptions)"/> with a duration.</summary>
    /// <param name="duration">How long it must keep firing; greater than zero.</param>
    /// <param name="name">The modifier's name; default <c>sustained({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger SustainedFor(TimeSpan duration, string? name = null) =>
        new SustainedTrigger(this, new SustainedOptions { Duration = duration, Name = name });

    /// <summary>Wraps this trigger in <see cref="Sustained(ITrigger, SustainedOptions)"/> with a count of consecutive evaluations.</summary>
    /// <param name="evaluations">How many consecutive evaluations must fire; at least 1.</param>
    /// <param name="name">The modifier's name; default <c>sustained({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger SustainedFor(int evaluations, string? name = null) =>
        new SustainedTrigger(this, new SustainedOptions { Evaluations = evaluations, Name = name });
}
