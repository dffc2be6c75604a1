using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.Orchestration;

/// <summary>Everything one retrain pipeline is made of: its triggers, plug-ins, store and guards. Validated when the pipeline is created.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
public sealed class RetrainPipelineOptions<TModel>
{
    /// <summary>Gets or sets the pipeline name; it keys the store (and names the pipeline's folder in a file store).</summary>
    /// <value>Required: ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the root of the trigger tree, or <see langword="null"/> for a pipeline that only runs by hand.</summary>
    public ITrigger? Trigger { get; set; }

    /// <summary>Gets or sets the host's trainer.</summary>
    /// <value>Required.</value>
    public IModelTrainer<TModel>? Trainer { get; set; }

    /// <summary>Gets or sets the evaluator that scores champion and challenger on the same holdout.</summary>
    /// <value>Required.</value>
    public IModelEvaluator<TModel>? Evaluator { get; set; }

    /// <summary>Gets or sets the promotion policy.</summary>
    /// <value>Required.</value>
    public PromotionPolicy? Policy { get; set; }

    /// <summary>Gets or sets the model registry of this pipeline.</summary>
    /// <value>Required.</value>
    public IModelRegistry<TModel>? Registry { get; set; }

    /// <summary>Gets or sets the store for leases, fire keys, run history, signals and trigger state.</summary>
    /// <value>Required.</value>
    public IRetrainStore? Store { get; set; }

    /// <summary>Gets the data validators run before training, in order; empty skips validation.</summary>
    public IList<IDataValidator> Validators { get; } = [];

    /// <summary>Gets or sets the inspector that summarises the training data for the validators.</summary>
    /// <value>Required when <see cref="Validators"/> is not empty.</value>
    public ITrainingDataInspector? DataInspector { get; set; }

    /// <summary>Gets the notifiers; empty uses a <see cref="LoggingRetrainNotifier"/>.</summary>
    public IList<IRetrainNotifier> Notifiers { get; } = [];

    /// <summary>Gets or sets the window source whose current window is checked against the champion's reference profile, or <see langword="null"/> to use the drift signals recorded through <see cref="PipelineSignals"/>.</summary>
    public IDriftWindowSource? DriftWindows { get; set; }

    /// <summary>Gets or sets the drift detector options used with <see cref="DriftWindows"/>, or <see langword="null"/> for the defaults.</summary>
    public DriftDetectorOptions? DriftDetector { get; set; }

    /// <summary>Gets or sets how far back the training data window reaches from the run's start, or <see langword="null"/> for an open window.</summary>
    /// <value>Defaults to <see langword="null"/>; when set, positive and at most 3650 days.</value>
    public TimeSpan? TrainingWindow { get; set; }

    /// <summary>Gets or sets how long after a run starts no trigger-fired run may start.</summary>
    /// <value>Defaults to 1 hour; from 0 to 3650 days.</value>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long one training attempt may take before it is cancelled and counted as failed.</summary>
    /// <value>Defaults to 2 hours; positive, at most 49 days.</value>
    public TimeSpan TrainingTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets how many times training is attempted before the run fails.</summary>
    /// <value>Defaults to 3; from 1 to 100.</value>
    public int MaxTrainingAttempts { get; set; } = 3;

    /// <summary>Gets or sets the back-off before the second attempt; it doubles for each further attempt, with ±50 % jitter.</summary>
    /// <value>Defaults to 30 seconds; from 0 to 49 days.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest back-off between attempts.</summary>
    /// <value>Defaults to 10 minutes; not below <see cref="RetryDelay"/>, at most 49 days.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets what happens to a run request that arrives during a run.</summary>
    /// <value>Defaults to <see cref="RetrainCollisionPolicy.Skip"/>.</value>
    public RetrainCollisionPolicy CollisionPolicy { get; set; } = RetrainCollisionPolicy.Skip;

    /// <summary>Gets or sets how long the pipeline's store lease lasts; it is renewed while a run is in progress, and a crashed holder's lease lapses after it.</summary>
    /// <value>Defaults to 5 minutes; positive, at most 49 days.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the post-promotion watch, or <see langword="null"/> for none.</summary>
    public PostPromotionWatchOptions? Watch { get; set; }

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory, or <see langword="null"/> for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the meter factory that creates the <c>RetrainTriggers</c> meter, or <see langword="null"/> to create the meter directly.</summary>
    public IMeterFactory? MeterFactory { get; set; }
}
