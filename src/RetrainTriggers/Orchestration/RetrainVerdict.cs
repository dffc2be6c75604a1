namespace RetrainTriggers.Orchestration;

/// <summary>What the pipeline's guards made of a trigger evaluation or a manual request.</summary>
public enum RetrainVerdict
{
    /// <summary>The triggers did not fire; nothing to do.</summary>
    NotFired,

    /// <summary>A run is (or, in a dry run, would be) started.</summary>
    Run,

    /// <summary>The triggers fired, but the pipeline is cooling down after its last run.</summary>
    SuppressedCooldown,

    /// <summary>The triggers fired for a cause that has already started a run (its fire key is recorded).</summary>
    DuplicateCause,

    /// <summary>A run of this pipeline is already in progress (here or in another process) and the request was dropped.</summary>
    SingleFlight,
}
