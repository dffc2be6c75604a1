namespace RetrainTriggers;

/// <content>The Hysteresis slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires with enter/exit thresholds on a metric so a value wobbling around one line does not flap.</summary>
    /// <param name="options">The metric, direction and thresholds.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The metric is empty or the thresholds are in the wrong order for the direction.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is NaN or infinite, or a baseline factor is not positive.</exception>
    public static Trigger Hysteresis(HysteresisOptions options) => new HysteresisTrigger(options);
}
