using System.Text;
using System.Text.Json;

namespace RetrainTriggers.Tests.Triggers;

public sealed partial class FileTriggerStateStoreTests : IDisposable
{
    private readonly string _directory;
    private readonly string _path;

    public FileTriggerStateStoreTests()
    {
        _directory = Path.Combine(Path.GetTempPath(), "rt-state-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "trigger-state.json");
    }

    /// <summary>The folder's files except the lock file, which writers leave in place.</summary>
    private string[] DataFiles() => Directory.GetFiles(_directory).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        else if (File.Exists(_directory))
        {
            File.Delete(_directory);
        }
    }

    [Fact]
    public async Task GetAsync_MissingFile_ReturnsNullAndCreatesNothing()
    {
        using var store = new FileTriggerStateStore(_path);

        (await store.GetAsync("root/sustained")).Should().BeNull();

        File.Exists(_path).Should().BeFalse();
    }

    [Fact]
    public async Task SetAsync_ThenGet_RoundTripsExactText()
    {
        using var store = new FileTriggerStateStore(_path);
        const string state = "{\"since\":\"2026-03-01T00:00:00+00:00\",\"count\":3,\"note\":\"ü \\\"quoted\\\"\"}";

        await store.SetAsync("root/any/drift-sustained", state);

        (await store.GetAsync("root/any/drift-sustained")).Should().Be(state);
    }

    [Fact]
    public async Task SetAsync_NewInstance_ReadsStateWrittenBeforeRestart()
    {
        using (var before = new FileTriggerStateStore(_path))
        {
            await before.SetAsync("root/a", "{\"n\":1}");
            await before.SetAsync("root/b", "{\"n\":2}");
            await before.SetAsync("root/a", "{\"n\":3}");
        }

        using var after = new FileTriggerStateStore(_path);

        (await after.GetAsync("root/a")).Should().Be("{\"n\":3}");
        (await after.GetAsync("root/b")).Should().Be("{\"n\":2}");
    }

    [Fact]
    public async Task SetAsync_File_IsVersionedDocumentWithEntries()
    {
        using var store = new FileTriggerStateStore(_path);

        await store.SetAsync("root/cooldown", "{\"lastFired\":null}");

        var text = await File.ReadAllTextAsync(_path);
        using var document = JsonDocument.Parse(text);
        document.RootElement.GetProperty("version").GetInt32().Should().Be(2);
        var entry = document.RootElement.GetProperty("entries").GetProperty("root/cooldown");
        entry.ValueKind.Should().Be(JsonValueKind.Object, "each state is stored as JSON, not as a string holding JSON");
        entry.GetRawText().Should().Be("{\"lastFired\":null}");
        text.Should().NotContain("\\u0022").And.NotContain("\\\"");
    }

    [Fact]
    public async Task SetAsync_File_ListsKeysInOrdinalOrder()
    {
        using var store = new FileTriggerStateStore(_path);

        foreach (var key in new[] { "root/b", "root/a", "root/C", "root/a/x" })
        {
            await store.SetAsync(key, "{}");
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(_path));
        document.RootElement.GetProperty("entries").EnumerateObject().Select(p => p.Name).Should().Equal("root/C", "root/a", "root/a/x", "root/b");
    }

    [Fact]
    public async Task RemoveAsync_StoredKey_RemovedAfterRestart()
    {
        using (var before = new FileTriggerStateStore(_path))
        {
            await before.SetAsync("keep", "1");
            await before.SetAsync("drop", "2");
            await before.RemoveAsync("drop");
            (await before.GetAsync("drop")).Should().BeNull();
        }

        using var after = new FileTriggerStateStore(_path);

        (await after.GetAsync("drop")).Should().BeNull();
        (await after.GetAsync("keep")).Should().Be("1");
    }

    [Fact]
    public async Task RemoveAsync_MissingKeyAndNoFile_WritesNothing()
    {
        using var store = new FileTriggerStateStore(_path);

        await store.RemoveAsync("missing");

        File.Exists(_path).Should().BeFalse();
    }

    [Fact]
    public async Task SetAsync_KeysDifferingInCase_AreDistinct()
    {
        using (var before = new FileTriggerStateStore(_path))
        {
            await before.SetAsync("root/Drift", "1");
            await before.SetAsync("root/drift", "2");
        }

        using var after = new FileTriggerStateStore(_path);

        (await after.GetAsync("root/Drift")).Should().Be("1");
        (await after.GetAsync("root/drift")).Should().Be("2");
    }

