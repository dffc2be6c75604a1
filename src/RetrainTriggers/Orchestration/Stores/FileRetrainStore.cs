using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RetrainTriggers.Storage;

namespace RetrainTriggers.Orchestration;

/// <summary>The embedded durable <see cref="IRetrainStore"/>: one folder per pipeline under a root folder, atomic file writes and a cross-process lock, so several processes may share it.</summary>
/// <remarks>
/// <para>
/// A pipeline's folder holds <c>lease.json</c>, <c>fire-keys.json</c>, <c>signals.json</c>, <c>trigger-state.json</c> and one
/// <c>runs/&lt;run id&gt;.json</c> per run. Every write takes the folder's lock file (<c>.lock</c>, an exclusive lock the
/// operating system releases when the holder dies), reads the current file, changes it and replaces it atomically
/// (temporary file, flush, rename). Reads take no lock and always see a complete file. Nothing is cached in memory, so
/// every process sees every other's writes at once.
/// </para>
/// <para>
/// A file that cannot be read raises <see cref="InvalidDataException"/> naming the file, and is never overwritten: the
/// host repairs, moves or deletes it. The folder should be on a local file system (the lock relies on it).
/// </para>
/// <para>
/// A folder this process may not write (denied access, or a read-only folder or file system) still serves every read;
/// each write raises <see cref="UnauthorizedAccessException"/> (denied access) or <see cref="IOException"/> (read-only
/// file system) naming the pipeline's folder and what to do, at once and with nothing written. A document larger than
/// <see cref="FileRetrainStoreOptions.MaxFileBytes"/>, which reads would refuse, is never written: <see cref="SaveRunAsync"/>
/// raises <see cref="ArgumentException"/>, other writes <see cref="InvalidOperationException"/>, both naming the limit.
/// </para>
/// </remarks>
public sealed partial class FileRetrainStore : IRetrainStore
{
    private const string LeaseFile = "lease.json";
    private const string FireKeysFile = "fire-keys.json";
    private const string SignalsFile = "signals.json";
    private const string TriggerStateFile = "trigger-state.json";
    private const string RunsFolder = "runs";
    private const string LockFile = ".lock";

    private readonly TimeProvider timeProvider;
    private readonly TimeSpan lockTimeout;
    private readonly long maxFileBytes;

    /// <summary>Creates a store under <paramref name="rootPath"/> (created when missing).</summary>
    /// <param name="rootPath">The root folder; each pipeline gets a sub-folder named after it.</param>
    /// <param name="timeProvider">The clock that decides lease expiry and stamps ledger entries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="options">Limits, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="rootPath"/> is empty or invalid, or an option is out of range.</exception>
    public FileRetrainStore(string rootPath, TimeProvider? timeProvider = null, FileRetrainStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        options ??= new FileRetrainStoreOptions();
        if (options.LockTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"LockTimeout must be positive; it is {options.LockTimeout}.", nameof(options));
        }

        if (options.MaxFileBytes <= 0)
        {
            throw new ArgumentException($"MaxFileBytes must be positive; it is {options.MaxFileBytes}.", nameof(options));
        }

