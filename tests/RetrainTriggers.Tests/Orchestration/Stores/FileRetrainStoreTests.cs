using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration.Stores;

public sealed class FileRetrainStoreTests : RetrainStoreConformanceTests, IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "rt-store-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    protected override IRetrainStore CreateStore() => new FileRetrainStore(root, Time);

    protected override IRetrainStore Reopen(IRetrainStore store) => new FileRetrainStore(root, Time);

    [Fact]
    public async Task Read_CorruptFile_ThrowsNamingTheFileAndKeepsIt()
    {
        var store = CreateStore();
        await store.AddLabeledRowsAsync("churn", 10);
        var path = Path.Combine(root, "churn", "signals.json");
        await File.WriteAllTextAsync(path, "{\"version\":1,\"labeledRows\":");

        var read = FluentActions.Awaiting(async () => await store.GetLabeledRowTotalAsync("churn"));
        var write = FluentActions.Awaiting(async () => await store.AddLabeledRowsAsync("churn", 5));

        (await read.Should().ThrowAsync<InvalidDataException>()).WithMessage($"*'{path}'*left unchanged*");
        await write.Should().ThrowAsync<InvalidDataException>();
        (await File.ReadAllTextAsync(path)).Should().Be("{\"version\":1,\"labeledRows\":");
    }

    [Fact]
    public async Task Read_CorruptRunFile_ThrowsNamingTheFile()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        await store.SaveRunAsync(lease!, Run("r1"));
        var path = Path.Combine(root, "churn", "runs", "r1.json");
        await File.WriteAllTextAsync(path, "not json");

        await FluentActions.Awaiting(async () => await store.QueryRunsAsync("churn", new RetrainRunQuery()))
            .Should().ThrowAsync<InvalidDataException>().WithMessage($"*'{path}'*");
    }

    [Fact]
    public async Task Layout_OneFolderPerPipeline()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));
        await store.SaveRunAsync(lease!, Run("r1"));
        await store.RecordMetricAsync("fraud", "Accuracy", new MetricSample(0.9, T0));

        Directory.GetDirectories(root).Select(Path.GetFileName).Should().BeEquivalentTo("churn", "fraud");
        File.Exists(Path.Combine(root, "churn", "runs", "r1.json")).Should().BeTrue();
        File.Exists(Path.Combine(root, "fraud", "signals.json")).Should().BeTrue();
    }

    [Fact]
    public async Task SaveRun_RunIdThatCannotNameAFile_Throws()
    {
        var store = CreateStore();
        var lease = await store.TryAcquireLeaseAsync("churn", "a", TimeSpan.FromMinutes(5));

        await FluentActions.Awaiting(async () => await store.SaveRunAsync(lease!, Run("../x")))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*'../x'*");
    }
}
