using System.Diagnostics;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.Tests.Hardening;

/// <summary>The file stores in a folder that really cannot be written, even by root: reads work, writes fail at once naming the file and the remedy, nothing changes.</summary>
public sealed class ReadOnlyFolderTests : IDisposable
{
    private const string StateJson = "{\"n\":1}";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-readonly-" + Guid.NewGuid().ToString("N"));

    public ReadOnlyFolderTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(ReadOnlyKind.Mount, "is on a read-only file system; mount it read-write or point the store at a writable folder")]
    [InlineData(ReadOnlyKind.Immutable, "access was denied; give this process read and write access to")]
    public async Task FileTriggerStateStore_ReadOnlyFolder_ReadsAndRefusesWritesNamingFileAndRemedy(ReadOnlyKind kind, string remedy)
    {
        var path = Path.Combine(_folder, "trigger-state.json");
        using (var writable = new FileTriggerStateStore(path))
        {
            await writable.SetAsync("root/a", StateJson);
        }

        // A crashed writer's temporary: removing it on open is not possible here, and must not fail the open.
        await File.WriteAllTextAsync(Path.Combine(_folder, ".trigger-state.json.0123abcd.tmp"), "{\"version\":2,");
        var before = Snapshot(_folder);

        using (ReadOnlyFolder.Apply(_folder, kind))
        {
            using var store = new FileTriggerStateStore(path);
            (await store.GetAsync("root/a")).Should().Be(StateJson);
            (await store.GetAsync("root/missing")).Should().BeNull();

            var started = Stopwatch.StartNew();
            var set = (await FluentActions.Awaiting(async () => await store.SetAsync("root/a", "2")).Should().ThrowAsync<FileTriggerStateStoreException>()).Which;
            var remove = (await FluentActions.Awaiting(async () => await store.RemoveAsync("root/a")).Should().ThrowAsync<FileTriggerStateStoreException>()).Which;
            started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a folder that cannot be written is reported at once, not after the 30 s lock timeout");

            foreach (var thrown in new[] { set, remove })
            {
                thrown.FilePath.Should().Be(path);
                thrown.Message.Should().StartWith($"The trigger state file '{path}' could not be written: ").And.Contain(remedy).And.Contain(_folder);
            }

            (await store.GetAsync("root/a")).Should().Be(StateJson, "the failed writes changed nothing");
        }

        Snapshot(_folder).Should().BeEquivalentTo(before, "nothing was half-written");
    }

    [Theory]
    [InlineData(ReadOnlyKind.Mount)]
    [InlineData(ReadOnlyKind.Immutable)]
    public async Task FileTriggerStateStore_ReadOnlyFolderWithoutStateFile_ReadsEmptyAndRefusesFirstWrite(ReadOnlyKind kind)
    {
        var path = Path.Combine(_folder, "trigger-state.json");

        using (ReadOnlyFolder.Apply(_folder, kind))
        {
            using var store = new FileTriggerStateStore(path);
            (await store.GetAsync("root/a")).Should().BeNull();
            (await FluentActions.Awaiting(async () => await store.SetAsync("root/a", StateJson)).Should().ThrowAsync<FileTriggerStateStoreException>())
                .Which.Message.Should().Contain($"'{path}' could not be written").And.Contain(_folder);
            await store.RemoveAsync("root/a");
        }

        Directory.GetFileSystemEntries(_folder).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ReadOnlyKind.Mount, typeof(IOException), "is on a read-only file system; mount it read-write or point the store at a writable folder")]
    [InlineData(ReadOnlyKind.Immutable, typeof(UnauthorizedAccessException), "access was denied; give this process read and write access to")]
    public async Task FileRetrainStore_ReadOnlyFolder_ReadsAndRefusesWritesNamingFolderAndRemedy(ReadOnlyKind kind, Type exceptionType, string remedy)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var writable = new FileRetrainStore(_folder, time);
        var lease = await writable.TryAcquireLeaseAsync("churn", "host-a", TimeSpan.FromMinutes(5));
        await writable.SaveRunAsync(lease!, new RetrainRun { RunId = "r1", PipelineName = "churn", State = RetrainRunState.Running, IsManual = false, Reason = "accuracy 0.8 < 0.85", StartedAt = T0 });
        await writable.AddLabeledRowsAsync("churn", 10);
        await writable.GetTriggerStateStore("churn").SetAsync("root/a", StateJson);
        await writable.ReleaseLeaseAsync(lease!);
        var before = Snapshot(_folder);
        var pipelineFolder = Path.Combine(_folder, "churn");

        using (ReadOnlyFolder.Apply(_folder, kind))
        {
            var store = new FileRetrainStore(_folder, time);
            (await store.GetLabeledRowTotalAsync("churn")).Should().Be(10);
            (await store.QueryRunsAsync("churn", new RetrainRunQuery())).Should().ContainSingle().Which.RunId.Should().Be("r1");
            (await store.GetTriggerStateStore("churn").GetAsync("root/a")).Should().Be(StateJson);
            (await store.GetRunAsync("churn", "r1")).Should().NotBeNull();

            var started = Stopwatch.StartNew();
            var writes = new Func<Task>[]
            {
                async () => await store.AddLabeledRowsAsync("churn", 5),
                async () => await store.TryAcquireLeaseAsync("churn", "host-b", TimeSpan.FromMinutes(5)),
                async () => await store.GetTriggerStateStore("churn").SetAsync("root/a", "2"),
                async () => await store.AddLabeledRowsAsync("new-pipeline", 5),
            };
            foreach (var write in writes)
            {
                var thrown = (await write.Should().ThrowAsync<Exception>()).Which;
                thrown.Should().BeOfType(exceptionType);
                thrown.Message.Should().StartWith("The retrain store could not write in '").And.Contain(remedy).And.EndWith("Nothing was written.");
                thrown.InnerException.Should().NotBeNull();
            }

            started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a folder that cannot be written is reported at once, not after the 30 s lock timeout");
            (await FluentActions.Awaiting(async () => await store.AddLabeledRowsAsync("churn", 1)).Should().ThrowAsync<Exception>())
                .Which.Message.Should().Contain($"'{pipelineFolder}'");
        }

        Snapshot(_folder).Should().BeEquivalentTo(before, "nothing was half-written");
    }

    /// <summary>Every file below <paramref name="root"/> with its content, so a test can prove nothing changed.</summary>
    internal static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(root, file), file => Convert.ToBase64String(File.ReadAllBytes(file)), StringComparer.Ordinal);
}
