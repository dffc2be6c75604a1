namespace RetrainTriggers.Orchestration;

/// <summary>What a pipeline does with a run request that arrives while one of its runs is in progress.</summary>
public enum RetrainCollisionPolicy
{
    /// <summary>Drop the request; it is reported as suppressed by single flight.</summary>
    Skip,

    /// <summary>Let one request wait for the current run to end and then go through every guard again (so a request for the same cause ends as a duplicate); further requests are dropped.</summary>
    QueueOne,
}
