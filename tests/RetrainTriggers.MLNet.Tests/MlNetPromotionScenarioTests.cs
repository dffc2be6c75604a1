using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using RetrainTriggers.Evaluation;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;
using Xunit.Abstractions;

namespace RetrainTriggers.MLNet.Tests;

/// <summary>
/// End to end with real ML.NET models: train a champion, let the world drift (or not), retrain, evaluate both on
/// the same holdout under a promotion policy, and promote (or keep the champion) in the file-system registry.
/// </summary>
public sealed class MlNetPromotionScenarioTests : IDisposable
{
    private const int TrainingRows = 3000;
    private const int HoldoutRows = 2000;
    private static readonly DateTimeOffset DriftStart = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly MLContext _mlContext = new(seed: 42);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero));
    private readonly ITestOutputHelper _output;

    public MlNetPromotionScenarioTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DriftedData_RetrainedChallengerBeatsStaleChampion_IsPromotedAndRegistryFollows()
    {
        var registry = NewRegistry();
        var trainer = NewTrainer(afterDrift => afterDrift ? SyntheticData.AfterDrift : SyntheticData.BeforeDrift, seedOffset: 0);
        await TrainAndPromoteFirstChampion(registry, trainer);

        // The concept drifts; the holdout is recent data, after the drift.
        _time.Advance(TimeSpan.FromDays(21));
        var holdout = _mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(HoldoutRows, SyntheticData.AfterDrift, seed: 303));
        var challengerRequest = new TrainingRequest("churn", "run-2", "drift on features 0 and 3", DriftStart, DriftStart.AddDays(7));
        var challenger = await trainer.TrainAsync(challengerRequest);
        var champion = (await registry.LoadChampionAsync())!;

        var decision = await NewEvaluator(holdout).EvaluateAsync(champion.Model, challenger.Model);
        _output.WriteLine(decision.Summary);

        decision.IsPromoted.Should().BeTrue(decision.Summary);
        decision.Rules.Should().OnlyContain(r => r.Status == RuleStatus.Passed);
        decision.ChampionMetrics![MlNetMetricNames.Accuracy].Should().BeLessThan(0.7, "the stale champion learned the old concept and now misses the policy minimum");
        decision.ChallengerMetrics[MlNetMetricNames.Accuracy].Should().BeGreaterThan(0.8);
        decision.Rules.Single(r => r.Kind == RuleKind.McNemar).PValue.Should().BeLessThan(1e-6);

        var registered = await registry.RegisterAsync(challenger, challengerRequest, holdout.Schema);
        await registry.PromoteAsync(registered.Version, decision.Summary);

        var newChampion = (await registry.GetChampionAsync())!;
        newChampion.Version.Should().Be(2);
        newChampion.Request.RunId.Should().Be("run-2");
        newChampion.Request.DataWindowStart.Should().Be(DriftStart);
        var history = await registry.GetChampionHistoryAsync();
        history.Select(h => (h.Version, h.PreviousVersion)).Should().Equal((1, (int?)null), (2, (int?)1));
        history[^1].Reason.Should().Be(decision.Summary);
        history[^1].ChangedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task NoDrift_ChallengerNotBetter_IsRejectedWithReasonsAndChampionStays()
    {
        var registry = NewRegistry();
        var trainer = NewTrainer(_ => SyntheticData.BeforeDrift, seedOffset: 0);
        await TrainAndPromoteFirstChampion(registry, trainer);

        // Same concept, fresh sample: the retrained model is a statistical twin of the champion.
        _time.Advance(TimeSpan.FromDays(21));
        var holdout = _mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(HoldoutRows, SyntheticData.BeforeDrift, seed: 404));
        var challengerRequest = new TrainingRequest("churn", "run-2", "weekly schedule", DriftStart, DriftStart.AddDays(7));
        var challenger = await trainer.TrainAsync(challengerRequest);
        var champion = (await registry.LoadChampionAsync())!;

        var decision = await NewEvaluator(holdout).EvaluateAsync(champion.Model, challenger.Model);
        _output.WriteLine(decision.Summary);

        decision.IsPromoted.Should().BeFalse(decision.Summary);
        var failed = decision.FailedRules.ToList();
        failed.Should().Contain(r => r.Kind == RuleKind.McNemar);
        failed.Should().Contain(r => r.Metric == MlNetMetricNames.Accuracy && r.Kind != RuleKind.ValueThreshold);
        failed.Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Reason));
        decision.Rules.Single(r => r.Kind == RuleKind.ValueThreshold).Status.Should().Be(RuleStatus.Passed, "the challenger is good, just not better");
        Math.Abs(decision.ChallengerMetrics[MlNetMetricNames.Accuracy] - decision.ChampionMetrics![MlNetMetricNames.Accuracy])
            .Should().BeLessThan(0.01);

        // The rejected challenger is kept for the record but never becomes champion.
        var registered = await registry.RegisterAsync(challenger, challengerRequest, holdout.Schema);
        registered.Version.Should().Be(2);
        (await registry.GetChampionAsync())!.Version.Should().Be(1);
        (await registry.GetChampionHistoryAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task DocsWorkedExample_PromotesTheRetrainedModelAndIsQuotedVerbatim()
    {
        var mlContext = _mlContext;
        var timeProvider = _time;
        var registryPath = _temp.Combine("registry");
        await TrainAndPromoteFirstChampion(NewRegistry(), NewTrainer(afterDrift => afterDrift ? SyntheticData.AfterDrift : SyntheticData.BeforeDrift, seedOffset: 0));
        var (windowStart, windowEnd) = (DriftStart, DriftStart.AddDays(7));
        var holdout = _mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(HoldoutRows, SyntheticData.AfterDrift, seed: 303));
        var loaderContext = new MLContext(seed: 7);
        IDataView LoadWindow(TrainingRequest request) =>
            loaderContext.Data.LoadFromEnumerable(SyntheticData.Binary(TrainingRows, SyntheticData.AfterDrift, seed: 202));

        // <evaluation-mlnet-worked-example>
        // Train: a seeded ML.NET pipeline plus a loader for the request's data window.
        var trainer = new MlNetModelTrainer(
            (ml, request) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 20 }),
            (request, cancellationToken) => ValueTask.FromResult(LoadWindow(request)),
            new MlNetModelTrainerOptions { Seed = 1 });
        var request = new TrainingRequest("churn", "run-2", "PSI drift on tenure", windowStart, windowEnd);
        TrainedModel<ITransformer> challenger = await trainer.TrainAsync(request);

        // Score champion and challenger on the same holdout, row by row, under a policy that knows ML.NET's metrics.
        PromotionPolicy policy = PromotionPolicy.CreateBuilder()
            .UseCatalog(MlNetMetricCatalog.Catalog)
            .ValueThreshold(MlNetMetricNames.Accuracy, lowerBound: 0.7)
            .Change(MlNetMetricNames.Accuracy, absolute: 0.01, comparison: ThresholdComparison.Strict)
            .NonInferior(MlNetMetricNames.LogLoss, margin: 0.05)
            .McNemar(alpha: 0.05)
            .Build();
        var registry = new FileSystemModelRegistry(registryPath, mlContext, new FileSystemModelRegistryOptions { TimeProvider = timeProvider });
        RegisteredModel? champion = await registry.LoadChampionAsync();
        var evaluator = new ChampionChallengerEvaluator<ITransformer>(new MlNetModelEvaluator(mlContext, holdout), policy);
        PromotionDecision decision = await evaluator.EvaluateAsync(champion?.Model, challenger.Model);

        // Record the challenger either way; only a promoted one moves the champion alias.
        ModelVersionManifest version = await registry.RegisterAsync(challenger, request, holdout.Schema);
        if (decision.IsPromoted)
        {
            await registry.PromoteAsync(version.Version, decision.Summary);
        }
        // </evaluation-mlnet-worked-example>

        _output.WriteLine(decision.Summary);
        decision.IsPromoted.Should().BeTrue(decision.Summary);
        (await registry.GetChampionAsync())!.Version.Should().Be(version.Version);
    }

    private static PromotionPolicy NewPolicy() =>
        PromotionPolicy.CreateBuilder()
            .UseCatalog(MlNetMetricCatalog.Catalog)
            .MinimumSampleSize(1000)
            .ValueThreshold(MlNetMetricNames.Accuracy, lowerBound: 0.7)
            .Change(MlNetMetricNames.Accuracy, absolute: 0.01, comparison: ThresholdComparison.Strict)
            .NonInferior(MlNetMetricNames.AreaUnderRocCurve, margin: 0.01)
            .McNemar(alpha: 0.05)
            .PairedBootstrap(PerRowOutcome.RowCorrect, resamples: 500)
            .Build();

    private ChampionChallengerEvaluator<ITransformer> NewEvaluator(IDataView holdout) =>
        new(new MlNetModelEvaluator(_mlContext, holdout), NewPolicy());

    private FileSystemModelRegistry NewRegistry() =>
        new(_temp.Combine("registry"), _mlContext, new FileSystemModelRegistryOptions { TimeProvider = _time, Actor = "retrain-service" });

    /// <summary>A trainer whose loader serves the concept in force during the request's data window.</summary>
    private MlNetModelTrainer NewTrainer(Func<bool, float[]> conceptAfterDrift, int seedOffset)
    {
        var loaderContext = new MLContext(seed: 7);
        return new MlNetModelTrainer(
            (ml, _) => SyntheticData.BinaryPipeline(ml),
            (request, _) =>
            {
                var afterDrift = request.DataWindowStart >= DriftStart;
                var seed = (afterDrift ? 202 : 101) + seedOffset;
                return ValueTask.FromResult(loaderContext.Data.LoadFromEnumerable(SyntheticData.Binary(TrainingRows, conceptAfterDrift(afterDrift), seed)));
            },
            new MlNetModelTrainerOptions { Seed = 1, TrainingMetrics = new MlNetModelEvaluatorOptions() });
    }

    private async Task TrainAndPromoteFirstChampion(FileSystemModelRegistry registry, MlNetModelTrainer trainer)
    {
        var request = new TrainingRequest("churn", "run-1", "initial model", DriftStart.AddDays(-14), DriftStart.AddDays(-7));
        var trained = await trainer.TrainAsync(request);
        var holdout = _mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(HoldoutRows, SyntheticData.BeforeDrift, seed: 150));

        // No champion yet: only the non-comparative rules apply.
        var decision = await NewEvaluator(holdout).EvaluateAsync(null, trained.Model);
        decision.IsPromoted.Should().BeTrue(decision.Summary);
        decision.HasChampion.Should().BeFalse();

        var version = await registry.RegisterAsync(trained, request, holdout.Schema);
        await registry.PromoteAsync(version.Version, decision.Summary);
    }
}
