using System.Globalization;

namespace RetrainTriggers.Storage;

/// <summary>Whole-file writes that never leave a partial file behind, and bounded reads, for the library's file stores.</summary>
/// <remarks>
/// <para>
/// A write goes to a temporary file in the target's folder (<c>.&lt;name&gt;.&lt;guid&gt;.tmp</c>), is flushed to disk
/// and then renamed over the target, so a reader (or a process restarted after a crash) sees either the old or the
/// new content, never a mix. A crash between the flush and the rename leaves a temporary file, which no reader
/// looks at; <see cref="RemoveStaleTemporaries"/> removes those while the caller holds the writers' lock.
/// </para>
/// <para>
/// Data files are opened with sharing that never conflicts with another reader or with the rename, so readers need
/// no lock: only <see cref="FileLock"/> opens files exclusively.
/// </para>
/// </remarks>
internal static class AtomicFile
{
    /// <summary>The suffix of every temporary file written next to a target.</summary>
    public const string TempSuffix = ".tmp";

    private const FileShare ReaderShare = FileShare.ReadWrite | FileShare.Delete;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically and durably.</summary>
    /// <param name="path">The target file; its folder must exist.</param>
    /// <param name="content">The complete new content.</param>
    /// <param name="cancellationToken">Cancels the write before the rename; after the rename the write has happened.</param>
    /// <returns>A task that completes when the new content is on disk under <paramref name="path"/>.</returns>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temp = TempPathFor(path);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically and durably (synchronous variant).</summary>
    /// <param name="path">The target file; its folder must exist.</param>
    /// <param name="content">The complete new content.</param>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = TempPathFor(path);
        try
        {
            WriteNew(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates <paramref name="path"/>, which must not exist, with <paramref name="content"/> flushed to disk.</summary>
    /// <param name="path">A new file (for example inside a temporary folder that is renamed as a whole later).</param>
    /// <param name="content">The content.</param>
    public static void WriteNew(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a whole file, refusing one larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest accepted size in bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or <see langword="null"/> when the file (or its folder) does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>; the message names it.</exception>
    public static Task<byte[]?> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(path, maxBytes, limitName: null, cancellationToken);

    /// <summary>Reads a whole file, refusing one larger than <paramref name="maxBytes"/>, naming the setting that raises the limit.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest accepted size in bytes.</param>
    /// <param name="limitName">The option that sets <paramref name="maxBytes"/>, for the error message; or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or <see langword="null"/> when the file (or its folder) does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>; the message names it.</exception>
    public static async Task<byte[]?> ReadAsync(string path, long maxBytes, string? limitName, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
#pragma warning disable CA2000 // Disposed by the await using below; null when the file is missing.
        var stream = OpenForReading(path, FileOptions.Asynchronous);
#pragma warning restore CA2000
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            var length = stream.Length;
            CheckSize(path, length, maxBytes, limitName);
            var buffer = new byte[length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return buffer[..read];
                }

                read += n;
            }

            // Files are replaced by rename, not grown in place, except append-only logs: read what was there at open.
            return buffer;
        }
    }

    /// <summary>Reads a whole file, refusing one larger than <paramref name="maxBytes"/> (synchronous variant).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest accepted size in bytes.</param>
    /// <param name="limitName">The option that sets <paramref name="maxBytes"/>, for the error message; or <see langword="null"/>.</param>
    /// <returns>The content, or <see langword="null"/> when the file (or its folder) does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>; the message names it.</exception>
    public static byte[]? Read(string path, long maxBytes, string? limitName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var stream = OpenForReading(path, FileOptions.None);
        if (stream is null)
        {
            return null;
        }

        var length = stream.Length;
        CheckSize(path, length, maxBytes, limitName);
        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return buffer[..read];
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>Gets a new unique temporary path next to <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <returns><c>&lt;folder&gt;/.&lt;name&gt;.&lt;guid&gt;.tmp</c>.</returns>
    public static string TempPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + TempSuffix);
    }

    /// <summary>Tells whether <paramref name="fileName"/> is a temporary file of a write to <paramref name="targetFileName"/>.</summary>
    /// <param name="fileName">A file name (no folder).</param>
    /// <param name="targetFileName">The target's file name (no folder).</param>
    /// <returns><see langword="true"/> for <c>.&lt;target&gt;.&lt;anything&gt;.tmp</c>.</returns>
    public static bool IsTemporaryOf(string fileName, string targetFileName) =>
        fileName.Length > targetFileName.Length + 2 + TempSuffix.Length
        && fileName.StartsWith("." + targetFileName + ".", StringComparison.Ordinal)
        && fileName.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>Deletes the temporary files that crashed writers of <paramref name="path"/> left behind.</summary>
    /// <param name="path">The target file.</param>
    /// <returns>How many files were removed.</returns>
    /// <remarks>
    /// Call only while holding the lock that every writer of <paramref name="path"/> holds while it writes: then no
    /// temporary file belongs to a live writer. A file that cannot be deleted is left for the next attempt.
    /// </remarks>
    public static int RemoveStaleTemporaries(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "." + name + ".*" + TempSuffix))
        {
            if (IsTemporaryOf(Path.GetFileName(file), name) && TryDelete(file))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Deletes a file, ignoring failures (a leftover is harmless and removed later).</summary>
    /// <param name="path">The file.</param>
    /// <returns><see langword="true"/> when the file is gone.</returns>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static FileStream? OpenForReading(string path, FileOptions options)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, ReaderShare, 4096, options);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static void CheckSize(string path, long length, long maxBytes, string? limitName)
    {
        if (length > maxBytes)
        {
            var raise = limitName is null ? string.Empty : $" If the file is legitimate, raise {limitName}.";
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The file '{path}' is {length} bytes, larger than the limit of {maxBytes} bytes; it was not read.{raise}"));
        }
    }
}
