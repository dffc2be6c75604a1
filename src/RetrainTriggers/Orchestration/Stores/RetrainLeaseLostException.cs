namespace RetrainTriggers.Orchestration;

/// <summary>Thrown by a store when a write carries a lease that a newer holder has superseded (its fencing token is stale).</summary>
public sealed class RetrainLeaseLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RetrainLeaseLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was refused and why.</param>
    public RetrainLeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was refused and why.</param>
    /// <param name="innerException">The cause.</param>
    public RetrainLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
