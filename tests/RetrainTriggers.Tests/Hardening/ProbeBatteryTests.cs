using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Configuration;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Statistics;
using RetrainTriggers.Tests.Drift;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.Hardening;

/// <summary>
/// Every bad input and fault of the hardening list, run again in one go against the public API: each must give a clear
/// exception of its documented type naming the parameter, path or file (or the documented result), at a bounded cost.
/// The registry's probes are in RetrainTriggers.MLNet.Tests (Hardening/RegistryProbeBatteryTests); read-only folders in
/// <see cref="ReadOnlyFolderTests"/>; the cross-process probes are the multi-process tests listed in docs/reliability.md.
/// </summary>
public sealed class ProbeBatteryTests : IDisposable
{
    /// <summary>A generous bound on what one refused probe may allocate: far below the input it refuses.</summary>
    private const long SmallAllocation = 8L * 1024 * 1024;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-probes-" + Guid.NewGuid().ToString("N"));

    public ProbeBatteryTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // --- Trigger configuration ---

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000)]
    public void TriggerConfiguration_NotsNestedDeep_OneShortErrorNoStackOverflow(int depth)
    {
        var section = NestedNots(depth);

        var (thrown, allocated) = Measure(() => TriggerConfiguration.Build(section));

        var failures = thrown.Should().BeOfType<OptionsValidationException>().Which.Failures;
        failures.Should().ContainSingle().Which.Should().Contain("is nested deeper than 256 levels");
        thrown!.Message.Length.Should().BeLessThan(1_000, "the message shows the first errors and a count, not the whole path");
        allocated.Should().BeLessThan(50L * 1024 * 1024);
    }

    [Fact]
    public void TriggerEvaluator_TreeContainingItself_ReportsACycle()
    {
        var act = () => TriggerEvaluator.Validate(new SelfContaining());

        act.Should().Throw<ArgumentException>().WithMessage("*contains a cycle: 'loop' is its own descendant*");
    }

    // --- Profiles: untrusted documents ---

    [Fact]
    public void DatasetProfile_FromJsonBinCountTwoBillion_FailsFastNamingBinCountWithLittleAllocation()
    {
        var node = ProfileDocument();
        node["features"]![0]!["binCount"] = 2_000_000_000;
        var json = node.ToJsonString();

        var (thrown, allocated) = Measure(() => DatasetProfile.FromJson(json));

        thrown.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain("('age').binCount: 2000000000");
        allocated.Should().BeLessThan(SmallAllocation, "a declared size is checked before anything is allocated for it");
    }

    [Fact]
    public void DatasetProfile_FromJson40MegabytesOverTheConfiguredLimit_RefusedUnreadNamingTheLimit()
    {
        var json = "{\"features\":[" + new string(' ', 40 * 1024 * 1024) + "]}";

        var (thrown, allocated) = Measure(() => DatasetProfile.FromJson(json, maxDocumentBytes: 16 * 1024 * 1024));

        thrown.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain("larger than the limit of 16777216 bytes (maxDocumentBytes)");
        allocated.Should().BeLessThan(SmallAllocation);
        DatasetProfile.DefaultMaxDocumentBytes.Should().Be(64L * 1024 * 1024, "the documented default");
    }

    [Theory]
    [InlineData("missingCount", 9223372036854775807L, "('age').missingCount: 9223372036854775807 is out of range")]
    [InlineData("mean", double.NaN, "('age').mean")]
    [InlineData("m2", double.NaN, "('age').m2")]
    public void DatasetProfile_FromJsonCountsOrMomentsInconsistentWithTheSample_Rejected(string field, double value, string message)
    {
        var node = ProfileDocument();
        var feature = node["features"]![0]!;
        feature[field] = field == "missingCount" ? JsonValue.Create(long.MaxValue) : JsonValue.Create(feature[field]!.GetValue<double>() + 1.0);
        _ = value;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void NumericFeatureProfile_ValuesNearTheEndsOfTheDoubleRange_FiniteMomentsOrRejectionByName()
    {
        // Constant: exact, finite moments. Any spread up there has a variance beyond double's range: refused by name.
        var high = NumericFeatureProfile.Build("huge", [1.7e308, 1.7e308, 1.7e308]);
        (high.Mean, high.M2).Should().Be((1.7e308, 0.0));
        var low = NumericFeatureProfile.Build("tiny", [-1.7e308, -1.7e308]);
        (low.Mean, low.M2).Should().Be((-1.7e308, 0.0));
        var nearTop = () => NumericFeatureProfile.Build("near", [1.7e308, 1.7e308 - 1e295]);
        nearTop.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("Feature 'near': the values spread too far*");

        var spread = () => NumericFeatureProfile.Build("huge", [1.7e308, -1.7e308, 1.7e308, -1.7e308]);
        spread.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("Feature 'huge':*");
    }

    [Fact]
    public void DriftReport_ReferenceAndWindowAtOppositeEndsOfTheDoubleRange_NoNaNWasserstein()
    {
        var reference = new DatasetProfile([NumericFeatureProfile.Build("x", Enumerable.Repeat(1.7e308, 200).ToArray())], []);
        var options = new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = NumericStatistics.WassersteinNormalized | NumericStatistics.KolmogorovSmirnov | NumericStatistics.Psi | NumericStatistics.EnergyDistance } };
        var current = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? -1.7e308 : 1.7e308).ToArray();

        var report = new DriftDetector(reference, options, new FakeTimeProvider(T0)).Detect(new DriftWindow().AddNumeric("x", current));

        report["x"].Statistics.Should().OnlyContain(s => s.Value == null || double.IsFinite(s.Value.Value), "a statistic is finite or absent with a reason, never NaN");
        report["x"].Get(DriftStatistic.WassersteinNormalized)!.Value.Should().NotBe(double.NaN);
    }

    [Fact]
    public void NumericFeatureProfile_MergingCustomBinningsWithDifferentEdges_ShowsTheEdges()
    {
        var first = NumericFeatureProfile.Build("x", [1.0, 2.0, 3.0], FeatureBinning.Custom(0, 1.5));
        var second = NumericFeatureProfile.Build("x", [1.0, 2.0, 3.0], FeatureBinning.Custom(0, 2.5));

        var act = () => NumericFeatureProfile.Merge(first, second);

        act.Should().Throw<ArgumentException>().WithMessage("*edge 1 is 1.5 in the first and 2.5 in the second*");
    }

    [Theory]
    [InlineData(KllSketchBound.BelowMin)]
    [InlineData(KllSketchBound.AboveMax)]
    public void ProfileSketchOptions_KOutOfRange_ThrowsNamingKAndTheRange(KllSketchBound bound)
    {
        var sketch = new ProfileSketchOptions { K = bound == KllSketchBound.BelowMin ? 1 : int.MaxValue, ExactBelow = 0 };

        var (thrown, allocated) = Measure(() => NumericFeatureProfile.Build("x", [1.0, 2.0, 3.0], sketch: sketch));

        thrown.Should().BeOfType<ArgumentOutOfRangeException>().Which.Message.Should().Contain("ProfileSketchOptions.K must be between 8 and 65535");
        allocated.Should().BeLessThan(SmallAllocation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ChunkedDriftAnalyzer_ChunkSizeBelowOne_ThrowsNamingChunkSize(int chunkSize)
    {
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(ProfileOf(DriftTestData.Normal(1, 100)), null, new FakeTimeProvider(T0)));

        var act = () => analyzer.ByRowCount(new DriftWindow().AddNumeric("age", DriftTestData.Normal(2, 100)), chunkSize);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize");
    }

    [Fact]
    public void ChunkedDriftAnalyzer_MillionChunksOfOneRow_RefusedNamingChunkSizeAndTheMaximumWithLittleAllocation()
    {
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(ProfileOf(DriftTestData.Normal(1, 100)), null, new FakeTimeProvider(T0)));
        var window = new DriftWindow().AddNumeric("age", new double[1_000_000]);

        var (thrown, allocated) = Measure(() => analyzer.ByRowCount(window, chunkSize: 1));

        thrown.Should().BeOfType<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("chunkSize");
        thrown!.Message.Should().Contain("1000000 chunks").And.Contain($"at most {ChunkedDriftAnalyzer.MaxChunks}");
        allocated.Should().BeLessThan(SmallAllocation);
    }

    [Fact]
    public void ChunkedDriftAnalyzer_PeriodsOfOneTickOverAMillionRows_RefusedNamingPeriodAndTheMaximum()
    {
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(ProfileOf(DriftTestData.Normal(1, 100)), null, new FakeTimeProvider(T0)));
        var timestamps = Enumerable.Range(0, 1_000_000).Select(i => T0.AddTicks(i)).ToArray();
        var window = new DriftWindow().AddNumeric("age", new double[timestamps.Length]);

        var act = () => analyzer.ByPeriod(window, timestamps, TimeSpan.FromTicks(1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period").WithMessage($"*more than {ChunkedDriftAnalyzer.MaxChunks} periods*at most {ChunkedDriftAnalyzer.MaxChunks} chunks*");
    }

    [Fact]
    public void ChunkedDriftAnalyzer_DeriveBandsWithAMillionChunks_RefusedNamingChunkSize()
    {
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(ProfileOf(DriftTestData.Normal(1, 100)), null, new FakeTimeProvider(T0)));

        var act = () => analyzer.DeriveBands(new DriftWindow().AddNumeric("age", new double[1_000_000]), chunkSize: 1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize").WithMessage($"*at most {ChunkedDriftAnalyzer.MaxChunks}*");
    }

    // --- Evaluation: resamples and non-finite metrics (probed; owned by the evaluation code) ---

    [Fact]
    public void PairedBootstrap_ResamplesIntMaxValue_ThrowsNamingTheMaximumAtOnce()
    {
        var (thrown, allocated) = Measure(() => PairedBootstrap.MeanDifference([1.0, 2.0], [0.0, 1.0], 0.95, int.MaxValue));

        thrown.Should().BeOfType<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("resamples");
        thrown!.Message.Should().Contain("from 1 to 1000000 (PairedBootstrap.MaxResamples)");
        allocated.Should().BeLessThan(SmallAllocation);
    }

    [Fact]
    public void PromotionPolicy_PairedBootstrapResamplesIntMaxValue_RefusedNamingTheMaximum()
    {
        var section = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Promotion": { "Rules": [ { "Kind": "PairedBootstrap", "Resamples": 2147483647 } ] } }""")))
            .Build()
            .GetSection("Promotion");

        var act = () => PromotionPolicy.FromConfiguration(section);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle(f => f.StartsWith("Promotion:Rules:0:Resamples must be from 100 to 1000000 (was 2147483647)", StringComparison.Ordinal));
    }

    [Fact]
    public void PromotionRules_InfiniteMetrics_FailWithAReasonLikeNaN()
    {
        var builder = PromotionPolicy.CreateBuilder().Metric("accuracy", MetricDirection.HigherIsBetter).Metric("latency", MetricDirection.LowerIsBetter);
        var superior = builder.Superior("accuracy").Build()
            .Decide(Evaluation(("accuracy", 0.8)), Evaluation(("accuracy", double.PositiveInfinity)));
        var nonInferior = PromotionPolicy.CreateBuilder().Metric("latency", MetricDirection.LowerIsBetter).NonInferior("latency", 5).Build()
            .Decide(Evaluation(("latency", double.NegativeInfinity)), Evaluation(("latency", 10.0)));

        superior.IsPromoted.Should().BeFalse();
        superior.Rules.Should().OnlyContain(r => r.Status == RuleStatus.Failed && r.Reason == "Metric 'accuracy' is Infinity for the challenger.");
        nonInferior.IsPromoted.Should().BeFalse();
        nonInferior.Rules.Single().Reason.Should().Be("Metric 'latency' is -Infinity for the champion.");
    }

    // --- Pipeline options: durations and counts ---

    [Theory]
    [InlineData("TrainingTimeout", "TrainingTimeout must be positive and at most 49 days (was 10675199.02:48:05.4775807)")]
    [InlineData("LeaseDuration", "LeaseDuration must be positive and at most 49 days (was 10675199.02:48:05.4775807)")]
    [InlineData("RetryDelay", "RetryDelay must be from 0 to 49 days (was 10675199.02:48:05.4775807)")]
    [InlineData("MaxRetryDelay", "MaxRetryDelay must be not below RetryDelay and at most 49 days (was 10675199.02:48:05.4775807)")]
    [InlineData("Cooldown", "Cooldown must be from 0 to 3650 days (was 10675199.02:48:05.4775807)")]
    [InlineData("TrainingWindow", "TrainingWindow must be positive and at most 3650 days (was 10675199.02:48:05.4775807)")]
    [InlineData("Watch.Window", "Watch.Window must be positive and at most 3650 days (was 10675199.02:48:05.4775807)")]
    public void RetrainPipelineOptions_DurationTimeSpanMaxValue_RefusedAtConstructionNamingOptionAndRange(string option, string problem)
    {
        var options = new PipelineHarness().Options(o =>
        {
            switch (option)
            {
                case "TrainingTimeout": o.TrainingTimeout = TimeSpan.MaxValue; break;
                case "LeaseDuration": o.LeaseDuration = TimeSpan.MaxValue; break;
                case "RetryDelay": o.RetryDelay = TimeSpan.MaxValue; o.MaxRetryDelay = TimeSpan.MaxValue; break;
                case "MaxRetryDelay": o.MaxRetryDelay = TimeSpan.MaxValue; break;
                case "Cooldown": o.Cooldown = TimeSpan.MaxValue; break;
                case "TrainingWindow": o.TrainingWindow = TimeSpan.MaxValue; break;
                default: o.Watch = new PostPromotionWatchOptions { Window = TimeSpan.MaxValue }; break;
            }
        });

        var act = () => new RetrainPipeline<FakeModel>(options);

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("- " + problem);
    }

    [Theory]
    [InlineData("TrainingTimeout")]
    [InlineData("LeaseDuration")]
    [InlineData("Cooldown")]
    public void RetrainPipelineOptions_NegativeDuration_RefusedNamingOption(string option)
    {
        var options = new PipelineHarness().Options(o =>
        {
            switch (option)
            {
                case "TrainingTimeout": o.TrainingTimeout = TimeSpan.FromSeconds(-1); break;
                case "LeaseDuration": o.LeaseDuration = TimeSpan.FromSeconds(-1); break;
                default: o.Cooldown = TimeSpan.FromSeconds(-1); break;
            }
        });

        var act = () => new RetrainPipeline<FakeModel>(options);

        act.Should().Throw<ArgumentException>().WithMessage($"*- {option} must be * (was -00:00:01)*");
    }

    [Fact]
    public void RetrainPipelineOptions_MaxTrainingAttemptsIntMaxValue_RefusedNamingTheMaximum()
    {
        var options = new PipelineHarness().Options(o => o.MaxTrainingAttempts = int.MaxValue);

        var act = () => new RetrainPipeline<FakeModel>(options);

        act.Should().Throw<ArgumentException>().WithMessage("*- MaxTrainingAttempts must be from 1 to 100 (was 2147483647)*");
    }

    [Fact]
    public void RetrainPipelineOptions_LargestAllowedDurations_StillEvaluate()
    {
        var harness = new PipelineHarness();
        using var pipeline = harness.Create(o =>
        {
            o.TrainingTimeout = TimeSpan.FromDays(49);
            o.LeaseDuration = TimeSpan.FromDays(49);
            o.RetryDelay = TimeSpan.FromDays(49);
            o.MaxRetryDelay = TimeSpan.FromDays(49);
            o.Cooldown = TimeSpan.FromDays(3650);
            o.TrainingWindow = TimeSpan.FromDays(3650);
            o.MaxTrainingAttempts = 100;
        });

        pipeline.Name.Should().NotBeNullOrEmpty();
    }

    // --- File trigger state store ---

    [Fact]
    public async Task FileTriggerStateStore_StateOf50Megabytes_RefusedByMaxStateBytesBeforeTouchingTheFile()
    {
        var path = Path.Combine(_folder, "state.json");
        using var store = new FileTriggerStateStore(path);
        var huge = "\"" + new string('x', 50 * 1024 * 1024) + "\"";

        var started = Stopwatch.StartNew();
        (await FluentActions.Awaiting(async () => await store.SetAsync("root/a", huge)).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("MaxStateBytes (1048576)");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task FileTriggerStateStore_FileOverMaxFileBytes_RefusedUnreadAsCorrupt()
    {
        var path = Path.Combine(_folder, "state.json");
        await File.WriteAllTextAsync(path, "{\"version\":2,\"entries\":{\"k\":\"" + new string('x', 4096) + "\"}}");
        using var store = new FileTriggerStateStore(new FileTriggerStateStoreOptions { Path = path, MaxFileBytes = 1024 });

        (await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<TriggerStateCorruptException>())
            .Which.Message.Should().Contain(path).And.Contain("FileTriggerStateStoreOptions.MaxFileBytes");
    }

    [Fact]
    public async Task FileTriggerStateStore_LockedFile_DirectoryPath_ParentFile_AfterDispose_EachNamesTheStateFile()
    {
        var path = Path.Combine(_folder, "state.json");
        await File.WriteAllTextAsync(path, "{\"version\":2,\"entries\":{\"k\":1}}");

        using (var store = new FileTriggerStateStore(path))
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            (await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<FileTriggerStateStoreException>())
                .Which.Message.Should().Contain($"'{path}' could not be read").And.Contain("hold the file open exclusively");
        }

        var directory = () => new FileTriggerStateStore(_folder);
        directory.Should().Throw<ArgumentException>().WithParameterName("path").WithMessage("*names a directory*");

        var underFile = Path.Combine(path, "inner.json");
        using (var store = new FileTriggerStateStore(underFile))
        {
            (await FluentActions.Awaiting(async () => await store.SetAsync("k", "1")).Should().ThrowAsync<FileTriggerStateStoreException>())
                .Which.Message.Should().Contain($"'{underFile}'").And.Contain($"'{path}' is a file");
        }

        var disposed = new FileTriggerStateStore(path);
        disposed.Dispose();
        (await FluentActions.Awaiting(async () => await disposed.GetAsync("k")).Should().ThrowAsync<ObjectDisposedException>())
            .Which.Message.Should().Contain(path);
    }

    [Fact]
    public async Task FileTriggerStateStore_StaleTemporaries_RemovedOnOpen()
    {
        var path = Path.Combine(_folder, "state.json");
        await File.WriteAllTextAsync(path, "{\"version\":2,\"entries\":{\"k\":1}}");
        var stale = Path.Combine(_folder, ".state.json." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(stale, "{\"ver");

        using var store = new FileTriggerStateStore(path);
        (await store.GetAsync("k")).Should().Be("1");

        File.Exists(stale).Should().BeFalse();
    }

    // --- File retrain store: run history ---

    [Fact]
    public async Task FileRetrainStore_RunWithA50MegabyteTriggerReasonOverMaxFileBytes_RefusedAndHistoryStaysReadable()
    {
        var store = new FileRetrainStore(_folder, new FakeTimeProvider(T0), new FileRetrainStoreOptions { MaxFileBytes = 16L * 1024 * 1024 });
        var lease = (await store.TryAcquireLeaseAsync("churn", "host-a", TimeSpan.FromMinutes(5)))!;
        await store.SaveRunAsync(lease, Run("r1", "accuracy 0.8 < 0.85"));
        var huge = Run("r2", new string('x', 50 * 1024 * 1024));

        (await FluentActions.Awaiting(async () => await store.SaveRunAsync(lease, huge)).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("Run 'r2'").And.Contain("FileRetrainStoreOptions.MaxFileBytes (16777216)").And.Contain("not saved");

        (await store.QueryRunsAsync("churn", new RetrainRunQuery())).Should().ContainSingle().Which.RunId.Should().Be("r1", "a run that reads would refuse was never written");
    }

    [Theory]
    [InlineData("file")]
    [InlineData("memory")]
    public async Task RetrainStores_LeaseOfTimeSpanMaxValue_RefusedNamingDurationAndTheMaximum(string kind)
    {
        IRetrainStore store = kind == "file" ? new FileRetrainStore(_folder, new FakeTimeProvider(T0)) : new InMemoryRetrainStore(new FakeTimeProvider(T0));

        (await FluentActions.Awaiting(async () => await store.TryAcquireLeaseAsync("churn", "host-a", TimeSpan.MaxValue)).Should().ThrowAsync<ArgumentOutOfRangeException>())
            .Which.Message.Should().Contain("positive and at most 49 days").And.Contain("duration");
        var lease = (await store.TryAcquireLeaseAsync("churn", "host-a", TimeSpan.FromDays(49)))!;
        await FluentActions.Awaiting(async () => await store.RenewLeaseAsync(lease, TimeSpan.MaxValue)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task FileRetrainStore_RunFileOverMaxFileBytes_RefusedUnreadNamingFileAndOption()
    {
        var store = new FileRetrainStore(_folder, new FakeTimeProvider(T0), new FileRetrainStoreOptions { MaxFileBytes = 1024 });
        var runs = Path.Combine(_folder, "churn", "runs");
        Directory.CreateDirectory(runs);
        var path = Path.Combine(runs, "r1.json");
        await File.WriteAllTextAsync(path, new string(' ', 4096));

        (await FluentActions.Awaiting(async () => await store.QueryRunsAsync("churn", new RetrainRunQuery())).Should().ThrowAsync<InvalidDataException>())
            .Which.Message.Should().Contain(path).And.Contain("FileRetrainStoreOptions.MaxFileBytes");
    }

    // --- Documents, counts and durations near their limits ---

    [Theory]
    [InlineData("trigger result")]
    [InlineData("promotion decision")]
    public void ResultDocuments_FromJson70MegabytesOverTheDefaultLimit_RefusedUnreadNamingTheLimit(string what)
    {
        var json = "{" + new string(' ', 70 * 1024 * 1024) + "}";

        var (thrown, allocated) = what == "trigger result"
            ? Measure(() => TriggerResult.FromJson(json))
            : Measure(() => PromotionDecision.FromJson(json));

        thrown.Should().BeOfType<InvalidDataException>().Which.Message.Should()
            .Contain($"The {what} document is").And.Contain("larger than the limit of 67108864 bytes (maxDocumentBytes); raise the limit");
        allocated.Should().BeLessThan(SmallAllocation, "the size is checked before the document is transcoded or parsed");
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1_000.5)]
    public void ChunkedDriftAnalyzer_DeriveBandsWithAHugeFiniteK_RefusedNamingKAndTheMaximum(double k)
    {
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(ProfileOf(DriftTestData.Normal(1, 400)), null, new FakeTimeProvider(T0)));
        var reference = new DriftWindow().AddNumeric("age", DriftTestData.Normal(1, 400));

        var act = () => analyzer.DeriveBands(reference, chunkSize: 100, k);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("k").WithMessage("*from 0 to 1000 (ChunkedDriftAnalyzer.MaxK)*");
        analyzer.DeriveBands(reference, chunkSize: 100, k: 1_000).Bands.Should().NotBeEmpty()
            .And.OnlyContain(b => double.IsFinite(b.Lower) && double.IsFinite(b.Upper), "the widest allowed band is still finite");
    }

    [Theory]
    [InlineData("file")]
    [InlineData("memory")]
    public async Task RetrainStores_AddLabeledRowsPastLongMaxValue_RefusedNamingCountTotalUnchanged(string kind)
    {
        IRetrainStore store = kind == "file" ? new FileRetrainStore(_folder, new FakeTimeProvider(T0)) : new InMemoryRetrainStore(new FakeTimeProvider(T0));
        await store.AddLabeledRowsAsync("churn", long.MaxValue);

        (await FluentActions.Awaiting(async () => await store.AddLabeledRowsAsync("churn", 1)).Should().ThrowAsync<ArgumentOutOfRangeException>())
            .Which.Should().Match<ArgumentOutOfRangeException>(e => e.ParamName == "count" && e.Message.Contains("(long.MaxValue); nothing was added", StringComparison.Ordinal));
        (await store.GetLabeledRowTotalAsync("churn")).Should().Be(long.MaxValue);
    }

    [Fact]
    public void InMemorySignals_AddLabeledRowsPastLongMaxValue_RefusedNamingCountCountUnchanged()
    {
        var signals = new InMemorySignals(new FakeTimeProvider(T0));
        signals.AddLabeledRows(long.MaxValue - 1);

        var act = () => signals.AddLabeledRows(2);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count").WithMessage("*running total of 9223372036854775806*(long.MaxValue); nothing was added*");
        signals.NewLabeledRowCount.Should().Be(long.MaxValue - 1);
    }

    public static TheoryData<string> HugeDurations => ["Every", "Cooldown", "SustainedFor", "HysteresisMaxAge", "ThresholdMaxAge"];

    [Theory]
    [MemberData(nameof(HugeDurations))]
    public void Triggers_DurationOfTimeSpanMaxValue_RefusedWhenBuiltNamingTheOptionAndTheMaximum(string kind)
    {
        var huge = TimeSpan.MaxValue;
        Func<ITrigger> build = kind switch
        {
            "Every" => () => Trigger.Every(huge),
            "Cooldown" => () => Trigger.Drift(0.5).WithCooldown(huge),
            "SustainedFor" => () => Trigger.Drift(0.5).SustainedFor(huge),
            "HysteresisMaxAge" => () => Trigger.Hysteresis(new HysteresisOptions { Metric = "accuracy", Enter = 0.8, Exit = 0.85, MaxAge = huge }),
            _ => () => Trigger.Threshold(new ThresholdOptions { Metric = "accuracy", Below = 0.8, MaxAge = huge }),
        };

        build.Should().Throw<ArgumentException>().WithMessage("*must be at most 36500.00:00:00 (36500 days), not 10675199.02:48:05.4775807*");
    }

    [Fact]
    public void DatasetProfileBuilder_MaxCategoriesIntMaxValue_TenThousandCategoriesInLinearTime()
    {
        var builder = new DatasetProfileBuilder(maxCategories: int.MaxValue);
        var batches = Enumerable.Range(0, 10_000).Select(i => new DriftWindow().AddCategorical("plan", new string?[] { "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToArray();
        var watch = Stopwatch.StartNew();

        foreach (var batch in batches)
        {
            builder.Add(batch);
        }

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a huge maxCategories keeps every category without re-ranking them on each value");
        builder.Build().CategoricalFeatures["plan"].Counts.Should().HaveCount(10_000);
    }

    // --- helpers ---

    private static (Exception? Thrown, long Allocated) Measure(Action probe)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Exception? thrown = null;
        try
        {
            probe();
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        return (thrown, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (Exception? Thrown, long Allocated) Measure<T>(Func<T> probe) => Measure(() => { _ = probe(); });

    private static IConfigurationSection NestedNots(int depth)
    {
        var key = new StringBuilder("Triggers");
        for (var i = 0; i < depth; i++)
        {
            key.Append(":Not");
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key + ":Volume:MinNewRows"] = "10" })
            .Build()
            .GetSection("Triggers");
    }

    private static DatasetProfile ProfileOf(double[] ages) => new([NumericFeatureProfile.Build("age", ages)], []);

    private static JsonNode ProfileDocument() => JsonNode.Parse(ProfileOf(DriftTestData.Normal(9, 200, 40, 10)).ToJson())!;

    private static ModelEvaluation Evaluation(params (string Name, double Value)[] metrics) =>
        new(1000, metrics.ToDictionary(m => m.Name, m => m.Value));

    private static RetrainRun Run(string id, string reason) => new()
    {
        RunId = id,
        PipelineName = "churn",
        State = RetrainRunState.Running,
        IsManual = false,
        Reason = "triggers fired",
        StartedAt = T0,
        Trigger = new TriggerResult { Name = "accuracy-low", Kind = "Threshold", Outcome = TriggerOutcome.Fired, Reason = reason, EvaluatedAt = T0 },
    };

    public enum KllSketchBound
    {
        BelowMin,
        AboveMax,
    }

    private sealed class SelfContaining : ITrigger
    {
        public string Name => "loop";

        public string Kind => "Loop";

        public IReadOnlyList<ITrigger> Children => [this];

        public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("never evaluated");
    }
}
