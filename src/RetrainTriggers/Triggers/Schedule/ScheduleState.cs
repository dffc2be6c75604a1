namespace RetrainTriggers;

/// <summary>State of a schedule trigger.</summary>
internal sealed class ScheduleState
{
    /// <summary>Gets or sets when the trigger was first evaluated; occurrences at or before it never fire.</summary>
    public DateTimeOffset FirstEvaluatedAt { get; set; }

    /// <summary>Gets or sets when the trigger last fired.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }
}
