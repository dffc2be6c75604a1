using RetrainTriggers.Drift;
using Microsoft.ML;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet;

/// <summary>Configures <see cref="MlNetModelTrainer"/>: the seed and what to record about each trained model.</summary>
public sealed class MlNetModelTrainerOptions
{
    /// <summary>Gets or sets the seed of the <see cref="MLContext"/> created for every run, so the same request on the same data gives the same model.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; set; }

    /// <summary>
    /// Gets or sets how to compute training metrics on the training data, or <see langword="null"/> to report none.
    /// The metrics are in-sample: useful as a record and a sanity bound, never as the promotion evidence (that is
    /// the holdout evaluation's job).
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public MlNetModelEvaluatorOptions? TrainingMetrics { get; set; }

    /// <summary>
    /// Gets or sets a builder of the reference drift profile from the training data, or
    /// <see langword="null"/> when no profile is built. It runs after training, with the same data view.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public Func<IDataView, TrainingRequest, CancellationToken, ValueTask<DatasetProfile?>>? ReferenceProfileBuilder { get; set; }
}
