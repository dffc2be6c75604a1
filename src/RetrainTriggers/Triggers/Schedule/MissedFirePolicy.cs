namespace RetrainTriggers;

/// <summary>What a schedule trigger does with occurrences that passed while nothing evaluated it (downtime).</summary>
public enum MissedFirePolicy
{
    /// <summary>Fire once for all missed occurrences, however many there were.</summary>
    FireOnce = 0,

    /// <summary>Fire only when the latest due occurrence is within the grace period; older ones are skipped.</summary>
    Skip = 1,
}
