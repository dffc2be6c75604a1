namespace RetrainTriggers.Orchestration;

/// <summary>What a <see cref="RetrainNotification"/> reports.</summary>
public enum RetrainNotificationKind
{
    /// <summary>A challenger was promoted to champion.</summary>
    Promoted,

    /// <summary>The promotion policy rejected the challenger; the champion stays.</summary>
    Rejected,

    /// <summary>The training data failed validation; nothing was trained.</summary>
    ValidationFailed,

    /// <summary>Training, evaluation or registration failed after every allowed attempt.</summary>
    Failed,

    /// <summary>A promoted champion degraded during its watch window and the previous champion was restored.</summary>
    RolledBack,

    /// <summary>A run was found cut off by a crash and marked interrupted.</summary>
    Interrupted,

    /// <summary>A run was cancelled (for example at shutdown).</summary>
    Cancelled,
}
