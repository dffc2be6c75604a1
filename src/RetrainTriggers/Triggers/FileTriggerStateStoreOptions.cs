namespace RetrainTriggers;

/// <summary>Settings of a <see cref="FileTriggerStateStore"/>.</summary>
public sealed class FileTriggerStateStoreOptions
{
    /// <summary>The default of <see cref="LockTimeout"/>: 30 seconds.</summary>
    internal static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxFileBytes"/>: 16 MiB.</summary>
    internal const long DefaultMaxFileBytes = 16L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxStateBytes"/>: 1 MiB.</summary>
    internal const int DefaultMaxStateBytes = 1024 * 1024;

    /// <summary>Gets or sets the path of the JSON file that holds every trigger's state.</summary>
    /// <value>A file path, absolute or relative to the current directory; required. The directory is created on the first write.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets how long a write waits for another process (or store instance) that is writing the same file.</summary>
    /// <value>Positive; default 30 seconds.</value>
    public TimeSpan LockTimeout { get; set; } = DefaultLockTimeout;

    /// <summary>Gets or sets the largest state file the store reads; a larger file is refused as corrupt, unread.</summary>
    /// <value>Positive; default 16 MiB.</value>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Gets or sets the largest state document (UTF-8 bytes) one key may hold; <see cref="FileTriggerStateStore.SetAsync"/> refuses a larger one.</summary>
    /// <value>Positive; default 1 MiB.</value>
    public int MaxStateBytes { get; set; } = DefaultMaxStateBytes;
}