        RootPath = Path.GetFullPath(rootPath);
        this.timeProvider = timeProvider ?? TimeProvider.System;
        lockTimeout = options.LockTimeout;
        maxFileBytes = options.MaxFileBytes;
    }

    /// <summary>Gets the full path of the root folder.</summary>
    public string RootPath { get; }

    /// <inheritdoc/>
    public async ValueTask<RetrainLease?> TryAcquireLeaseAsync(string pipelineName, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        StoreArguments.Duration(duration);
        return await WithLockAsync(pipelineName, async folder =>
        {
            foreach (var file in (string[])[LeaseFile, FireKeysFile, SignalsFile, TriggerStateFile])
            {
                AtomicFile.RemoveStaleTemporaries(Path.Combine(folder, file));
            }

            var path = Path.Combine(folder, LeaseFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false) ?? new LeaseDocument();
            var current = document.Owner is null || document.ExpiresAt is null
                ? null
                : new RetrainLease(pipelineName, document.Owner, document.LastToken, document.ExpiresAt.Value);
            var lease = LeaseRules.TryAcquire(current, document.LastToken, pipelineName, owner, duration, timeProvider.GetUtcNow());
            if (lease is not null)
            {
                document.LastToken = lease.FencingToken;
                document.Owner = lease.Owner;
                document.ExpiresAt = lease.ExpiresAt;
                await WriteAsync(path, document, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false);
            }

            return lease;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<RetrainLease?> RenewLeaseAsync(RetrainLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StoreArguments.Duration(duration);
        return await WithLockAsync(lease.PipelineName, async folder =>
        {
            var path = Path.Combine(folder, LeaseFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false) ?? new LeaseDocument();
            if (document.LastToken != lease.FencingToken)
            {
                return null;
            }

            var renewed = lease with { ExpiresAt = timeProvider.GetUtcNow() + duration };
            document.Owner = renewed.Owner;
            document.ExpiresAt = renewed.ExpiresAt;
            await WriteAsync(path, document, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false);
            return renewed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ReleaseLeaseAsync(RetrainLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await WithLockAsync(lease.PipelineName, async folder =>
        {
            var path = Path.Combine(folder, LeaseFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false);
            if (document is not null && document.LastToken == lease.FencingToken && document.Owner is not null)
            {
                document.Owner = null;
                document.ExpiresAt = null;
                await WriteAsync(path, document, RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TryRecordFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return await FencedAsync(lease, async folder =>
        {
            var path = Path.Combine(folder, FireKeysFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.FireKeysDocument, cancellationToken).ConfigureAwait(false) ?? new FireKeysDocument();
            if (!document.Keys.TryAdd(fireKey, new FireKeyEntry { RunId = runId, RecordedAt = timeProvider.GetUtcNow() }))
            {
                return false;
            }

            await WriteAsync(path, document, RetrainStoreJsonContext.Default.FireKeysDocument, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ReleaseFireKeyAsync(RetrainLease lease, string fireKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(fireKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await FencedAsync(lease, async folder =>
        {
            var path = Path.Combine(folder, FireKeysFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.FireKeysDocument, cancellationToken).ConfigureAwait(false);
            if (document is not null && document.Keys.TryGetValue(fireKey, out var entry) && string.Equals(entry.RunId, runId, StringComparison.Ordinal))
            {
                document.Keys.Remove(fireKey);
                await WriteAsync(path, document, RetrainStoreJsonContext.Default.FireKeysDocument, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<FireKeyRecord?> GetFireKeyAsync(string pipelineName, string fireKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(fireKey);
        var document = await ReadAsync(Path.Combine(Folder(pipelineName), FireKeysFile), RetrainStoreJsonContext.Default.FireKeysDocument, cancellationToken)
            .ConfigureAwait(false);
        return document is not null && document.Keys.TryGetValue(fireKey, out var entry) ? new FireKeyRecord(fireKey, entry.RunId, entry.RecordedAt) : null;
    }

    /// <inheritdoc/>
    public async ValueTask SaveRunAsync(RetrainLease lease, RetrainRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StoreArguments.Run(lease, run);
        var fileName = RunFileName(run.RunId, nameof(run));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(RunDocument.From(run), RetrainStoreJsonContext.Default.RunDocument);
        if (bytes.Length > maxFileBytes)
        {
            // Written, it could never be read back: every later query of the pipeline's runs would fail on it.
            throw new ArgumentException(
                $"Run '{run.RunId}' serialises to {bytes.Length} bytes, more than FileRetrainStoreOptions.MaxFileBytes ({maxFileBytes}) that reads accept; it was not saved. Shorten what it carries (a trigger reason, a decision) or raise MaxFileBytes.",
                nameof(run));
        }

        await FencedAsync(lease, async folder =>
        {
            var runs = Path.Combine(folder, RunsFolder);
            var path = Path.Combine(runs, fileName);
            try
            {
                Directory.CreateDirectory(runs);
                await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (FileErrors.IsWriteRefused(ex))
            {
                throw Refused(folder, ex);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<RetrainRun?> GetRunAsync(string pipelineName, string runId, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        ArgumentNullException.ThrowIfNull(runId);
        if (!IsSafeRunId(runId))
        {
            return null;
        }

        var document = await ReadAsync(Path.Combine(Folder(pipelineName), RunsFolder, runId + ".json"), RetrainStoreJsonContext.Default.RunDocument, cancellationToken)
            .ConfigureAwait(false);
        return document?.ToRun();
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RetrainRun>> QueryRunsAsync(string pipelineName, RetrainRunQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.Pipeline(pipelineName);
        StoreArguments.Query(query);
        var folder = Path.Combine(Folder(pipelineName), RunsFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var runs = new List<RetrainRun>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var document = await ReadAsync(file, RetrainStoreJsonContext.Default.RunDocument, cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                runs.Add(document.ToRun());
            }
        }

        return RunOrder.Select(runs, query);
    }

    private static bool IsSafeRunId(string runId) =>
        runId.Length is > 0 and <= 200 && runId[0] != '.' && runId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string RunFileName(string runId, string paramName) =>
        IsSafeRunId(runId)
            ? runId + ".json"
            : throw new ArgumentException($"Run id '{runId}' cannot name a file; the file store accepts ASCII letters, digits, '-', '_' and '.'.", paramName);

    private string Folder(string pipelineName) => Path.Combine(RootPath, pipelineName);

    private Task<SignalsDocument?> ReadSignalsAsync(string pipelineName, CancellationToken cancellationToken) =>
        ReadAsync(Path.Combine(Folder(pipelineName), SignalsFile), RetrainStoreJsonContext.Default.SignalsDocument, cancellationToken);

    private Task<bool> UpdateSignalsAsync(string pipelineName, Func<SignalsDocument, bool> change, CancellationToken cancellationToken) =>
        WithLockAsync(pipelineName, async folder =>
        {
            var path = Path.Combine(folder, SignalsFile);
            var document = await ReadAsync(path, RetrainStoreJsonContext.Default.SignalsDocument, cancellationToken).ConfigureAwait(false) ?? new SignalsDocument();
            if (change(document))
            {
                await WriteAsync(path, document, RetrainStoreJsonContext.Default.SignalsDocument, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    private Task<T> FencedAsync<T>(RetrainLease lease, Func<string, Task<T>> action, CancellationToken cancellationToken) =>
        WithLockAsync(lease.PipelineName, async folder =>
        {
            var current = await ReadAsync(Path.Combine(folder, LeaseFile), RetrainStoreJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false);
            LeaseRules.EnsureCurrent(lease, current?.LastToken ?? 0);
            return await action(folder).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The store's answer to a write this process may not make: the same exception type, naming the folder and the remedy.</summary>
    private static Exception Refused(string folder, Exception cause)
    {
        var message = $"The retrain store could not write in '{folder}': {FileErrors.DescribeRefusal(cause, folder, "its lock file and temporary files")}. Nothing was written.";
        return cause is UnauthorizedAccessException ? new UnauthorizedAccessException(message, cause) : new IOException(message, cause);
    }

    private async Task<T> WithLockAsync<T>(string pipelineName, Func<string, Task<T>> action, CancellationToken cancellationToken)
    {
        var folder = Folder(pipelineName);
        FileLock held;
        try
        {
            Directory.CreateDirectory(folder);

            // The lock waits are I/O waits, measured on the real clock even when the store's clock is a test's fake one.
            held = await FileLock.AcquireAsync(Path.Combine(folder, LockFile), lockTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FileErrors.IsWriteRefused(ex))
        {
            throw Refused(folder, ex);
        }

        await using (held.ConfigureAwait(false))
        {
            return await action(folder).ConfigureAwait(false);
        }
    }

    private async Task<T?> ReadAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await AtomicFile.ReadAsync(path, maxFileBytes, "FileRetrainStoreOptions.MaxFileBytes", cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new InvalidDataException($"The retrain store file '{path}' holds 'null', not a {typeof(T).Name}; it was left unchanged. Repair, move or delete it.");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException(
                $"The retrain store file '{path}' cannot be read ({ex.Message}); it was left unchanged. Repair, move or delete it.", ex);
        }
    }

    private async Task WriteAsync<T>(string path, T document, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, typeInfo);
        if (bytes.Length > maxFileBytes)
        {
            throw new InvalidOperationException(
                $"The retrain store file '{path}' would be {bytes.Length} bytes, more than FileRetrainStoreOptions.MaxFileBytes ({maxFileBytes}) that reads accept; it was left unchanged. Raise MaxFileBytes.");
        }

        try
        {
            await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FileErrors.IsWriteRefused(ex))
        {
            throw Refused(Path.GetDirectoryName(path)!, ex);
        }
    }
}
