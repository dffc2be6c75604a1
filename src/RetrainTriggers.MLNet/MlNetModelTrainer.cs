using RetrainTriggers.Drift;
using Microsoft.ML;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet;

/// <summary>Adapts an ML.NET estimator factory and a data loader to the <see cref="IModelTrainer{TModel}"/> plug-in of the retrain loop.</summary>
/// <remarks>
/// Every run creates a fresh <see cref="MLContext"/> seeded with <see cref="MlNetModelTrainerOptions.Seed"/>, so
/// runs do not share random state and the same request on the same data reproduces the same model. The data
/// loader is called once per run with the request, so it can read exactly the request's data window.
/// </remarks>
public sealed class MlNetModelTrainer : IModelTrainer<ITransformer>
{
    private readonly Func<MLContext, TrainingRequest, IEstimator<ITransformer>> _estimatorFactory;
    private readonly Func<TrainingRequest, CancellationToken, ValueTask<IDataView>> _dataLoader;
    private readonly int _seed;
    private readonly MlNetModelEvaluatorOptions? _trainingMetrics;
    private readonly Func<IDataView, TrainingRequest, CancellationToken, ValueTask<DatasetProfile?>>? _profileBuilder;

    /// <summary>Creates a trainer.</summary>
    /// <param name="estimatorFactory">Builds the (untrained) pipeline for a run, from the run's context and request.</param>
    /// <param name="dataLoader">Loads the training data for a request (its data window or watermark).</param>
    /// <param name="options">The seed and what to record; <see langword="null"/> uses the defaults. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="estimatorFactory"/> or <paramref name="dataLoader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The training-metrics options are invalid (the message names the option).</exception>
    public MlNetModelTrainer(
        Func<MLContext, TrainingRequest, IEstimator<ITransformer>> estimatorFactory,
        Func<TrainingRequest, CancellationToken, ValueTask<IDataView>> dataLoader,
        MlNetModelTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(estimatorFactory);
        ArgumentNullException.ThrowIfNull(dataLoader);
        options ??= new MlNetModelTrainerOptions();
        _trainingMetrics = options.TrainingMetrics?.Clone();
        _trainingMetrics?.Validate();
        _estimatorFactory = estimatorFactory;
        _dataLoader = dataLoader;
        _seed = options.Seed;
        _profileBuilder = options.ReferenceProfileBuilder;
    }

    /// <summary>Loads the request's data, fits the pipeline and reports the model with its row count, training metrics and reference profile.</summary>
    /// <param name="request">What to train and on which data.</param>
    /// <param name="cancellationToken">Cancels loading, row counting, training metrics and profile building; ML.NET offers no public way to interrupt <c>Fit</c> itself, so a fit in progress finishes first.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The data loader or estimator factory returned <see langword="null"/>, or the training data has no rows.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<TrainedModel<ITransformer>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var data = await _dataLoader(request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The data loader returned no data view for run '{request.RunId}'.");
        var rowCount = CountRows(data, cancellationToken);
        if (rowCount == 0)
        {
            throw new InvalidOperationException(
                $"The training data for run '{request.RunId}' of pipeline '{request.PipelineName}' has no rows.");
        }

        var mlContext = new MLContext(_seed);
        var estimator = _estimatorFactory(mlContext, request)
            ?? throw new InvalidOperationException($"The estimator factory returned no estimator for run '{request.RunId}'.");

        // ML.NET exposes no public way to interrupt Fit, so cancellation is honoured before and after it.
        cancellationToken.ThrowIfCancellationRequested();
        var model = estimator.Fit(data);
        cancellationToken.ThrowIfCancellationRequested();

        IReadOnlyDictionary<string, double>? metrics = null;
        if (_trainingMetrics is not null)
        {
            var evaluator = new MlNetModelEvaluator(mlContext, data, _trainingMetrics);
            metrics = (await evaluator.EvaluateAsync(model, cancellationToken).ConfigureAwait(false)).Metrics;
        }

        var profile = _profileBuilder is null
            ? null
            : await _profileBuilder(data, request, cancellationToken).ConfigureAwait(false);

        return new TrainedModel<ITransformer>(model, rowCount, metrics, artifactPath: null, referenceProfile: profile);
    }

    private static long CountRows(IDataView data, CancellationToken cancellationToken)
    {
        if (data.GetRowCount() is { } known)
        {
            return known;
        }

        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return count;
    }
}
