using Microsoft.ML;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.MLNet;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Cli.Demo;

/// <summary>Runs the retrain loop over the simulated weeks: a real ML.NET champion, the file-system registry and run store in one folder, one pipeline tick a day.</summary>
internal sealed class DemoSimulation
{
    public const string PipelineName = "churn";
    public const double AccuracyFloor = 0.75;
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Cooldown = TimeSpan.FromDays(4);
    public static readonly PostPromotionWatchOptions WatchOptions = NewWatch();

    private readonly int seed;
    private readonly string folder;
    private readonly ManualClock clock = new(Start.AddDays(1));
    private readonly MLContext ml;
    private readonly DemoWorld world;
    private readonly DemoWindowSource windows = new();
    private readonly Dictionary<int, ITransformer> models = [];
    private IDataView? holdout;
    private int trainingDay;

    public DemoSimulation(int seed, string folder)
    {
        this.seed = seed;
        this.folder = folder;
        ml = new MLContext(seed);
        world = new DemoWorld(seed);
    }

    /// <summary>Gets the drift rules: a numeric feature drifts when KS is significant and at least 0.1, or PSI ≥ 0.2; the dataset when one feature in five does.</summary>
    public static DriftDetectorOptions DriftOptions() => new()
    {
        Rules = new FeatureDriftRules { KolmogorovSmirnovMinimumEffect = 0.1, CategoricalStatistics = CategoricalStatistics.Psi | CategoricalStatistics.JensenShannon },
        DriftShareThreshold = 0.2,
    };

    public static PromotionPolicy Policy() => PromotionPolicy.CreateBuilder()
        .UseCatalog(MlNetMetricCatalog.Catalog)
        .MinimumSampleSize(400)
        .ValueThreshold(MlNetMetricNames.Accuracy, lowerBound: AccuracyFloor)
        .Change(MlNetMetricNames.Accuracy, absolute: 0.02, comparison: ThresholdComparison.Strict)
        .McNemar(alpha: 0.05)
        .Build();

    public static ITrigger Trigger() => RetrainTriggers.Trigger.Any(
        [
            RetrainTriggers.Trigger.Below(MlNetMetricNames.Accuracy, AccuracyFloor, "accuracy-low"),
            RetrainTriggers.Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift, Name = "data-drift" }),
        ],
        name: "retrain-when");

    /// <summary>Trains the first champion on the history, then runs one tick at the end of every simulated day.</summary>
    public async Task<DemoTimeline> RunAsync(CancellationToken cancellationToken)
    {
        var registry = new FileSystemModelRegistry(Path.Combine(folder, "registry"), ml, new FileSystemModelRegistryOptions { TimeProvider = clock, Actor = "retrain-triggers demo" });
        var options = new RetrainPipelineOptions<ITransformer>
        {
            Name = PipelineName,
            Trigger = Trigger(),
            Trainer = NewTrainer(),
            Evaluator = new DemoEvaluator(ml, () => holdout),
            Policy = Policy(),
            Registry = registry,
            Store = new FileRetrainStore(Path.Combine(folder, "runs"), clock),
            DriftWindows = windows,
            DriftDetector = DriftOptions(),
            TrainingWindow = TimeSpan.FromDays(1),
            Cooldown = Cooldown,
            Watch = WatchOptions,
            TimeProvider = clock,
        };

        using var pipeline = new RetrainPipeline<ITransformer>(options);
        var initial = await pipeline.RetrainNowAsync($"first model, trained on {DemoWorld.HistoryRows} rows of history", cancellationToken: cancellationToken).ConfigureAwait(false);
        var days = new List<DemoDay>(DemoWorld.Days);
        for (var day = 1; day <= DemoWorld.Days; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            days.Add(await SimulateDayAsync(pipeline, registry, day, cancellationToken).ConfigureAwait(false));
        }

        var runs = await pipeline.GetRunsAsync(new RetrainRunQuery { Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        var champion = await registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        return new DemoTimeline(seed, initial, days, [.. runs.Reverse()], champion?.Version);
    }

    private async Task<DemoDay> SimulateDayAsync(RetrainPipeline<ITransformer> pipeline, FileSystemModelRegistry registry, int day, CancellationToken cancellationToken)
    {
        // The day's traffic was served by the champion; its labels are in, so the host measures live accuracy and records it.
        var rows = world.Traffic(day);
        var view = ml.Data.LoadFromEnumerable(rows);
        var serving = await registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        double? accuracy = null;
        if (serving is not null)
        {
            accuracy = DemoModel.Accuracy(ml, await ModelAsync(registry, serving.Version, cancellationToken).ConfigureAwait(false), view);
            await pipeline.Signals.RecordMetricAsync(MlNetMetricNames.Accuracy, accuracy.Value, cancellationToken).ConfigureAwait(false);
        }

        await pipeline.Signals.AddLabeledRowsAsync(rows.Count, cancellationToken).ConfigureAwait(false);
        var window = view.ToDriftWindow(DemoModel.FeatureColumns);
        windows.Current = window;

        // The watch first: a bad promotion is rolled back before the triggers look at today's data.
        var rolledBack = await pipeline.CheckWatchAsync(cancellationToken).ConfigureAwait(false);
        var champion = await registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        DriftRun? drift = null;
        if (champion is not null && await registry.LoadReferenceProfileAsync(champion.Version, cancellationToken).ConfigureAwait(false) is { } profile)
        {
            var driftOptions = DriftOptions();
            var report = new DriftDetector(profile, driftOptions, clock).Detect(window, cancellationToken);
            drift = new DriftRun(report, profile, window, driftOptions, $"version {champion.Version}'s training data", $"day {day}'s traffic");
        }

        trainingDay = day;
        var tick = await pipeline.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        var after = await registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        return new DemoDay
        {
            Day = day,
            At = clock.GetUtcNow(),
            Regime = DemoWorld.RegimeOn(day),
            Rows = rows.Count,
            ServingVersion = serving?.Version,
            Accuracy = accuracy,
            Drift = drift,
            RolledBack = rolledBack,
            Tick = tick,
            ChampionAfter = after?.Version,
        };
    }

    private MlNetModelTrainer NewTrainer() => new(
        (context, _) => DemoModel.Estimator(context),
        (request, _) =>
        {
            // The request's window is the last day of traffic; three rows in four train, the fourth is the holdout.
            var rows = world.Traffic(trainingDay);
            holdout = ml.Data.LoadFromEnumerable(rows.Where((_, i) => i % 4 == 3).ToArray());
            return ValueTask.FromResult(ml.Data.LoadFromEnumerable(rows.Where((_, i) => i % 4 != 3).ToArray()));
        },
        new MlNetModelTrainerOptions
        {
            Seed = seed,
            ReferenceProfileBuilder = (data, _, _) => ValueTask.FromResult<DatasetProfile?>(data.ToDatasetProfile(null, DemoModel.FeatureColumns)),
        });

    private async ValueTask<ITransformer> ModelAsync(FileSystemModelRegistry registry, int version, CancellationToken cancellationToken)
    {
        if (!models.TryGetValue(version, out var model))
        {
            model = await ((IModelRegistry<ITransformer>)registry).LoadAsync(version, cancellationToken).ConfigureAwait(false);
            models[version] = model;
        }

        return model;
    }

    private static PostPromotionWatchOptions NewWatch()
    {
        var watch = new PostPromotionWatchOptions { Window = TimeSpan.FromDays(5), MaxDegradation = 0.05 };
        watch.Metrics.Add(MlNetMetricNames.Accuracy);
        return watch;
    }
}
