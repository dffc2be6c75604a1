namespace RetrainTriggers.Cli;

/// <summary>Bad input the user can fix; the message is the one line printed (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
