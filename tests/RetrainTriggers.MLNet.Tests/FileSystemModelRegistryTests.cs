using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using RetrainTriggers.Drift;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests;

public sealed class FileSystemModelRegistryTests : IDisposable, IClassFixture<FileSystemModelRegistryTests.ModelFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly IDataView _data;
    private readonly ITransformer _model;

    public FileSystemModelRegistryTests(ModelFixture fixture)
    {
        _data = fixture.Data;
        _model = fixture.Model;
    }

    private string Root => _temp.Combine("registry");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RegisterAsync_NewFolder_CreatesRegistryAndNumbersVersionsFromOne()
    {
        var registry = NewRegistry();

        var first = await registry.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await registry.RegisterAsync(Trained(), Request("run-2"), _data.Schema);

        first.Version.Should().Be(1);
        second.Version.Should().Be(2);
        File.Exists(Path.Combine(Root, FileSystemModelRegistry.MarkerFileName)).Should().BeTrue();
        File.Exists(Path.Combine(Root, "versions", "2", "model.zip")).Should().BeTrue();
        second.ModelPath.Should().Be(Path.Combine(Root, "versions", "2", "model.zip"));
        second.CreatedAt.Should().Be(T0.AddMinutes(5));
        (await registry.GetVersionsAsync()).Select(v => v.RunId).Should().Equal("run-1", "run-2");
        (await registry.GetChampionAsync()).Should().BeNull("registering never promotes");
    }

    [Fact]
    public async Task RegisterAsync_ManifestRecordsRequestMetricsAndProfile()
    {
        var registry = NewRegistry();
        var profile = new DatasetProfile([NumericFeatureProfile.Build("tenure", [0.5, 1.5, 2.5])], []);
        var metrics = new Dictionary<string, double> { ["Accuracy"] = 0.875, ["AreaUnderRocCurve"] = double.NaN };
        var request = new TrainingRequest(
            "churn", "run-9", "PSI 0.31 on tenure", T0.AddDays(-7), T0, "events<=2026-11-22T09:00Z");

        await registry.RegisterAsync(new TrainedModel<ITransformer>(_model, 300, metrics, referenceProfile: profile), request, _data.Schema);
        var manifest = await NewRegistry().GetVersionAsync(1);

        manifest.PipelineName.Should().Be("churn");
        manifest.RunId.Should().Be("run-9");
        manifest.Reason.Should().Be("PSI 0.31 on tenure");
        manifest.DataWindowStart.Should().Be(T0.AddDays(-7));
        manifest.DataWindowEnd.Should().Be(T0);
        manifest.DataWatermark.Should().Be("events<=2026-11-22T09:00Z");
        manifest.TrainingRowCount.Should().Be(300);
        manifest.CreatedAt.Should().Be(T0);
        manifest.Metrics["Accuracy"].Should().Be(0.875);
        double.IsNaN(manifest.Metrics["AreaUnderRocCurve"]).Should().BeTrue();
        JsonNode.DeepEquals(manifest.ReferenceProfile, JsonNode.Parse(profile.ToJson())).Should().BeTrue();
        manifest.ModelSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        var json = await File.ReadAllTextAsync(Path.Combine(Root, "versions", "1", "manifest.json"));
        json.Should().Contain("\"createdAt\": \"2026-11-22T09:00:00+00:00\"").And.Contain("\"Accuracy\": 0.875");
    }

    [Fact]
    public async Task LoadModelAsync_RoundTrip_PredictsLikeTheOriginal()
    {
        var registry = NewRegistry();
        await registry.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        var holdout = _mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(200, SyntheticData.BeforeDrift, seed: 22));
        var evaluator = new MlNetModelEvaluator(_mlContext, holdout);

        var loaded = await registry.LoadModelAsync(1);

        loaded.Manifest.Version.Should().Be(1);
        loaded.InputSchema.GetColumnOrNull("Features").Should().NotBeNull();
        var original = await evaluator.EvaluateAsync(_model);
        var reloaded = await evaluator.EvaluateAsync(loaded.Model);
        reloaded.RowCorrect.Should().Equal(original.RowCorrect);
        reloaded.Metrics.Should().Equal(original.Metrics);
    }

    [Fact]
    public async Task LoadModelAsync_TamperedModelFile_ThrowsNamingFile()
    {
        var registry = NewRegistry();
        var manifest = await registry.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        await File.AppendAllTextAsync(manifest.ModelPath, "x");

        var act = async () => await registry.LoadModelAsync(1);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifest.ModelPath}*SHA-256*");
    }

    [Fact]
    public async Task PromoteAsync_SwitchesChampionAndRecordsWhoWhenWhy()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 2);

        await registry.PromoteAsync(1, "first model");
        _time.Advance(TimeSpan.FromHours(1));
        var champion = await registry.PromoteAsync(2, "challenger won: accuracy +0.12, McNemar p=0.001");

        champion.Version.Should().Be(2);
        (await NewRegistry().GetChampionAsync())!.Version.Should().Be(2);
        (await registry.LoadChampionAsync())!.Manifest.Version.Should().Be(2);
        var history = await registry.GetChampionHistoryAsync();
        history.Should().HaveCount(2);
        history[0].Should().BeEquivalentTo(new { Sequence = 1L, Kind = ChampionChangeKind.Promote, Version = 1, PreviousVersion = (int?)null, Reason = "first model", Actor = "tests", ChangedAt = T0 });
        history[1].Should().BeEquivalentTo(new { Sequence = 2L, Kind = ChampionChangeKind.Promote, Version = 2, PreviousVersion = (int?)1, Actor = "tests", ChangedAt = T0.AddHours(1) });
        history[1].Reason.Should().Contain("McNemar");
    }

    [Fact]
    public async Task PromoteAsync_AliasIsReplacedWholeAndNoTemporaryFilesRemain()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 2);
        await registry.PromoteAsync(1, "first");

        await registry.PromoteAsync(2, "second");

        Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName)
            .Should().BeEquivalentTo(FileSystemModelRegistry.MarkerFileName, "registry.lock", "champion", "champion-history.jsonl", "versions");
        using var alias = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "champion")));
        alias.RootElement.GetProperty("version").GetInt32().Should().Be(2);
        (await File.ReadAllLinesAsync(Path.Combine(Root, "champion-history.jsonl"))).Should().HaveCount(2);
    }

    [Fact]
    public async Task PromoteAsync_CurrentChampion_RecordsNothing()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "first");

        var again = await registry.PromoteAsync(1, "retry of the same decision");

        again.Version.Should().Be(1);
        (await registry.GetChampionHistoryAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_ThrowsAndKeepsChampion()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "first");

        var act = async () => await registry.PromoteAsync(5, "typo");

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("version").WithMessage("*Version 5*");
        (await registry.GetChampionAsync())!.Version.Should().Be(1);
    }

    [Theory]
    [InlineData(0, "ok")]
    [InlineData(1, " ")]
    public async Task PromoteAsync_InvalidArguments_Throw(int version, string reason)
    {
        var registry = NewRegistry();

        var act = async () => await registry.PromoteAsync(version, reason);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task RollbackAsync_WalksBackThroughEarlierChampions()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 3);
        await registry.PromoteAsync(1, "v1");
        await registry.PromoteAsync(2, "v2");
        await registry.PromoteAsync(3, "v3");

        (await registry.RollbackAsync("v3 hurts conversion")).Version.Should().Be(2);
        (await registry.RollbackAsync("v2 too")).Version.Should().Be(1);
        var act = async () => await registry.RollbackAsync("and again");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no earlier champion*version 1*");
        (await registry.GetChampionAsync())!.Version.Should().Be(1);
        var history = await registry.GetChampionHistoryAsync();
        history.Select(h => (h.Kind, h.Version, h.PreviousVersion)).Should().Equal(
            (ChampionChangeKind.Promote, 1, (int?)null),
            (ChampionChangeKind.Promote, 2, (int?)1),
            (ChampionChangeKind.Promote, 3, (int?)2),
            (ChampionChangeKind.Rollback, 2, (int?)3),
            (ChampionChangeKind.Rollback, 1, (int?)2));
        history[3].Reason.Should().Be("v3 hurts conversion");
    }

    [Fact]
    public async Task RollbackAsync_NoChampion_Throws()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);

        var act = async () => await registry.RollbackAsync("nothing to undo");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no champion*");
    }

    [Fact]
    public async Task Reads_NewFolder_AreEmptyAndCreateNothing()
    {
        var registry = NewRegistry();

        (await registry.GetChampionAsync()).Should().BeNull();
        (await registry.GetVersionsAsync()).Should().BeEmpty();
        (await registry.GetChampionHistoryAsync()).Should().BeEmpty();
        Directory.Exists(Root).Should().BeFalse();
    }

    [Fact]
    public void Ctor_FolderWithForeignContent_ThrowsNamingPathAndTouchesNothing()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "notes.txt"), "my files");

        var act = () => NewRegistry();

        act.Should().Throw<ArgumentException>().WithParameterName("rootPath").WithMessage($"*{Root}*not a model registry*");
        Directory.EnumerateFileSystemEntries(Root).Should().ContainSingle();
    }

    [Fact]
    public async Task Operations_FolderGainsForeignContentLater_ThrowNamingPath()
    {
        var registry = NewRegistry();
        Directory.CreateDirectory(Root);
        await File.WriteAllTextAsync(Path.Combine(Root, "data.csv"), "a,b");

        var register = async () => await registry.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        var read = async () => await registry.GetChampionAsync();

        await register.Should().ThrowAsync<InvalidOperationException>().WithMessage($"*{Root}*not a model registry*");
        await read.Should().ThrowAsync<InvalidOperationException>().WithMessage($"*{Root}*not a model registry*");
        File.Exists(Path.Combine(Root, "registry.lock")).Should().BeFalse();
    }

    [Fact]
    public void Ctor_RootIsAFile_Throws()
    {
        Directory.CreateDirectory(_temp.Path);
        var file = _temp.Combine("file");
        File.WriteAllText(file, "x");

        var act = () => new FileSystemModelRegistry(file, _mlContext);

        act.Should().Throw<ArgumentException>().WithParameterName("rootPath").WithMessage("*is a file*");
    }

    [Fact]
    public async Task Operations_CorruptMarker_ThrowNamingMarker()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var marker = Path.Combine(Root, FileSystemModelRegistry.MarkerFileName);
        await File.WriteAllTextAsync(marker, "{\"format\":\"something-else\",\"formatVersion\":1}");

        var act = async () => await registry.GetVersionsAsync();

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{marker}*");
    }

    [Fact]
    public async Task CorruptManifest_ThrowsNamingFile_AndChampionSurvives()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 2);
        await registry.PromoteAsync(1, "first");
        var manifestPath = Path.Combine(Root, "versions", "2", "manifest.json");
        await File.WriteAllTextAsync(manifestPath, "{\"formatVersion\": 1, \"version\": 2, \"metr");

        var get = async () => await registry.GetVersionAsync(2);
        var promote = async () => await registry.PromoteAsync(2, "should not happen");

        await get.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifestPath}*");
        await promote.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifestPath}*");
        (await registry.GetChampionAsync())!.Version.Should().Be(1);
        (await registry.LoadChampionAsync())!.Manifest.Version.Should().Be(1);
        (await registry.GetChampionHistoryAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task CorruptManifest_MissingFields_ThrowsNamingFileAndProblem()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        await File.WriteAllTextAsync(manifestPath, "{\"formatVersion\": 1, \"version\": 1}");

        var act = async () => await registry.GetVersionAsync(1);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifestPath}*missing*");
    }

    [Fact]
    public async Task CrashWhileWritingVersion_LeavesChampionAndNumberingIntact()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "first");

        // A writer died after writing part of version 2 into its temporary folder, and another while replacing the alias.
        var abandoned = Path.Combine(Root, "versions", ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(abandoned);
        await File.WriteAllTextAsync(Path.Combine(abandoned, "model.zip"), "partial");
        await File.WriteAllTextAsync(Path.Combine(Root, "champion.tmp-" + Guid.NewGuid().ToString("N")), "{\"vers");

        (await registry.GetChampionAsync())!.Version.Should().Be(1);
        (await registry.GetVersionsAsync()).Should().ContainSingle();

        var next = await registry.RegisterAsync(Trained(), Request("run-2"), _data.Schema);

        next.Version.Should().Be(2);
        Directory.Exists(abandoned).Should().BeFalse("the next writer removes what crashed writers left");
        Directory.EnumerateFiles(Root, "*.tmp-*").Should().BeEmpty();
        (await registry.GetChampionAsync())!.Version.Should().Be(1, "a registered version is not the champion until promoted");
    }

    [Fact]
    public async Task CrashBetweenAliasSwitchAndHistoryAppend_HistoryIsRepaired()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 3);
        await registry.PromoteAsync(1, "v1");
        await registry.PromoteAsync(2, "v2");
        var historyPath = Path.Combine(Root, "champion-history.jsonl");

        // Lose the last history line (as if the process died right after the alias rename), and add a torn line.
        var lines = await File.ReadAllLinesAsync(historyPath);
        await File.WriteAllTextAsync(historyPath, lines[0] + "\n{\"sequence\":2,\"ki");

        (await registry.GetChampionHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);

        await registry.PromoteAsync(3, "v3");

        var repaired = await File.ReadAllLinesAsync(historyPath);
        repaired.Should().HaveCount(3);
        (await registry.GetChampionHistoryAsync()).Select(h => (h.Sequence, h.Version)).Should().Equal((1L, 1), (2L, 2), (3L, 3));
    }

    [Fact]
    public async Task CorruptHistoryLine_ThrowsNamingFileAndLine()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "v1");
        var historyPath = Path.Combine(Root, "champion-history.jsonl");
        await File.WriteAllTextAsync(historyPath, "not json\n" + await File.ReadAllTextAsync(historyPath));

        var act = async () => await registry.GetChampionHistoryAsync();

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{historyPath}*line 1*");
        (await registry.GetChampionAsync())!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Writes_LockHeldBeyondTimeout_ThrowTimeoutNamingLockFile()
    {
        var registry = NewRegistry(TimeSpan.FromSeconds(5));
        await RegisterVersions(registry, 1);
        var lockPath = Path.Combine(Root, "registry.lock");
        using var held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var promotion = registry.PromoteAsync(1, "blocked");
        promotion.IsCompleted.Should().BeFalse("the writer waits for the lock");
        _time.Advance(TimeSpan.FromSeconds(6));

        var act = async () => await promotion;
        await act.Should().ThrowAsync<TimeoutException>().WithMessage($"*{lockPath}*");
        (await registry.GetChampionAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Writes_LockReleasedBeforeTimeout_Proceed()
    {
        var registry = NewRegistry(TimeSpan.FromSeconds(5));
        await RegisterVersions(registry, 1);
        var held = new FileStream(Path.Combine(Root, "registry.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var promotion = registry.PromoteAsync(1, "after the other writer");
        promotion.IsCompleted.Should().BeFalse();
        await held.DisposeAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        (await promotion).Version.Should().Be(1);
    }

    [Fact]
    public async Task Writes_CancelledWhileWaitingForLock_ThrowOperationCanceled()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        using var held = new FileStream(Path.Combine(Root, "registry.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var cts = new CancellationTokenSource();

        var promotion = registry.PromoteAsync(1, "cancelled", cts.Token);
        await cts.CancelAsync();

        var act = async () => await promotion;
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await registry.GetChampionAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Writes_TwoRegistriesOnOneFolderConcurrently_SerializeWithoutCorruption()
    {
        // Two instances stand in for two processes: the lock file is an OS-level lock, per open file.
        var a = new FileSystemModelRegistry(Root, new MLContext(1), new FileSystemModelRegistryOptions { Actor = "a" });
        var b = new FileSystemModelRegistry(Root, new MLContext(2), new FileSystemModelRegistryOptions { Actor = "b" });

        async Task Write(FileSystemModelRegistry registry, string prefix)
        {
            for (var i = 0; i < 4; i++)
            {
                var version = await registry.RegisterAsync(Trained(), Request($"{prefix}-{i}"), _data.Schema);
                await registry.PromoteAsync(version.Version, $"{prefix} promotes {version.Version}");
            }
        }

        await Task.WhenAll(Task.Run(() => Write(a, "a")), Task.Run(() => Write(b, "b")));

        var versions = await a.GetVersionsAsync();
        versions.Select(v => v.Version).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        versions.Select(v => v.RunId).Should().BeEquivalentTo(["a-0", "a-1", "a-2", "a-3", "b-0", "b-1", "b-2", "b-3"]);
        var history = await b.GetChampionHistoryAsync();
        history.Select(h => h.Sequence).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        history.Select(h => h.Version).Should().OnlyHaveUniqueItems();
        (await a.GetChampionAsync())!.Version.Should().Be(history[^1].Version);
        foreach (var version in versions)
        {
            (await b.LoadModelAsync(version.Version)).Model.Should().NotBeNull();
        }
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowNamingOption()
    {
        ((Action)(() => _ = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { LockTimeout = TimeSpan.Zero })))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("options.LockTimeout");
        ((Action)(() => _ = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { Actor = "" })))
            .Should().Throw<ArgumentException>().WithParameterName("options.Actor");
        ((Action)(() => _ = new FileSystemModelRegistry(" ", _mlContext))).Should().Throw<ArgumentException>().WithParameterName("rootPath");
        ((Action)(() => _ = new FileSystemModelRegistry(Root, null!))).Should().Throw<ArgumentNullException>().WithParameterName("mlContext");
    }

    [Fact]
    public async Task GetVersionAsync_UnknownVersion_ThrowsNamingVersion()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);

        var act = async () => await registry.GetVersionAsync(2);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("version");
    }

    private FileSystemModelRegistry NewRegistry(TimeSpan? lockTimeout = null) =>
        new(Root, _mlContext, new FileSystemModelRegistryOptions
        {
            TimeProvider = _time,
            Actor = "tests",
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
        });

    private TrainedModel<ITransformer> Trained() => new(_model, 300);

    private static TrainingRequest Request(string runId) => new("churn", runId, "scheduled retrain");

    private async Task RegisterVersions(FileSystemModelRegistry registry, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await registry.RegisterAsync(Trained(), Request("run-" + i), _data.Schema);
        }
    }

    /// <summary>One small trained model shared by the class: the registry tests are about files, not training.</summary>
    public sealed class ModelFixture
    {
        public ModelFixture()
        {
            var mlContext = new MLContext(seed: 1);
            Data = mlContext.Data.LoadFromEnumerable(SyntheticData.Binary(300, SyntheticData.BeforeDrift, seed: 21));
            Model = SyntheticData.BinaryPipeline(mlContext).Fit(Data);
        }

        public IDataView Data { get; }

        public ITransformer Model { get; }
    }
}
