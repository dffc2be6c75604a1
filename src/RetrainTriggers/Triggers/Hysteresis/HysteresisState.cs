namespace RetrainTriggers;

/// <summary>State of a hysteresis trigger.</summary>
internal sealed class HysteresisState
{
    /// <summary>Gets or sets a value indicating whether the trigger is active (entered and not yet exited).</summary>
    public bool Active { get; set; }

    /// <summary>Gets or sets when the trigger last entered the active state.</summary>
    public DateTimeOffset? Since { get; set; }
}
