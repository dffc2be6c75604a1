namespace RetrainTriggers.Drift.Streaming;

/// <summary>What a streaming concept-drift detector concluded after its latest value.</summary>
public enum ConceptDriftLevel
{
    /// <summary>No change detected.</summary>
    None = 0,

    /// <summary>The stream is in a warning zone: a change may be under way (only detectors with a warning zone report it).</summary>
    Warning = 1,

    /// <summary>A change was detected on this value.</summary>
    Drift = 2,
}
