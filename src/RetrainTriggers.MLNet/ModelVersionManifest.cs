using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet;

/// <summary>What the registry recorded about one model version: where it came from, on which data, with which metrics.</summary>
public sealed class ModelVersionManifest
{
    internal ModelVersionManifest(
        int version,
        DateTimeOffset createdAt,
        TrainingRequest request,
        long trainingRowCount,
        IReadOnlyDictionary<string, double> metrics,
        bool hasReferenceProfile,
        string modelPath,
        string modelSha256)
    {
        Version = version;
        CreatedAt = createdAt;
        Request = request;
        TrainingRowCount = trainingRowCount;
        Metrics = metrics;
        HasReferenceProfile = hasReferenceProfile;
        ModelPath = modelPath;
        ModelSha256 = modelSha256;
    }

    /// <summary>Gets the version number (1, 2, ...; never reused).</summary>
    public int Version { get; }

    /// <summary>Gets when the version was registered (from the registry's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the training request the model came from: pipeline, run id, reason, data window and watermark.</summary>
    public TrainingRequest Request { get; }

    /// <summary>Gets the number of training rows.</summary>
    public long TrainingRowCount { get; }

    /// <summary>Gets the metrics recorded with the model, by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Gets a value indicating whether a reference drift profile was registered with the version (load it with <see cref="FileSystemModelRegistry.LoadReferenceProfileAsync"/>).</summary>
    public bool HasReferenceProfile { get; }

    /// <summary>Gets the full path of the saved model zip.</summary>
    public string ModelPath { get; }

    /// <summary>Gets the SHA-256 of the model zip (lower-case hex), checked when the model is loaded.</summary>
    public string ModelSha256 { get; }
}
