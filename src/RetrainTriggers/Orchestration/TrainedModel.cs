using RetrainTriggers.Drift;

namespace RetrainTriggers.Orchestration;

/// <summary>The result of a training run: the model plus what the registry and the promotion policy need to know about it.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
public sealed class TrainedModel<TModel>
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Creates a trained-model record.</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="trainingRowCount">The number of rows the model was trained on; not negative.</param>
    /// <param name="metrics">Training metrics by name (ordinal names), or <see langword="null"/> for none. Copied.</param>
    /// <param name="artifactPath">Where the trainer stored the model, or <see langword="null"/> when it did not store it.</param>
    /// <param name="referenceProfile">The reference drift profile frozen from the training data (immutable), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainingRowCount"/> is negative.</exception>
    /// <exception cref="ArgumentException">A metric name is empty or whitespace, or <paramref name="artifactPath"/> is empty.</exception>
    public TrainedModel(
        TModel model,
        long trainingRowCount,
        IReadOnlyDictionary<string, double>? metrics = null,
        string? artifactPath = null,
        DatasetProfile? referenceProfile = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(trainingRowCount);
        if (artifactPath is not null && string.IsNullOrWhiteSpace(artifactPath))
        {
            throw new ArgumentException("The artifact path must be null or a non-empty path.", nameof(artifactPath));
        }

        Model = model;
        TrainingRowCount = trainingRowCount;
        Metrics = CopyMetrics(metrics);
        ArtifactPath = artifactPath;
        ReferenceProfile = referenceProfile;
    }

    /// <summary>Gets the trained model.</summary>
    public TModel Model { get; }

    /// <summary>Gets the number of rows the model was trained on.</summary>
    public long TrainingRowCount { get; }

    /// <summary>Gets the training metrics by name (ordinal); empty when the trainer reported none.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Gets where the trainer stored the model, or <see langword="null"/>.</summary>
    public string? ArtifactPath { get; }

    /// <summary>
    /// Gets the reference drift profile frozen from the training data, or <see langword="null"/> when the trainer built none.
    /// After a promotion the pipeline checks drift against the champion's profile.
    /// </summary>
    public DatasetProfile? ReferenceProfile { get; }

    private static IReadOnlyDictionary<string, double> CopyMetrics(IReadOnlyDictionary<string, double>? metrics)
    {
        if (metrics is null || metrics.Count == 0)
        {
            return NoMetrics;
        }

        var copy = new Dictionary<string, double>(metrics.Count, StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Metric names must not be empty or whitespace.", nameof(metrics));
            }

            copy[name] = value;
        }

        return copy;
    }
}
