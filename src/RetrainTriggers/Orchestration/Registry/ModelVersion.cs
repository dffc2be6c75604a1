using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>The registry's record of one model version: where it came from, how it scored and how it is tagged (not the model itself).</summary>
/// <remarks>The reference profile is kept apart (see <see cref="IModelRegistry{TModel}.LoadReferenceProfileAsync"/>): it can be large.</remarks>
public sealed record ModelVersion
{
    /// <summary>Gets the version number, assigned by the registry: 1 for the first version, then increasing by one.</summary>
    public required int Version { get; init; }

    /// <summary>Gets when the version was registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Gets the name of the pipeline that trained the version.</summary>
    public required string PipelineName { get; init; }

    /// <summary>Gets the id of the run that trained the version.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets why the version was trained.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the inclusive start of the training data window, or <see langword="null"/> when open.</summary>
    public DateTimeOffset? DataWindowStart { get; init; }

    /// <summary>Gets the exclusive end of the training data window, or <see langword="null"/> when open.</summary>
    public DateTimeOffset? DataWindowEnd { get; init; }

    /// <summary>Gets the opaque marker of the newest training data, or <see langword="null"/>.</summary>
    public string? DataWatermark { get; init; }

    /// <summary>Gets the number of rows the version was trained on.</summary>
    public required long TrainingRowCount { get; init; }

    /// <summary>Gets the training metrics by name (ordinal).</summary>
    public required IReadOnlyDictionary<string, double> TrainingMetrics { get; init; }

    /// <summary>Gets the version's metrics on the holdout, or <see langword="null"/> when it was not evaluated.</summary>
    public HoldoutMetrics? Holdout { get; init; }

    /// <summary>Gets the promotion decision made for the version, or <see langword="null"/>.</summary>
    public PromotionDecision? Decision { get; init; }

    /// <summary>Gets where the artifact is stored, or <see langword="null"/> when the registry keeps the model itself.</summary>
    public string? ArtifactPath { get; init; }

    /// <summary>Gets a value indicating whether a reference profile was registered with the version.</summary>
    public required bool HasReferenceProfile { get; init; }

    /// <summary>Gets the version's tags (ordinal keys).</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
