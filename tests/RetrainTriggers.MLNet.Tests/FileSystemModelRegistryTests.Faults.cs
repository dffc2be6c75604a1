using System.Globalization;
using System.Text.Json.Nodes;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.MLNet.Tests;

public sealed partial class FileSystemModelRegistryTests
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void Ctor_WriterCreatesRegistryBetweenContentAndMarkerChecks_IsNotMistakenForForeignFolder()
    {
        // Another process creates the registry (marker, then its first version) while this constructor looks at the folder.
        var writer = NewRegistry();
        var created = false;
        void CreateConcurrently()
        {
            if (!created)
            {
                created = true;
                writer.RegisterAsync(Trained(), Request("run-1"), _data.Schema).GetAwaiter().GetResult();
            }
        }

        var act = () => new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = _time }, CreateConcurrently);

        act.Should().NotThrow();
        CreateConcurrently();
        var again = () => new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = _time }, CreateConcurrently);
        again.Should().NotThrow("content seen first means the marker is already there");
    }

    [Fact]
    public async Task RollbackAsync_OnlyFirstPromotion_SaysItWasTheFirst()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "v1");

        var act = async () => await registry.RollbackAsync("undo");

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("from version 1: it was the first version promoted");
    }

    [Fact]
    public async Task RegisterAsync_VersionFolderWithHighestNumber_ThrowsClearlyInsteadOfOverflow()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var highest = Path.Combine(Root, "versions", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(highest);

        var act = async () => await registry.RegisterAsync(Trained(), Request("run-2"), _data.Schema);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(highest).And.Contain("highest possible number");
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../1/model.zip")]
    [InlineData("")]
    public async Task GetVersionAsync_ManifestModelFileNotAPlainName_ThrowsNamingManifest(string modelFile)
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["modelFile"] = modelFile;
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var act = async () => await registry.GetVersionAsync(1);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifestPath}*modelFile*");
    }

    [Fact]
    public async Task LoadModelAsync_CorruptZipWithMatchingHash_ThrowsNamingModelFile()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var modelPath = Path.Combine(Root, "versions", "1", "model.zip");
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        var garbage = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        await File.WriteAllBytesAsync(modelPath, garbage);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["modelSha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(garbage)).ToLowerInvariant();
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var act = async () => await registry.LoadModelAsync(1);

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(modelPath).And.Contain("ML.NET cannot load it");
    }

    [Fact]
    public async Task GetChampionAsync_AliasNamesMissingVersion_ThrowsInvalidDataNamingAlias()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 2);
        await registry.PromoteAsync(2, "v2");
        Directory.Delete(Path.Combine(Root, "versions", "2"), recursive: true);
        var aliasPath = Path.Combine(Root, "champion");

        var get = async () => await registry.GetChampionAsync();
        var load = async () => await registry.LoadChampionAsync();

        (await get.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(aliasPath).And.Contain("version 2, which does not exist");
        await load.Should().ThrowAsync<InvalidDataException>();
    }

    [Fact]
    public async Task VersionFolderLinkedOutsideRoot_IsNotListedLoadedOrPromoted()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var outside = _temp.Combine("outside");
        CopyFolder(Path.Combine(Root, "versions", "1"), outside);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outside, "manifest.json")))!;
        manifest["version"] = 2;
        await File.WriteAllTextAsync(Path.Combine(outside, "manifest.json"), manifest.ToJsonString());
        var link = Path.Combine(Root, "versions", "2");
        Directory.CreateSymbolicLink(link, outside);

        (await registry.GetVersionsAsync()).Select(v => v.Version).Should().Equal(1);
        var load = async () => await registry.LoadModelAsync(2);
        var promote = async () => await registry.PromoteAsync(2, "linked");

        (await load.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(link).And.Contain("outside the registry root");
        await promote.Should().ThrowAsync<InvalidDataException>();
        (await registry.GetChampionAsync()).Should().BeNull();
        (await registry.RegisterAsync(Trained(), Request("run-3"), _data.Schema)).Version.Should().Be(3, "a linked folder still holds its number");
    }

    [Fact]
    public async Task ModelFileLinkedOutsideRoot_IsRefused()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        var modelPath = Path.Combine(Root, "versions", "1", "model.zip");
        var outside = _temp.Combine("model-outside.zip");
        File.Move(modelPath, outside);
        File.CreateSymbolicLink(modelPath, outside);

        var load = async () => await registry.LoadModelAsync(1);

        (await load.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(modelPath).And.Contain("outside the registry root");
    }

    [Fact]
    public async Task Reads_DocumentsOverSizeLimit_ThrowNamingFileAndOption()
    {
        var small = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = _time, MaxDocumentBytes = 200, MaxHistoryBytes = 100 });
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, new string('x', 150));

        var version = async () => await small.GetVersionAsync(1);
        var history = async () => await small.GetChampionHistoryAsync();

        (await version.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("manifest.json").And.Contain("MaxDocumentBytes");
        (await history.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("MaxDocumentBytes", "the alias is read first and is over 200 bytes too");
        var historyOnly = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = _time, MaxHistoryBytes = 100 });
        (await FluentActions.Awaiting(() => historyOnly.GetChampionHistoryAsync()).Should().ThrowAsync<InvalidDataException>())
            .Which.Message.Should().Contain("champion-history.jsonl").And.Contain("MaxHistoryBytes");
    }

    [Fact]
    public async Task PromoteAsync_WhileAReaderHasTheHistoryOpen_SucceedsAndTakesEffect()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 2);
        await registry.PromoteAsync(1, "v1");

        // What File.ReadAllBytes does: open for reading with FileShare.Read.
        await using (new FileStream(Path.Combine(Root, "champion-history.jsonl"), FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            (await registry.PromoteAsync(2, "v2")).Version.Should().Be(2);
        }

        (await registry.GetChampionAsync())!.Version.Should().Be(2);
        (await registry.GetChampionHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Reads_WhileAWriterHoldsTheLock_Succeed()
    {
        var registry = NewRegistry();
        await RegisterVersions(registry, 1);
        await registry.PromoteAsync(1, "v1");

        await using (new FileStream(Path.Combine(Root, "registry.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            (await registry.GetChampionAsync())!.Version.Should().Be(1);
            (await registry.GetChampionHistoryAsync()).Should().ContainSingle();
            (await registry.GetVersionsAsync()).Should().ContainSingle();
            (await registry.LoadChampionAsync())!.Model.Should().NotBeNull();
        }
    }

    [Fact]
    public async Task TwoWriterProcessesAndAReaderProcess_NoFalseFailureAndNothingLost()
    {
        const int PerWriter = 6;
        var modelZip = _temp.Combine("seed-model.zip");
        Directory.CreateDirectory(_temp.Path);
        _mlContext.Model.Save(_model, _data.Schema, modelZip);
        var stop = _temp.Combine("stop");

        using var reader = ChildProcess.Start("registry-reader", Root, stop);
        using var a = ChildProcess.Start("registry-writer", Root, modelZip, "a", PerWriter.ToString(CultureInfo.InvariantCulture));
        using var b = ChildProcess.Start("registry-writer", Root, modelZip, "b", PerWriter.ToString(CultureInfo.InvariantCulture));
        (await reader.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        (await a.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        (await b.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        await Task.WhenAll(a.WriteLineAsync("go"), b.WriteLineAsync("go"));
        await Task.WhenAll(a.WaitAsync(ChildTimeout), b.WaitAsync(ChildTimeout));
        await File.WriteAllTextAsync(stop, "stop");
        var rounds = int.Parse((await reader.ReadLineAsync(ChildTimeout))!, CultureInfo.InvariantCulture);
        await reader.WaitAsync(ChildTimeout);

        rounds.Should().BePositive();
        var registry = NewRegistry();
        var versions = await registry.GetVersionsAsync();
        versions.Select(v => v.Version).Should().Equal(Enumerable.Range(1, 2 * PerWriter));
        var history = await registry.GetChampionHistoryAsync();
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, 2 * PerWriter).Select(i => (long)i));
        history.GroupBy(h => h.Actor).Select(g => g.Count()).Should().Equal(PerWriter, PerWriter);
        (await registry.GetChampionAsync())!.Version.Should().Be(history[^1].Version);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
