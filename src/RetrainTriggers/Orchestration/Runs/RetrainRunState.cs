namespace RetrainTriggers.Orchestration;

/// <summary>Where a retrain run is, or how it ended.</summary>
public enum RetrainRunState
{
    /// <summary>The run is in progress (the only non-final state).</summary>
    Running,

    /// <summary>The challenger was registered and became champion.</summary>
    Promoted,

    /// <summary>The promotion policy rejected the challenger; it is registered, the champion stays.</summary>
    Rejected,

    /// <summary>The training data failed validation; nothing was trained.</summary>
    ValidationFailed,

    /// <summary>A stage failed (training after every attempt, evaluation, registration or promotion); the champion stays.</summary>
    Failed,

    /// <summary>The run was cancelled; the champion stays.</summary>
    Cancelled,

    /// <summary>The challenger was promoted, degraded during its watch window, and the previous champion was restored.</summary>
    RolledBack,

    /// <summary>The run was cut off (the process died) and was found and closed by a later start; it is never resumed or repeated.</summary>
    Interrupted,
}
