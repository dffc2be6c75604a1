using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using RetrainTriggers.MLNet.Tests.TestSupport;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests.Hardening;

/// <summary>
/// The registry's probes of the hardening list, run again in one go: a folder numbered 2147483647, a manifest whose model
/// file is "..", a corrupt zip with a matching hash, an alias naming a missing version, a version folder linked outside the
/// root and a 30 MB manifest. Each gives the documented exception naming the file; the champion never changes.
/// </summary>
public sealed class RegistryProbeBatteryTests : IDisposable, IClassFixture<FileSystemModelRegistryTests.ModelFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _temp = new();
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly FileSystemModelRegistryTests.ModelFixture _fixture;

    public RegistryProbeBatteryTests(FileSystemModelRegistryTests.ModelFixture fixture) => _fixture = fixture;

    private string Root => _temp.Combine("registry");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task VersionFolder2147483647_NextRegistrationThrowsNamingItInsteadOfOverflowing()
    {
        var registry = await RegistryWithVersions(1);
        var highest = Path.Combine(Root, "versions", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(highest);

        (await FluentActions.Awaiting(() => registry.RegisterAsync(Trained(), Request("run-2"))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain(highest);
    }

    [Fact]
    public async Task ManifestModelFileDotDot_ThrowsNamingManifestAndField()
    {
        var registry = await RegistryWithVersions(1);
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["modelFile"] = "..";
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        await FluentActions.Awaiting(() => registry.GetVersionAsync(1)).Should().ThrowAsync<InvalidDataException>().WithMessage($"*{manifestPath}*modelFile*");
        await FluentActions.Awaiting(() => registry.PromoteAsync(1, "x")).Should().ThrowAsync<InvalidDataException>();
        (await registry.GetChampionAsync()).Should().BeNull();
    }

    [Fact]
    public async Task CorruptZipWithUpdatedHash_LoadThrowsNamingModelFile()
    {
        var registry = await RegistryWithVersions(1);
        var modelPath = Path.Combine(Root, "versions", "1", "model.zip");
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        byte[] garbage = [1, 2, 3, 4, 5, 6, 7, 8];
        await File.WriteAllBytesAsync(modelPath, garbage);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["modelSha256"] = Convert.ToHexString(SHA256.HashData(garbage)).ToLowerInvariant();
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        (await FluentActions.Awaiting(() => registry.LoadModelAsync(1)).Should().ThrowAsync<InvalidDataException>())
            .Which.Message.Should().Contain(modelPath).And.Contain("ML.NET cannot load it");
    }

    [Fact]
    public async Task AliasNamingMissingVersion_ReadsThrowNamingTheAlias()
    {
        var registry = await RegistryWithVersions(2);
        await registry.PromoteAsync(2, "v2");
        Directory.Delete(Path.Combine(Root, "versions", "2"), recursive: true);

        (await FluentActions.Awaiting(() => registry.GetChampionAsync()).Should().ThrowAsync<InvalidDataException>())
            .Which.Message.Should().Contain(Path.Combine(Root, "champion")).And.Contain("version 2, which does not exist");
        await FluentActions.Awaiting(() => registry.LoadChampionAsync()).Should().ThrowAsync<InvalidDataException>();
    }

    [Fact]
    public async Task VersionFolderSymlinkedOutsideTheRoot_IsNotListedLoadedOrPromoted()
    {
        var registry = await RegistryWithVersions(1);
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "versions", "1")))
        {
            File.Copy(file, Path.Combine(outside, Path.GetFileName(file)));
        }

        var link = Path.Combine(Root, "versions", "2");
        Directory.CreateSymbolicLink(link, outside);

        (await registry.GetVersionsAsync()).Select(v => v.Version).Should().Equal(1);
        (await FluentActions.Awaiting(() => registry.LoadModelAsync(2)).Should().ThrowAsync<InvalidDataException>())
            .Which.Message.Should().Contain(link).And.Contain("outside the registry root");
        await FluentActions.Awaiting(() => registry.PromoteAsync(2, "linked")).Should().ThrowAsync<InvalidDataException>();
        (await registry.GetChampionAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Manifest30Megabytes_RefusedUnreadByMaxDocumentBytesNamingFileAndOption()
    {
        await RegistryWithVersions(1);
        var manifestPath = Path.Combine(Root, "versions", "1", "manifest.json");
        await File.WriteAllTextAsync(manifestPath, "{\"version\":1," + new string(' ', 30 * 1024 * 1024) + "}");
        var limited = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = new FakeTimeProvider(T0), MaxDocumentBytes = 16 * 1024 * 1024 });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var thrown = await FluentActions.Awaiting(() => limited.GetVersionAsync(1)).Should().ThrowAsync<InvalidDataException>();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        thrown.Which.Message.Should().Contain(manifestPath).And.Contain("FileSystemModelRegistryOptions.MaxDocumentBytes");
        allocated.Should().BeLessThan(8L * 1024 * 1024, "a file over the limit is refused by its size, unread");
        FileSystemModelRegistryOptions.DefaultMaxDocumentBytes.Should().Be(64L * 1024 * 1024, "the documented default");
    }

    private async Task<FileSystemModelRegistry> RegistryWithVersions(int count)
    {
        var registry = new FileSystemModelRegistry(Root, _mlContext, new FileSystemModelRegistryOptions { TimeProvider = new FakeTimeProvider(T0), Actor = "tests" });
        for (var i = 1; i <= count; i++)
        {
            await registry.RegisterAsync(Trained(), Request("run-" + i));
        }

        return registry;
    }

    private TrainedModel<ITransformer> Trained() => new(_fixture.Model, 300);

    private static TrainingRequest Request(string runId) => new("churn", runId, "scheduled retrain");
}
