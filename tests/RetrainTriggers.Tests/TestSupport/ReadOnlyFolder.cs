using System.Diagnostics;

namespace RetrainTriggers.Tests.TestSupport;

/// <summary>How <see cref="ReadOnlyFolder"/> denies writes, even to root (who ignores permission bits).</summary>
public enum ReadOnlyKind
{
    /// <summary>A read-only bind mount of the folder over itself: every write fails with EROFS (an <see cref="IOException"/>), as on a read-only volume.</summary>
    Mount,

    /// <summary>The immutable attribute (<c>chattr +i</c>) on the folder and everything in it: every write fails with EPERM (an <see cref="UnauthorizedAccessException"/>), as in a folder without write permission.</summary>
    Immutable,
}

/// <summary>Makes an existing folder read-only for this process, root included, until disposed; fails (never skips) when it cannot.</summary>
/// <remarks>
/// Needs Linux and root: <see cref="ReadOnlyKind.Mount"/> uses <c>mount</c> (util-linux, CAP_SYS_ADMIN),
/// <see cref="ReadOnlyKind.Immutable"/> uses <c>chattr</c> (e2fsprogs, CAP_LINUX_IMMUTABLE, a file system with the
/// attribute such as ext4). Both are checked by writing a probe file, which must be refused.
/// </remarks>
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly ReadOnlyKind _kind;
    private bool _applied;

    private ReadOnlyFolder(string path, ReadOnlyKind kind)
    {
        _path = Path.GetFullPath(path);
        _kind = kind;
    }

    /// <summary>Makes <paramref name="path"/> read-only.</summary>
    public static ReadOnlyFolder Apply(string path, ReadOnlyKind kind)
    {
        var folder = new ReadOnlyFolder(path, kind);
        try
        {
            folder.Apply();
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_applied)
        {
            return;
        }

        _applied = false;
        if (_kind == ReadOnlyKind.Mount)
        {
            // Lazy: detached at once even if a handle is still open, so a failed test never leaves the mount behind.
            Run("umount", "--lazy", _path);
        }
        else
        {
            Run("chattr", "-R", "-i", _path);
        }
    }

    private void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Read-only folder tests need Linux (mount or chattr).");
        }

        if (_kind == ReadOnlyKind.Mount)
        {
            Run("mount", "--bind", _path, _path);
            _applied = true;
            Run("mount", "-o", "remount,bind,ro", _path);
        }
        else
        {
            _applied = true;
            Run("chattr", "-R", "+i", _path);
        }

        var probe = Path.Combine(_path, ".write-probe");
        try
        {
            File.WriteAllText(probe, "x");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        File.Delete(probe);
        throw new InvalidOperationException($"'{_path}' was made read-only with {_kind} but a file could still be written there.");
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', args)}' exited with {process.ExitCode}: {error.Trim()} (read-only folder tests run as root on Linux: mount needs CAP_SYS_ADMIN, chattr needs CAP_LINUX_IMMUTABLE and the e2fsprogs package)");
        }
    }
}
