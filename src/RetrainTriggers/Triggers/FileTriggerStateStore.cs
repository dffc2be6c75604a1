using System.Globalization;
using RetrainTriggers.Storage;

namespace RetrainTriggers;

/// <summary>An <see cref="ITriggerStateStore"/> that keeps every trigger's state in one JSON file, safe to share between processes and across restarts.</summary>
/// <remarks>
/// <para>
/// The file is a versioned document with each state embedded as JSON,
/// <c>{"version":2,"entries":{"root/drift-sustained":{"since":"…"}}}</c>; files written with version 1 (each state a
/// JSON string) are still read, and rewritten as version 2 on the next change.
/// </para>
/// <para>
/// Atomicity: every change is written to a temporary file in the same folder (<c>.&lt;name&gt;.&lt;guid&gt;.tmp</c>),
/// flushed to disk and renamed over the file, so a crash leaves the last good document in place. Temporary files left
/// by crashed writers are never read and are removed when a store opens the file.
/// </para>
/// <para>
/// Processes: a change takes the lock file <c>&lt;name&gt;.lock</c> beside the state file (an exclusive operating-system
/// lock, see <see cref="FileTriggerStateStoreOptions.LockTimeout"/>), reads the current file, changes its one key and
/// writes the result, so several processes (or instances) on one file each keep their keys. Reads take no lock: they
/// read the current file, which is only ever replaced whole.
/// </para>
/// <para>
/// Failures: a file that cannot be read as a state document raises <see cref="TriggerStateCorruptException"/> on every
/// call and is never overwritten, until the host repairs, moves or deletes it. Any other failure to read or write
/// (denied access, a read-only folder or file system, a folder at the file's path, a file where its folder should be,
/// the lock held too long) raises
/// <see cref="FileTriggerStateStoreException"/> naming the state file and what to do; the failed call changed nothing.
/// </para>
/// </remarks>
public sealed class FileTriggerStateStore : ITriggerStateStore, IDisposable
{
    /// <summary>The suffix of the temporary files written next to the state file.</summary>
    internal const string TempFileSuffix = AtomicFile.TempSuffix;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _lockTimeout;
    private readonly long _maxFileBytes;
    private readonly int _maxStateBytes;
    private int _opened;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStore"/> class.</summary>
    /// <param name="path">The path of the state file; it need not exist yet (a missing file is an empty store).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, invalid or names a directory.</exception>
    public FileTriggerStateStore(string path)
        : this(new FileTriggerStateStoreOptions { Path = path ?? throw new ArgumentNullException(nameof(path)) }, nameof(path))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStore"/> class from options.</summary>
    /// <param name="options">The options; <see cref="FileTriggerStateStoreOptions.Path"/> is required.</param>
    /// <exception cref="ArgumentException"><see cref="FileTriggerStateStoreOptions.Path"/> is missing, invalid or names a directory.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout or size limit is not positive.</exception>
    public FileTriggerStateStore(FileTriggerStateStoreOptions options)
        : this(options, nameof(options))
    {
    }

    private FileTriggerStateStore(FileTriggerStateStoreOptions options, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(options, parameterName);
        if (parameterName == nameof(options) && string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("FileTriggerStateStoreOptions.Path is required: give the path of the state file.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, parameterName);
        if (!TryGetFullPath(options.Path, out var fullPath, out var problem))
        {
            throw new ArgumentException($"The trigger state file path '{options.Path}' {problem}.", parameterName);
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, options.LockTimeout, "FileTriggerStateStoreOptions.LockTimeout must be positive.");
        }

        if (options.MaxFileBytes <= 0 || options.MaxStateBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, "FileTriggerStateStoreOptions.MaxFileBytes and MaxStateBytes must be positive.");
        }

        FilePath = fullPath;
        LockPath = fullPath + ".lock";
        _lockTimeout = options.LockTimeout;
        _maxFileBytes = options.MaxFileBytes;
        _maxStateBytes = options.MaxStateBytes;
    }

    /// <summary>Gets the full path of the state file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the full path of the lock file that writers hold.</summary>
    internal string LockPath { get; }

    /// <inheritdoc />
    /// <exception cref="TriggerStateCorruptException">The state file is not a valid state document.</exception>
    /// <exception cref="FileTriggerStateStoreException">The state file cannot be read; the message names it and what to do.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ThrowIfDisposed();
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var entries = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return entries.TryGetValue(key, out var state) ? state : null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a JSON document or is larger than <see cref="FileTriggerStateStoreOptions.MaxStateBytes"/>.</exception>
    /// <exception cref="TriggerStateCorruptException">The state file is not a valid state document; nothing is written.</exception>
    /// <exception cref="FileTriggerStateStoreException">The state file cannot be read or written; nothing is written.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask SetAsync(string key, string state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(state);
        FileTriggerStateStoreFormat.ValidateState(key, state, _maxStateBytes);
        ThrowIfDisposed();
        return ChangeAsync(key, state, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="TriggerStateCorruptException">The state file is not a valid state document; nothing is written.</exception>
    /// <exception cref="FileTriggerStateStoreException">The state file cannot be read or written; nothing is written.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ThrowIfDisposed();
        return ChangeAsync(key, null, cancellationToken);
    }

