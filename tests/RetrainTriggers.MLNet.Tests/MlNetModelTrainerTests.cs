using Microsoft.ML;
using RetrainTriggers.Drift;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests;

public class MlNetModelTrainerTests
{
    private static readonly TrainingRequest Request = new(
        "churn", "run-1", "drift on tenure", dataWindowStart: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), dataWindowEnd: new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero));

    private readonly MLContext _loaderContext = new(seed: 3);

    [Fact]
    public async Task TrainAsync_SameRequestAndSeed_ReproducesTheModel()
    {
        var rows = SyntheticData.Binary(1500, SyntheticData.BeforeDrift, seed: 11);
        var trainer = new MlNetModelTrainer((ml, _) => SyntheticData.BinaryPipeline(ml), (_, _) => ValueTask.FromResult(_loaderContext.Data.LoadFromEnumerable(rows)));
        var holdout = _loaderContext.Data.LoadFromEnumerable(SyntheticData.Binary(300, SyntheticData.BeforeDrift, seed: 12));
        var evaluator = new MlNetModelEvaluator(_loaderContext, holdout);

        var first = await trainer.TrainAsync(Request);
        var second = await trainer.TrainAsync(Request);

        var a = await evaluator.EvaluateAsync(first.Model);
        var b = await evaluator.EvaluateAsync(second.Model);
        b.Metrics.Should().Equal(a.Metrics);
        b.RowCorrect.Should().Equal(a.RowCorrect);
        first.TrainingRowCount.Should().Be(1500);
        first.Metrics.Should().BeEmpty("no training metrics were asked for");
        first.ReferenceProfile.Should().BeNull();
        first.ArtifactPath.Should().BeNull();
    }

    [Fact]
    public async Task TrainAsync_PassesTheRequestToLoaderAndFactory()
    {
        TrainingRequest? loaded = null;
        TrainingRequest? built = null;
        var rows = SyntheticData.Binary(500, SyntheticData.BeforeDrift, seed: 11);
        var trainer = new MlNetModelTrainer(
            (ml, request) =>
            {
                built = request;
                return SyntheticData.BinaryPipeline(ml);
            },
            (request, _) =>
            {
                loaded = request;

                // Loads only the rows of the request's window (here: every other row stands in for a time filter).
                return ValueTask.FromResult(_loaderContext.Data.LoadFromEnumerable(rows.Where((_, i) => i % 2 == 0).ToList()));
            });

        var trained = await trainer.TrainAsync(Request);

        loaded.Should().BeSameAs(Request);
        built.Should().BeSameAs(Request);
        trained.TrainingRowCount.Should().Be(250);
    }

    [Fact]
    public async Task TrainAsync_WithTrainingMetricsAndProfileBuilder_ReportsBoth()
    {
        var rows = SyntheticData.Binary(800, SyntheticData.BeforeDrift, seed: 13);
        var options = new MlNetModelTrainerOptions
        {
            Seed = 5,
            TrainingMetrics = new MlNetModelEvaluatorOptions(),
            ReferenceProfileBuilder = (data, request, _) =>
                ValueTask.FromResult<DatasetProfile?>(new DatasetProfile(
                    [NumericFeatureProfile.Build(request.PipelineName, [data.GetRowCount() ?? -1])], [])),
        };
        var trainer = new MlNetModelTrainer((ml, _) => SyntheticData.BinaryPipeline(ml), (_, _) => ValueTask.FromResult(_loaderContext.Data.LoadFromEnumerable(rows)), options);

        var trained = await trainer.TrainAsync(Request);

        trained.Metrics.Keys.Should().BeEquivalentTo(MlNetMetricCatalog.ForTask(MlNetTask.BinaryClassification).Select(m => m.Name));
        trained.Metrics[MlNetMetricNames.Accuracy].Should().BeGreaterThan(0.75);
        trained.ReferenceProfile!.NumericFeatures["churn"].Min.Should().Be(800);
    }

    [Fact]
    public async Task TrainAsync_NoTrainingRows_ThrowsNamingRunAndPipeline()
    {
        var trainer = new MlNetModelTrainer(
            (ml, _) => SyntheticData.BinaryPipeline(ml),
            (_, _) => ValueTask.FromResult(_loaderContext.Data.LoadFromEnumerable(new List<SyntheticData.BinaryRow>())));

        var act = async () => await trainer.TrainAsync(Request);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*run-1*churn*no rows*");
    }

    [Fact]
    public async Task TrainAsync_LoaderReturnsNull_Throws()
    {
        var trainer = new MlNetModelTrainer((ml, _) => SyntheticData.BinaryPipeline(ml), (_, _) => ValueTask.FromResult<IDataView>(null!));

        var act = async () => await trainer.TrainAsync(Request);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*data loader*");
    }

    [Fact]
    public async Task TrainAsync_CancelledBeforehand_ThrowsWithoutLoading()
    {
        var loads = 0;
        var trainer = new MlNetModelTrainer(
            (ml, _) => SyntheticData.BinaryPipeline(ml),
            (_, _) =>
            {
                loads++;
                return ValueTask.FromResult(_loaderContext.Data.LoadFromEnumerable(SyntheticData.Binary(10, SyntheticData.BeforeDrift, 1)));
            });
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = async () => await trainer.TrainAsync(Request, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        loads.Should().Be(0);
    }

    [Fact]
    public async Task TrainAsync_NullRequest_Throws()
    {
        var trainer = new MlNetModelTrainer((ml, _) => SyntheticData.BinaryPipeline(ml), (_, _) => ValueTask.FromResult<IDataView>(null!));

        var act = async () => await trainer.TrainAsync(null!);

        await act.Should().ThrowAsync<ArgumentNullException>().WithParameterName("request");
    }

    [Fact]
    public void Ctor_InvalidArguments_Throw()
    {
        Func<TrainingRequest, CancellationToken, ValueTask<IDataView>> loader = (_, _) => ValueTask.FromResult<IDataView>(null!);
        Func<MLContext, TrainingRequest, IEstimator<ITransformer>> factory = (ml, _) => SyntheticData.BinaryPipeline(ml);

        ((Action)(() => _ = new MlNetModelTrainer(null!, loader))).Should().Throw<ArgumentNullException>().WithParameterName("estimatorFactory");
        ((Action)(() => _ = new MlNetModelTrainer(factory, null!))).Should().Throw<ArgumentNullException>().WithParameterName("dataLoader");
        ((Action)(() => _ = new MlNetModelTrainer(factory, loader, new MlNetModelTrainerOptions { TrainingMetrics = new() { ScoreColumnName = "" } })))
            .Should().Throw<ArgumentException>().WithParameterName("options.ScoreColumnName");
    }
}