    [Fact]
    public async Task SetAsync_ManyWrites_LeavesNoTemporaryFiles()
    {
        using var store = new FileTriggerStateStore(_path);

        for (var i = 0; i < 20; i++)
        {
            await store.SetAsync("k" + (i % 3), i.ToString());
        }

        await store.RemoveAsync("k0");

        DataFiles().Should().ContainSingle().Which.Should().Be(_path);
    }

    [Fact]
    public async Task GetAsync_LeftoverTemporaryFileFromCrash_IsIgnoredAndLastGoodStateRead()
    {
        using (var before = new FileTriggerStateStore(_path))
        {
            await before.SetAsync("root/sustained", "{\"since\":\"day-1\"}");
        }

        // A crash between writing the temporary file and the rename leaves a half-written newer document beside the good one.
        var leftover = Path.Combine(_directory, ".trigger-state.json." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(leftover, "{\"version\":1,\"entries\":{\"root/sustained\":\"{\\\"since\\\":\\\"day-");

        using var after = new FileTriggerStateStore(_path);

        (await after.GetAsync("root/sustained")).Should().Be("{\"since\":\"day-1\"}");
        await after.SetAsync("root/sustained", "{\"since\":\"day-2\"}");
        using var again = new FileTriggerStateStore(_path);
        (await again.GetAsync("root/sustained")).Should().Be("{\"since\":\"day-2\"}");
    }

    [Fact]
    public async Task SetAsync_WriteFails_KeepsPreviousStateInMemoryAndOnDisk()
    {
        var nested = Path.Combine(_directory, "nested");
        var path = Path.Combine(nested, "state.json");
        using var store = new FileTriggerStateStore(path);
        await store.SetAsync("k", "\"old\"");
        var goodBytes = await File.ReadAllBytesAsync(path);

        // Replace the directory with a file of the same name: the next temporary file cannot be created.
        Directory.Move(nested, nested + ".saved");
        await File.WriteAllTextAsync(nested, "not a directory");

        (await FluentActions.Awaiting(async () => await store.SetAsync("k", "\"new\"")).Should().ThrowAsync<FileTriggerStateStoreException>())
            .Which.Message.Should().Contain($"'{path}'").And.Contain($"'{nested}' is a file").And.NotContain(".tmp");
        await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<FileTriggerStateStoreException>("a path whose folder is a file holds nothing, and must not read as empty");

        File.Delete(nested);
        Directory.Move(nested + ".saved", nested);
        (await store.GetAsync("k")).Should().Be("\"old\"");
        (await File.ReadAllBytesAsync(path)).Should().Equal(goodBytes);
    }

    [Fact]
    public async Task SetAsync_DirectoryMissing_CreatesIt()
    {
        var path = Path.Combine(_directory, "a", "b", "state.json");
        using var store = new FileTriggerStateStore(path);

        await store.SetAsync("k", "1");

        File.Exists(path).Should().BeTrue();
    }

    [Theory]
    [InlineData("{\"version\":1,\"entries\":{")]
    [InlineData("")]
    [InlineData("not json at all")]
    public async Task GetAsync_InvalidJson_ThrowsNamingFileAndKeepsIt(string content)
    {
        await File.WriteAllTextAsync(_path, content);
        var bytes = await File.ReadAllBytesAsync(_path);
        using var store = new FileTriggerStateStore(_path);

        var thrown = await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<TriggerStateCorruptException>();

        thrown.Which.FilePath.Should().Be(_path);
        thrown.Which.Message.Should().Contain(_path).And.Contain("kept unchanged for inspection");
        (await File.ReadAllBytesAsync(_path)).Should().Equal(bytes);
    }

    [Theory]
    [InlineData("{\"version\":3,\"entries\":{}}", "version 3 is not supported")]
    [InlineData("{\"entries\":{}}", "version 0 is not supported")]
    [InlineData("{\"version\":1}", "'entries' object is missing")]
    [InlineData("{\"version\":1,\"entries\":{\"k\":null}}", "null value")]
    [InlineData("{\"version\":1,\"entries\":{\"k\":5}}", "not valid JSON for version 1")]
    [InlineData("{\"version\":2,\"entries\":{\"k\":null}}", "null value")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("null", "document is null")]
    public async Task GetAsync_WrongShape_ThrowsExplainingProblem(string content, string problem)
    {
        await File.WriteAllTextAsync(_path, content);
        using var store = new FileTriggerStateStore(_path);

        var thrown = await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<TriggerStateCorruptException>();

        thrown.Which.Message.Should().Contain(problem).And.Contain(_path);
    }

    [Fact]
    public async Task SetAndRemove_CorruptFile_RefuseAndLeaveBytesUnchanged()
    {
        var corrupt = Encoding.UTF8.GetBytes("{\"version\":1,\"entries\":{\"root/sustained\":\"{\\\"since\\\":");
        await File.WriteAllBytesAsync(_path, corrupt);
        using var store = new FileTriggerStateStore(_path);

        await FluentActions.Awaiting(async () => await store.SetAsync("k", "1")).Should().ThrowAsync<TriggerStateCorruptException>();
        await FluentActions.Awaiting(async () => await store.RemoveAsync("root/sustained")).Should().ThrowAsync<TriggerStateCorruptException>();
        await FluentActions.Awaiting(async () => await store.SetAsync("k", "2")).Should().ThrowAsync<TriggerStateCorruptException>();

        (await File.ReadAllBytesAsync(_path)).Should().Equal(corrupt);
        DataFiles().Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_CorruptFileRepairedByHost_ReadsRepairedState()
    {
        await File.WriteAllTextAsync(_path, "{broken");
        using var store = new FileTriggerStateStore(_path);
        await FluentActions.Awaiting(async () => await store.GetAsync("k")).Should().ThrowAsync<TriggerStateCorruptException>();

        await File.WriteAllTextAsync(_path, "{\"version\":1,\"entries\":{\"k\":\"{\\\"n\\\":1}\"}}");

        (await store.GetAsync("k")).Should().Be("{\"n\":1}");
    }

    [Fact]
    public async Task SetAsync_ConcurrentWritersInOneProcess_EveryValuePersisted()
    {
        using (var store = new FileTriggerStateStore(_path))
        {
            await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            {
                await store.SetAsync("k" + i, i.ToString());
                (await store.GetAsync("k" + i)).Should().Be(i.ToString());
            })));
        }

