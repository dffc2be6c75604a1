using System.Text;
using RetrainTriggers.Storage;

namespace RetrainTriggers.Tests.Storage;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WriteAsync_ReplacesContentAndLeavesNoTemporary()
    {
        var path = Path.Combine(_folder, "doc.json");
        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("old"), CancellationToken.None);

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("new"), CancellationToken.None);

        (await File.ReadAllTextAsync(path)).Should().Be("new");
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeRename_KeepsOldContentAndRemovesTemporary()
    {
        var path = Path.Combine(_folder, "doc.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("old"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("new"), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await File.ReadAllTextAsync(path)).Should().Be("old");
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public async Task WriteAsync_MissingFolder_ThrowsAndWritesNothing()
    {
        var path = Path.Combine(_folder, "missing", "doc.json");

        var act = () => AtomicFile.WriteAsync(path, new byte[] { 1 }, CancellationToken.None);

        await act.Should().ThrowAsync<DirectoryNotFoundException>();
        Directory.Exists(Path.Combine(_folder, "missing")).Should().BeFalse();
    }

    [Fact]
    public async Task ReadAsync_MissingFileOrFolder_ReturnsNull()
    {
        (await AtomicFile.ReadAsync(Path.Combine(_folder, "none.json"), 10, CancellationToken.None)).Should().BeNull();
        (await AtomicFile.ReadAsync(Path.Combine(_folder, "none", "x.json"), 10, CancellationToken.None)).Should().BeNull();
        AtomicFile.Read(Path.Combine(_folder, "none.json"), 10).Should().BeNull();
    }

    [Fact]
    public async Task ReadAsync_AtLimit_ReturnsContent()
    {
        var path = Path.Combine(_folder, "doc.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("12345"));

        (await AtomicFile.ReadAsync(path, 5, CancellationToken.None)).Should().Equal(Encoding.UTF8.GetBytes("12345"));
        AtomicFile.Read(path, 5).Should().Equal(Encoding.UTF8.GetBytes("12345"));
    }

    [Fact]
    public async Task ReadAsync_OverLimit_ThrowsNamingFileSizeAndOption()
    {
        var path = Path.Combine(_folder, "doc.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("123456"));

        var act = () => AtomicFile.ReadAsync(path, 5, "Options.MaxBytes", CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidDataException>())
            .WithMessage($"The file '{path}' is 6 bytes, larger than the limit of 5 bytes; it was not read. If the file is legitimate, raise Options.MaxBytes.");
        ((Action)(() => AtomicFile.Read(path, 5))).Should().Throw<InvalidDataException>().WithMessage($"*'{path}' is 6 bytes*");
    }

    [Fact]
    public void ReadAsync_WhileAnotherReaderHoldsTheFile_Succeeds()
    {
        var path = Path.Combine(_folder, "doc.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("abc"));
        using var other = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);

        AtomicFile.Read(path, 10).Should().Equal(Encoding.UTF8.GetBytes("abc"));
    }

    [Fact]
    public void Write_WhileAReaderHoldsTheOldFile_ReplacesIt()
    {
        var path = Path.Combine(_folder, "doc.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("old"));
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        AtomicFile.Write(path, Encoding.UTF8.GetBytes("new"));

        File.ReadAllText(path).Should().Be("new");
    }

    [Fact]
    public void RemoveStaleTemporaries_RemovesOnlyTemporariesOfThatFile()
    {
        var path = Path.Combine(_folder, "state.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("{}"));
        var stale1 = Path.Combine(_folder, ".state.json.0123abcd.tmp");
        var stale2 = AtomicFile.TempPathFor(path);
        var otherTemp = Path.Combine(_folder, ".other.json.0123abcd.tmp");
        var lookalike = Path.Combine(_folder, "state.json.tmp");
        foreach (var file in new[] { stale1, stale2, otherTemp, lookalike })
        {
            File.WriteAllText(file, "x");
        }

        AtomicFile.RemoveStaleTemporaries(path).Should().Be(2);

        Directory.GetFiles(_folder).Order(StringComparer.Ordinal).Should().Equal(new[] { path, otherTemp, lookalike }.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(".state.json.abc.tmp", true)]
    [InlineData(".state.json..tmp", false)]
    [InlineData("state.json.abc.tmp", false)]
    [InlineData(".state.json.abc", false)]
    [InlineData(".other.json.abc.tmp", false)]
    public void IsTemporaryOf_RecognisesOnlyThePattern(string name, bool expected) =>
        AtomicFile.IsTemporaryOf(name, "state.json").Should().Be(expected);
}
