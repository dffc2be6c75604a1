namespace RetrainTriggers;

/// <summary>State of a threshold or drift trigger: when the current breach began.</summary>
internal sealed class BreachState
{
    /// <summary>Gets or sets the first evaluation of the current breach.</summary>
    public DateTimeOffset? Since { get; set; }
}