        using var after = new FileTriggerStateStore(_path);
        for (var i = 0; i < 64; i++)
        {
            (await after.GetAsync("k" + i)).Should().Be(i.ToString());
        }

        DataFiles().Should().ContainSingle();
    }

    [Fact]
    public async Task SetAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        using var store = new FileTriggerStateStore(_path);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await FluentActions.Awaiting(async () => await store.SetAsync("k", "1", cts.Token)).Should().ThrowAsync<OperationCanceledException>();

        File.Exists(_path).Should().BeFalse();
        (await store.GetAsync("k")).Should().BeNull();
    }

    [Fact]
    public void Constructor_RelativePath_ExposesFullPath()
    {
        using var store = new FileTriggerStateStore(new FileTriggerStateStoreOptions { Path = "state/triggers.json" });

        store.FilePath.Should().Be(Path.GetFullPath("state/triggers.json"));
    }

    [Fact]
    public void Constructor_InvalidPath_Throws()
    {
        FluentActions.Invoking(() => new FileTriggerStateStore((string)null!)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => new FileTriggerStateStore(" ")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => new FileTriggerStateStore("bad\0name.json")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => new FileTriggerStateStore(_directory)).Should().Throw<ArgumentException>()
            .WithParameterName("path").WithMessage("*names a directory*");
        FluentActions.Invoking(() => new FileTriggerStateStore(_directory + Path.DirectorySeparatorChar + "x" + Path.DirectorySeparatorChar))
            .Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => new FileTriggerStateStore((FileTriggerStateStoreOptions)null!)).Should().Throw<ArgumentNullException>()
            .WithParameterName("options");
        FluentActions.Invoking(() => new FileTriggerStateStore(new FileTriggerStateStoreOptions())).Should().Throw<ArgumentException>()
            .WithParameterName("options").WithMessage("*Path is required*");
    }

    [Fact]
    public async Task Methods_InvalidKeyOrState_Throw()
    {
        using var store = new FileTriggerStateStore(_path);

        await FluentActions.Awaiting(async () => await store.GetAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(async () => await store.SetAsync(null!, "x")).Should().ThrowAsync<ArgumentNullException>().WithParameterName("key");
        await FluentActions.Awaiting(async () => await store.SetAsync("k", null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("state");
        await FluentActions.Awaiting(async () => await store.RemoveAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        File.Exists(_path).Should().BeFalse();
    }
}
