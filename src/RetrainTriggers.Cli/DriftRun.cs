using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>Everything one drift check produced, for the report writers.</summary>
internal sealed record DriftRun(
    DriftReport Report,
    DatasetProfile Reference,
    DriftWindow Current,
    DriftDetectorOptions Options,
    string ReferenceName,
    string CurrentName);
