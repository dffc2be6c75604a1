namespace RetrainTriggers;

/// <summary>Thrown when a trigger state file cannot be read as a state document; the file is kept unchanged for inspection.</summary>
/// <remarks>
/// The store refuses every later read and write until the host repairs, moves or deletes the file, so no state is
/// silently replaced by an empty document.
/// </remarks>
public sealed class TriggerStateCorruptException : FileTriggerStateStoreException
{
    /// <summary>Initializes a new instance of the <see cref="TriggerStateCorruptException"/> class.</summary>
    public TriggerStateCorruptException()
        : this("The trigger state file is corrupt.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TriggerStateCorruptException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TriggerStateCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TriggerStateCorruptException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The parse error.</param>
    public TriggerStateCorruptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TriggerStateCorruptException"/> class for a file.</summary>
    /// <param name="filePath">The full path of the corrupt file.</param>
    /// <param name="problem">What is wrong with the file.</param>
    /// <param name="innerException">The parse error, if any.</param>
    public TriggerStateCorruptException(string filePath, string problem, Exception? innerException)
        : base(
            filePath,
            $"The trigger state file '{filePath}' is corrupt ({problem}). It was kept unchanged for inspection; " +
            "repair, move or delete it to let the store read and write state again.",
            innerException)
    {
    }
}
