namespace RetrainTriggers;

/// <summary>Thrown when a <see cref="FileTriggerStateStore"/> cannot read or write its state file; the message names the file and what to do.</summary>
/// <remarks>
/// The cause (denied access, a folder where the file should be, a file where its folder should be, a lock held too
/// long by another process) is the inner exception. Nothing was changed by the failed operation.
/// <see cref="TriggerStateCorruptException"/> is the case of a file that was read but is not a state document.
/// </remarks>
public class FileTriggerStateStoreException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStoreException"/> class.</summary>
    public FileTriggerStateStoreException()
        : this("The trigger state file could not be read or written.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStoreException"/> class.</summary>
    /// <param name="message">The message.</param>
    public FileTriggerStateStoreException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStoreException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FileTriggerStateStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="FileTriggerStateStoreException"/> class for a file.</summary>
    /// <param name="filePath">The full path of the state file.</param>
    /// <param name="message">The message, which names the file.</param>
    /// <param name="innerException">The cause.</param>
    public FileTriggerStateStoreException(string filePath, string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = filePath ?? string.Empty;
    }

    /// <summary>Gets the full path of the state file.</summary>
    public string FilePath { get; }
}