    /// <summary>Ends the store's use; the file is left as it is and later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>Resolves a state file path, or says why it cannot be one (for option validation messages).</summary>
    internal static bool TryGetFullPath(string path, out string fullPath, out string problem)
    {
        fullPath = string.Empty;
        problem = string.Empty;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is NotSupportedException or PathTooLongException or ArgumentException)
        {
            problem = "is not a valid file path";
            return false;
        }

        if (System.IO.Path.EndsInDirectorySeparator(fullPath) || Directory.Exists(fullPath))
        {
            problem = "names a directory; give a file path";
            return false;
        }

        return true;
    }

    /// <summary>Explains a failure to read or write the state file in the store's terms (the state file, not its temporary or lock file).</summary>
    internal FileTriggerStateStoreException Describe(string action, Exception cause)
    {
        var folder = System.IO.Path.GetDirectoryName(FilePath)!;
        string what;
        if (Directory.Exists(FilePath))
        {
            what = "a folder has that path; remove it or point the store at a file path";
        }
        else if (FindFileAncestor(folder) is { } blocking)
        {
            what = $"'{blocking}' is a file, so the state file's folder cannot exist; move that file or choose another path";
        }
        else
        {
            what = cause switch
            {
                TimeoutException => string.Create(
                    CultureInfo.InvariantCulture,
                    $"another process or store instance held its lock file '{LockPath}' longer than {_lockTimeout.TotalSeconds:0.###} s; retry later or raise FileTriggerStateStoreOptions.LockTimeout"),
                _ when FileErrors.IsWriteRefused(cause) => FileErrors.DescribeRefusal(cause, folder, "its lock and temporary files"),
                _ => "the file system refused it (another program may hold the file open exclusively, or the disk is full or failing); fix that and retry",
            };
        }

        return new FileTriggerStateStoreException(FilePath, $"The trigger state file '{FilePath}' could not be {action}: {what}.", cause);
    }

    private static string? FindFileAncestor(string folder)
    {
        for (var current = folder; !string.IsNullOrEmpty(current); current = System.IO.Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(
                nameof(FileTriggerStateStore),
                $"This store of the trigger state file '{FilePath}' was disposed; create a new FileTriggerStateStore for that file.");
        }
    }

    private async ValueTask ChangeAsync(string key, string? state, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            FileLock held;
            try
            {
                var folder = System.IO.Path.GetDirectoryName(FilePath)!;
                if (state is null && !File.Exists(FilePath))
                {
                    // Removing from a missing file changes nothing: create no folder and no lock file.
                    return;
                }

                Directory.CreateDirectory(folder);
                held = await FileLock.AcquireAsync(LockPath, _lockTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
            {
                throw Describe("written", ex);
            }

            await using (held.ConfigureAwait(false))
            {
                // Read under the lock: another process may have changed other keys since this one last looked.
                var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
                var unchanged = state is null
                    ? !current.ContainsKey(key)
                    : current.TryGetValue(key, out var existing) && string.Equals(existing, state, StringComparison.Ordinal);
                if (unchanged)
                {
                    return;
                }

                var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
                if (state is null)
                {
                    next.Remove(key);
                }
                else
                {
                    next[key] = state;
                }

                try
                {
                    await AtomicFile.WriteAsync(FilePath, FileTriggerStateStoreFormat.Serialize(next), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw Describe("written", ex);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // A failure is not cached: the next call reads the file again, so a repaired file is picked up.
    private async ValueTask<Dictionary<string, string>> ReadAsync(CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await AtomicFile.ReadAsync(FilePath, _maxFileBytes, "FileTriggerStateStoreOptions.MaxFileBytes", cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new TriggerStateCorruptException(FilePath, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Describe("read", ex);
        }

        if (bytes is null)
        {
            // Missing is an empty store, unless the path cannot hold a file at all: say so instead of reading "nothing".
            if (FindFileAncestor(System.IO.Path.GetDirectoryName(FilePath)!) is not null)
            {
                throw Describe("read", new DirectoryNotFoundException(FilePath));
            }

            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return FileTriggerStateStoreFormat.Parse(FilePath, bytes);
    }

    /// <summary>Once per instance: removes temporary files that crashed writers left, under the lock so no live writer's file is touched.</summary>
    private async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _opened) != 0)
        {
            return;
        }

        try
        {
            var folder = System.IO.Path.GetDirectoryName(FilePath)!;
            var name = System.IO.Path.GetFileName(FilePath);
            if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "." + name + ".*" + AtomicFile.TempSuffix).Any())
            {
                await using (await FileLock.AcquireAsync(LockPath, _lockTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false))
                {
                    AtomicFile.RemoveStaleTemporaries(FilePath);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
        {
            // Leftover temporary files are harmless (never read); the read or write that follows reports real problems.
        }

        Volatile.Write(ref _opened, 1);
    }
}
