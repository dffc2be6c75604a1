using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>What a registry stores for a new model version: the trained model, why and how it was trained, and how it scored.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
public sealed class ModelRegistration<TModel>
{
    /// <summary>Creates a registration.</summary>
    /// <param name="trained">The trainer's result: the model, its artifact, training metrics, row count and reference profile.</param>
    /// <param name="request">The training request the model was trained for.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ModelRegistration(TrainedModel<TModel> trained, TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(request);
        Trained = trained;
        Request = request;
    }

    /// <summary>Gets the trainer's result.</summary>
    public TrainedModel<TModel> Trained { get; }

    /// <summary>Gets the training request the model was trained for.</summary>
    public TrainingRequest Request { get; }

    /// <summary>Gets the challenger's metrics on the holdout, or <see langword="null"/> when it was not evaluated.</summary>
    public HoldoutMetrics? Holdout { get; init; }

    /// <summary>Gets the promotion decision made for this version, or <see langword="null"/> when none was made.</summary>
    public PromotionDecision? Decision { get; init; }

    /// <summary>Gets the tags to attach to the version (ordinal keys); empty by default.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
