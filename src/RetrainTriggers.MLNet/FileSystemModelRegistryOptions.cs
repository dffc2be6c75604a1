namespace RetrainTriggers.MLNet;

/// <summary>Configures <see cref="FileSystemModelRegistry"/>: its clock, lock timeout, document size limits and the actor recorded in the champion history.</summary>
public sealed class FileSystemModelRegistryOptions
{
    /// <summary>The default of <see cref="MaxDocumentBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxHistoryBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxHistoryBytes = 64L * 1024 * 1024;

    /// <summary>Gets or sets the clock for created-at and changed-at times and for lock back-off.</summary>
    /// <value>Default <see langword="null"/>, meaning <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets how long a write waits for another writer's lock before giving up with a <see cref="TimeoutException"/>.</summary>
    /// <value>Default 30 seconds; range greater than zero, at most one day.</value>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets who is recorded as making champion changes (a service name, a user).</summary>
    /// <value>Default <see langword="null"/>, meaning <c>user@machine</c> of the current process.</value>
    public string? Actor { get; set; }

    /// <summary>Gets or sets the largest manifest, alias or marker file the registry reads; a larger one is refused with an <see cref="InvalidDataException"/> naming it.</summary>
    /// <value>Default 64 MiB (<see cref="DefaultMaxDocumentBytes"/>); range greater than zero.</value>
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>Gets or sets the largest champion history file the registry reads; a larger one is refused with an <see cref="InvalidDataException"/> naming it.</summary>
    /// <value>Default 64 MiB (<see cref="DefaultMaxHistoryBytes"/>, about 200 000 changes); range greater than zero.</value>
    public long MaxHistoryBytes { get; set; } = DefaultMaxHistoryBytes;

    internal void Validate()
    {
        if (MaxDocumentBytes <= 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxDocumentBytes", MaxDocumentBytes, "options.MaxDocumentBytes must be greater than zero.");
        }

        if (MaxHistoryBytes <= 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxHistoryBytes", MaxHistoryBytes, "options.MaxHistoryBytes must be greater than zero.");
        }

        if (LockTimeout <= TimeSpan.Zero || LockTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException("options.LockTimeout", LockTimeout, "options.LockTimeout must be greater than zero and at most one day.");
        }

        if (Actor is not null && string.IsNullOrWhiteSpace(Actor))
        {
            throw new ArgumentException("options.Actor must be null or a non-empty name.", "options.Actor");
        }
    }
}
