namespace RetrainTriggers;

/// <summary>State of a cooldown modifier.</summary>
internal sealed class CooldownState
{
    /// <summary>Gets or sets when the modifier last fired.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }
}
