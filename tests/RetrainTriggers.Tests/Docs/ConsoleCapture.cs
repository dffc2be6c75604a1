namespace RetrainTriggers.Tests.Docs;

/// <summary>Redirects <see cref="Console.Out"/> to a buffer until disposed, so a test can compare a snippet's output with its page.</summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _previous = Console.Out;
    private readonly StringWriter _buffer = new();

    public ConsoleCapture() => Console.SetOut(_buffer);

    /// <summary>What was written so far.</summary>
    public string Text => _buffer.ToString();

    public void Dispose()
    {
        Console.SetOut(_previous);
        _buffer.Dispose();
    }
}
