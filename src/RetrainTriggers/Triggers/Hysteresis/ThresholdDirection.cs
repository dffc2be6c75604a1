namespace RetrainTriggers;

/// <summary>Which side of a threshold is the bad side for a hysteresis trigger.</summary>
public enum ThresholdDirection
{
    /// <summary>Low values are bad (accuracy): enter below the enter threshold.</summary>
    Below = 0,

    /// <summary>High values are bad (error rate, latency): enter above the enter threshold.</summary>
    Above = 1,
}
