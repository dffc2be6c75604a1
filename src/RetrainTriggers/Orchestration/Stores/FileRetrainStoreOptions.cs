namespace RetrainTriggers.Orchestration;

/// <summary>Limits of a <see cref="FileRetrainStore"/>.</summary>
public sealed class FileRetrainStoreOptions
{
    /// <summary>Gets or sets how long a write waits for the pipeline folder's lock held by another writer (thread or process).</summary>
    /// <value>Defaults to 30 seconds; positive.</value>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest store file that is read; a larger file is refused with an error naming it.</summary>
    /// <value>Defaults to 64 MiB; positive.</value>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;
}
