using System.Diagnostics;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.MLNet.Tests;

/// <summary>The registry in a folder that really cannot be written, even by root (see <see cref="ReadOnlyFolder"/>).</summary>
public sealed partial class FileSystemModelRegistryTests
{
    [Theory]
    [InlineData(ReadOnlyKind.Mount, typeof(IOException), "is on a read-only file system; mount it read-write or point the store at a writable folder")]
    [InlineData(ReadOnlyKind.Immutable, typeof(UnauthorizedAccessException), "access was denied; give this process read and write access to")]
    public async Task ReadOnlyFolder_ReadsWorkAndEveryWriteThrowsNamingRootAndRemedyChangingNothing(ReadOnlyKind kind, Type exceptionType, string remedy)
    {
        var writable = NewRegistry();
        await writable.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        await writable.RegisterAsync(Trained(), Request("run-2"), _data.Schema);
        await writable.PromoteAsync(1, "first");
        var before = Snapshot(Root);

        using (ReadOnlyFolder.Apply(Root, kind))
        {
            var registry = NewRegistry();
            (await registry.GetChampionAsync())!.Version.Should().Be(1);
            (await registry.GetVersionsAsync()).Should().HaveCount(2);
            (await registry.GetChampionHistoryAsync()).Should().ContainSingle();
            (await registry.LoadChampionAsync()).Should().NotBeNull();

            var started = Stopwatch.StartNew();
            var writes = new Func<Task>[]
            {
                async () => await registry.RegisterAsync(Trained(), Request("run-3"), _data.Schema),
                async () => await registry.PromoteAsync(2, "better"),
                async () => await registry.RollbackAsync("worse"),
                async () => await registry.SetAliasAsync("challenger", 2, "shadow"),
                async () => await registry.SetTagAsync(1, "stage", "prod"),
            };
            foreach (var write in writes)
            {
                var thrown = (await write.Should().ThrowAsync<Exception>()).Which;
                thrown.Should().BeOfType(exceptionType);
                thrown.Message.Should().StartWith($"The model registry '{Root}' cannot be written: ").And.Contain(remedy).And.Contain("Nothing was changed");
            }

            started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a folder that cannot be written is reported at once, not after the lock timeout");
            (await registry.GetChampionAsync())!.Version.Should().Be(1, "a write that reported failure did not happen");
        }

        Snapshot(Root).Should().BeEquivalentTo(before, "nothing was half-written");
    }

    [Theory]
    [InlineData(ReadOnlyKind.Mount)]
    [InlineData(ReadOnlyKind.Immutable)]
    public async Task ReadOnlyEmptyFolder_OpensAndFirstRegistrationThrowsNamingRoot(ReadOnlyKind kind)
    {
        Directory.CreateDirectory(Root);

        using (ReadOnlyFolder.Apply(Root, kind))
        {
            var registry = NewRegistry();
            (await registry.GetVersionsAsync()).Should().BeEmpty();
            (await FluentActions.Awaiting(() => registry.RegisterAsync(Trained(), Request("run-1"), _data.Schema)).Should().ThrowAsync<Exception>())
                .Which.Message.Should().StartWith($"The model registry '{Root}' cannot be written: ");
        }

        Directory.GetFileSystemEntries(Root).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadOnlyVersionsFolder_RegisterAndTagThrowNamingRootWhileAliasMovesStillWork()
    {
        var writable = NewRegistry();
        await writable.RegisterAsync(Trained(), Request("run-1"), _data.Schema);
        await writable.RegisterAsync(Trained(), Request("run-2"), _data.Schema);
        var versions = Path.Combine(Root, "versions");
        var before = Snapshot(versions);

        using (ReadOnlyFolder.Apply(versions, ReadOnlyKind.Immutable))
        {
            var registry = NewRegistry();
            var register = (await FluentActions.Awaiting(() => registry.RegisterAsync(Trained(), Request("run-3"), _data.Schema)).Should().ThrowAsync<UnauthorizedAccessException>()).Which;
            var tag = (await FluentActions.Awaiting(async () => await registry.SetTagAsync(1, "stage", "prod")).Should().ThrowAsync<UnauthorizedAccessException>()).Which;
            foreach (var thrown in new Exception[] { register, tag })
            {
                thrown.Message.Should().StartWith($"The model registry '{Root}' cannot be written: access was denied").And.Contain("Nothing was changed");
                thrown.InnerException.Should().BeOfType<UnauthorizedAccessException>();
            }

            (await registry.PromoteAsync(2, "the alias lives in the root, which is writable")).Version.Should().Be(2);
        }

        Snapshot(versions).Should().BeEquivalentTo(before, "a refused registration or tag left nothing behind");
        (await NewRegistry().GetVersionsAsync()).Select(v => v.Version).Should().Equal(1, 2);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(root, file), file => Convert.ToBase64String(File.ReadAllBytes(file)), StringComparer.Ordinal);
}
