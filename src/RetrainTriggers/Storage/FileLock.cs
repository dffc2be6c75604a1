using System.Globalization;

namespace RetrainTriggers.Storage;

/// <summary>An exclusive lock shared by every process on one machine, held by keeping a lock file open with <see cref="FileShare.None"/>.</summary>
/// <remarks>
/// <para>
/// The operating system releases the lock when the holder disposes it or dies, so a crashed holder never blocks
/// others. The lock file itself is left in place (it holds no data).
/// </para>
/// <para>
/// Fairness: a waiter that cannot take the lock at once queues a ticket file next to the lock file
/// (<c>&lt;lock&gt;.wait-&lt;utc ticks&gt;-&lt;guid&gt;</c>, also held open exclusively, deleted on release). Only the oldest
/// live ticket may take the lock, and a newcomer that sees any live ticket queues behind it, so a writer that releases
/// and re-acquires in a loop cannot starve another. A ticket left by a crashed waiter is not held open by anyone;
/// the next waiter that looks at it deletes it.
/// </para>
/// <para>
/// It relies on the operating system's exclusive file locks (flock on Unix, sharing modes on Windows), so the folder
/// should be on a local file system.
/// </para>
/// </remarks>
internal sealed class FileLock : IAsyncDisposable, IDisposable
{
    /// <summary>The infix of ticket files: <c>&lt;lock file name&gt;.wait-…</c>.</summary>
    public const string TicketInfix = ".wait-";

    private static readonly TimeSpan FirstInLineDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(4);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(64);

    private FileStream? _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>Gets the full path of the lock file.</summary>
    public string Path { get; }

    /// <summary>Waits for the lock on <paramref name="lockFilePath"/>.</summary>
    /// <param name="lockFilePath">The lock file; its folder must exist. It is created when missing.</param>
    /// <param name="timeout">How long to wait before giving up; positive.</param>
    /// <param name="time">The clock that measures the timeout and the back-off delays.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="TimeoutException">Another holder kept the lock longer than <paramref name="timeout"/>; the message names the file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file cannot be created or opened for writing.</exception>
    /// <exception cref="IOException">The lock file's folder is on a read-only file system (thrown at once, not after the timeout).</exception>
    /// <exception cref="DirectoryNotFoundException">The lock file's folder does not exist.</exception>
    public static async ValueTask<FileLock> AcquireAsync(string lockFilePath, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockFilePath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);

        var path = System.IO.Path.GetFullPath(lockFilePath);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var name = System.IO.Path.GetFileName(path);
        var started = time.GetTimestamp();
        var backoff = InitialBackoff;
        FileStream? ticket = null;
        string? ticketName = null;
        IOException? failure = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = IsFirstInLine(folder, name, ticketName);
                if (first)
                {
#pragma warning disable CA2000 // Owned by the returned lock.
                    var stream = TryOpen(path, ref failure);
#pragma warning restore CA2000
                    if (stream is not null)
                    {
                        return new FileLock(path, stream);
                    }
                }

                if (ticket is null)
                {
                    (ticket, ticketName) = CreateTicket(folder, name, time);
                    if (ticket is not null)
                    {
                        // Look again at once: the holder may be gone and this waiter first in line.
                        continue;
                    }
                }

                var waited = time.GetElapsedTime(started);
                if (waited >= timeout)
                {
                    throw new TimeoutException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Timed out after {timeout.TotalSeconds:0.###} s waiting for the lock file '{path}'; another process or instance holds it (or is ahead in line). Retry later, or raise the lock timeout."),
                        failure);
                }

                var delay = first ? FirstInLineDelay : Jitter(backoff);
                if (delay > timeout - waited)
                {
                    delay = timeout - waited;
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }
        finally
        {
            // DeleteOnClose removes the ticket.
            ticket?.Dispose();
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _stream, null)?.Dispose();
    }

    /// <summary>Releases the lock.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Tells whether <paramref name="fileName"/> is a ticket of the lock file <paramref name="lockFileName"/>.</summary>
    /// <param name="fileName">A file name (no folder).</param>
    /// <param name="lockFileName">The lock file's name (no folder).</param>
    /// <returns><see langword="true"/> for <c>&lt;lock&gt;.wait-…</c>.</returns>
    public static bool IsTicketOf(string fileName, string lockFileName) =>
        fileName.StartsWith(lockFileName + TicketInfix, StringComparison.Ordinal);

    private static FileStream? TryOpen(string path, ref IOException? failure)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex is not DirectoryNotFoundException and not FileNotFoundException and not PathTooLongException
            && !FileErrors.IsReadOnlyFileSystem(ex))
        {
            // Held by another process (or briefly unavailable): wait. A read-only file system never frees up, so it is thrown.
            failure = ex;
            return null;
        }
    }

    /// <summary>No live ticket older than <paramref name="mine"/> (or, without a ticket, no live ticket at all).</summary>
    private static bool IsFirstInLine(string folder, string lockName, string? mine)
    {
        foreach (var file in Directory.EnumerateFiles(folder, lockName + TicketInfix + "*").Order(StringComparer.Ordinal))
        {
            var fileName = System.IO.Path.GetFileName(file);
            if (mine is not null && string.CompareOrdinal(fileName, mine) >= 0)
            {
                return true;
            }

            if (IsLive(file))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A ticket is live while its owner holds it open; one nobody holds is stale and is deleted.</summary>
    private static bool IsLive(string ticketPath)
    {
        try
        {
            using var probe = new FileStream(ticketPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // Gone, or not ours to judge: do not wait for it.
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static (FileStream? Ticket, string? Name) CreateTicket(string folder, string lockName, TimeProvider time)
    {
        // Wall-clock ticks order tickets across processes (the injected clock may be a test clock; the order must not depend on it).
        var ticks = TimeProvider.System.GetUtcNow().UtcTicks;
        _ = time;
        var name = string.Create(CultureInfo.InvariantCulture, $"{lockName}{TicketInfix}{ticks:D19}-{Guid.NewGuid():N}");
        var path = System.IO.Path.Combine(folder, name);
        try
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            if (!File.Exists(path))
            {
                // Another waiter judged it stale between its creation and its lock: queue again next time round.
                stream.Dispose();
                return (null, null);
            }

            return (stream, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without a ticket the waiter still retries; it only loses its place in line.
            return (null, null);
        }
    }

    private static TimeSpan Jitter(TimeSpan backoff) =>
        TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (Random.Shared.NextDouble() * 0.5))));
}
