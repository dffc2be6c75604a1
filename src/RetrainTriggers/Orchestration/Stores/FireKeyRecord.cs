namespace RetrainTriggers.Orchestration;

/// <summary>The ledger entry that a cause has started a run: the fire key, the run it started and when.</summary>
/// <param name="FireKey">The fire key: pipeline name, trigger path and cause identity.</param>
/// <param name="RunId">The run the cause started.</param>
/// <param name="RecordedAt">When the key was recorded (before training started).</param>
public sealed record FireKeyRecord(string FireKey, string RunId, DateTimeOffset RecordedAt);
