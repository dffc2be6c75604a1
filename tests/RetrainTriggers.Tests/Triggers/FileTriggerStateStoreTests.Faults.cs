using System.Globalization;
using System.Text.Json;
using RetrainTriggers.Storage;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.Tests.Triggers;

public sealed partial class FileTriggerStateStoreTests
{
    [Fact]
    public async Task GetAsync_Version1FileWithStringEntries_ReadsStatesAndNextWriteStoresJson()
    {
        await File.WriteAllTextAsync(_path, "{\"version\":1,\"entries\":{\"root/a\":\"{\\\"n\\\":1}\",\"root/b\":\"[2]\"}}");
        using var store = new FileTriggerStateStore(_path);

        (await store.GetAsync("root/a")).Should().Be("{\"n\":1}");
        await store.SetAsync("root/c", "3");

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(_path));
        document.RootElement.GetProperty("version").GetInt32().Should().Be(2);
        var entries = document.RootElement.GetProperty("entries");
        entries.GetProperty("root/a").GetProperty("n").GetInt32().Should().Be(1);
        entries.GetProperty("root/b")[0].GetInt32().Should().Be(2);
        entries.GetProperty("root/c").GetInt32().Should().Be(3);
        (await new FileTriggerStateStore(_path).GetAsync("root/b")).Should().Be("[2]");
    }

    [Fact]
    public async Task SetAsync_StateThatIsNotJson_ThrowsNamingKeyAndWritesNothing()
    {
        using var store = new FileTriggerStateStore(_path);

        (await FluentActions.Awaiting(async () => await store.SetAsync("root/a", "not json")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("'root/a'").And.Contain("not a JSON document");
        File.Exists(_path).Should().BeFalse();
    }

    [Fact]
    public async Task SetAsync_StateOverLimit_ThrowsNamingLimit()
    {
        using var store = new FileTriggerStateStore(new FileTriggerStateStoreOptions { Path = _path, MaxStateBytes = 8 });

        await store.SetAsync("k", "[1,2,3]");
        (await FluentActions.Awaiting(async () => await store.SetAsync("k", "[1,2,3,4]")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("9 bytes").And.Contain("MaxStateBytes (8)");
    }

    [Fact]
    public async Task GetAsync_FileOverLimit_ThrowsCorruptNamingFileAndLimitWithoutReadingIt()
    {
        await File.WriteAllTextAsync(_path, "{\"version\":2,\"entries\":{\"k\":[" + string.Join(',', Enumerable.Repeat("1", 100)) + "]}}");
        using var store = new FileTriggerStateStore(new FileTriggerStateStoreOptions { Path = _path, MaxFileBytes = 100 });

        (await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<TriggerStateCorruptException>())
            .Which.Message.Should().Contain(_path).And.Contain("limit of 100 bytes").And.Contain("FileTriggerStateStoreOptions.MaxFileBytes");
    }

    [Fact]
    public async Task GetAsync_StaleTemporariesFromCrashedWriters_AreRemovedOnOpen()
    {
        await File.WriteAllTextAsync(_path, "{\"version\":2,\"entries\":{\"k\":1}}");
        var stale = Enumerable.Range(0, 5).Select(_ => Path.Combine(_directory, ".trigger-state.json." + Guid.NewGuid().ToString("N") + ".tmp")).ToArray();
        var unrelated = Path.Combine(_directory, ".other.json.0123.tmp");
        foreach (var file in stale.Append(unrelated))
        {
            await File.WriteAllTextAsync(file, "{\"version\":2,\"entr");
        }

        using var store = new FileTriggerStateStore(_path);
        (await store.GetAsync("k")).Should().Be("1");

        stale.Should().OnlyContain(f => !File.Exists(f));
        File.Exists(unrelated).Should().BeTrue("only this state file's temporaries are the store's");
    }

    [Fact]
    public async Task Methods_AfterDispose_ThrowObjectDisposedNamingFile()
    {
        var store = new FileTriggerStateStore(_path);
        await store.SetAsync("k", "1");
        store.Dispose();

        (await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<ObjectDisposedException>())
            .Which.Message.Should().Contain(_path).And.Contain("create a new FileTriggerStateStore");
        await FluentActions.Awaiting(async () => await store.SetAsync("k", "2")).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(async () => await store.RemoveAsync("k")).Should().ThrowAsync<ObjectDisposedException>();
        store.Dispose();
    }

    [Fact]
    public async Task Methods_PathBecameADirectory_ThrowStoreExceptionNamingFile()
    {
        using var store = new FileTriggerStateStore(_path);
        Directory.CreateDirectory(_path);

        var read = await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<FileTriggerStateStoreException>();
        var write = await FluentActions.Awaiting(async () => await store.SetAsync("k", "1")).Should().ThrowAsync<FileTriggerStateStoreException>();

        read.Which.FilePath.Should().Be(_path);
        read.Which.Message.Should().Be($"The trigger state file '{_path}' could not be read: a folder has that path; remove it or point the store at a file path.");
        write.Which.Message.Should().Contain($"{_path}' could not be").And.Contain("a folder has that path").And.NotContain(".tmp");
    }

    [Fact]
    public async Task GetAsync_FileHeldExclusivelyByAnotherProgram_ThrowsStoreExceptionNamingFile()
    {
        await File.WriteAllTextAsync(_path, "{\"version\":2,\"entries\":{\"k\":1}}");
        using var store = new FileTriggerStateStore(_path);
        using var exclusive = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var thrown = await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<FileTriggerStateStoreException>();

        thrown.Which.Message.Should().Contain($"'{_path}' could not be read").And.Contain("hold the file open exclusively");
        thrown.Which.InnerException.Should().BeAssignableTo<IOException>();
    }

    [Fact]
    public async Task SetAsync_LockHeldLongerThanTimeout_ThrowsStoreExceptionNamingFileLockAndOption()
    {
        using var store = new FileTriggerStateStore(new FileTriggerStateStoreOptions { Path = _path, LockTimeout = TimeSpan.FromMilliseconds(100) });
        await using var held = await FileLock.AcquireAsync(store.LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);

        var thrown = await FluentActions.Awaiting(async () => await store.SetAsync("k", "1")).Should().ThrowAsync<FileTriggerStateStoreException>();

        thrown.Which.Message.Should().Contain($"'{_path}' could not be written").And.Contain(store.LockPath).And.Contain("LockTimeout");
        thrown.Which.InnerException.Should().BeOfType<TimeoutException>();
        File.Exists(_path).Should().BeFalse();
    }

    [Fact]
    public void Describe_AccessDenied_NamesStateFileFolderAndRemedy()
    {
        using var store = new FileTriggerStateStore(_path);

        var described = store.Describe("written", new UnauthorizedAccessException("Access to the path '/x/.trigger-state.json.abc.tmp' is denied."));

        described.Message.Should().Be(
            $"The trigger state file '{_path}' could not be written: access was denied; give this process read and write access to '{_directory}' (the store also creates its lock and temporary files there).");
    }

    [Fact]
    public async Task SetAsync_TwoInstancesOnOneFile_EachKeepsItsKeys()
    {
        using var a = new FileTriggerStateStore(_path);
        using var b = new FileTriggerStateStore(_path);

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 20; i++) { await a.SetAsync("a-" + i, "1"); } }),
            Task.Run(async () => { for (var i = 0; i < 20; i++) { await b.SetAsync("b-" + i, "2"); } }));

        using var reader = new FileTriggerStateStore(_path);
        for (var i = 0; i < 20; i++)
        {
            (await reader.GetAsync("a-" + i)).Should().Be("1");
            (await reader.GetAsync("b-" + i)).Should().Be("2");
        }

        (await a.GetAsync("b-19")).Should().Be("2", "a read sees the other instance's writes");
    }

    [Fact]
    public async Task SetAsync_TwoProcessesOnOneFile_EachKeepsItsKeys()
    {
        const int PerProcess = 15;
        var count = PerProcess.ToString(CultureInfo.InvariantCulture);
        using var first = ChildProcess.Start("state-writer", _path, "p1", count);
        using var second = ChildProcess.Start("state-writer", _path, "p2", count);
        await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(60)), second.WaitAsync(TimeSpan.FromSeconds(60)));

        using var store = new FileTriggerStateStore(_path);
        for (var i = 0; i < PerProcess; i++)
        {
            (await store.GetAsync("p1-" + i)).Should().Be("{\"n\":" + i + "}");
            (await store.GetAsync("p2-" + i)).Should().Be("{\"n\":" + i + "}");
        }

        Directory.GetFiles(_directory).Select(Path.GetFileName).Should().BeEquivalentTo(["trigger-state.json", "trigger-state.json.lock"]);
    }
}
