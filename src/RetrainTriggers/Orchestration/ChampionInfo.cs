namespace RetrainTriggers.Orchestration;

/// <summary>What the loop knows about the champion in service: its version, when it went into service, and the run that trained it.</summary>
internal sealed record ChampionInfo(ModelVersion Version, DateTimeOffset InServiceSince, long? LabeledRowMark)
{
    /// <summary>The last-retrain facts triggers measure against.</summary>
    public RetrainRecord ToRecord() => new(
        InServiceSince,
        Version.TrainingRowCount,
        Version.Holdout?.Metrics ?? new Dictionary<string, double>(StringComparer.Ordinal));
}
