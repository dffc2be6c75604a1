using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RetrainTriggers.MLNet.Tests.EndToEnd;

/// <summary>A logger provider that reports each finished monitoring tick (events 1101 and 1102) so a test can wait for it.</summary>
internal sealed class TickProbe : ILoggerProvider
{
    private readonly Channel<string> ticks = Channel.CreateUnbounded<string>();

    public ILogger CreateLogger(string categoryName) => new Logger(ticks.Writer);

    /// <summary>Waits for the next finished tick; the timeout only keeps a broken test from hanging.</summary>
    public async Task<string> NextTickAsync() => await ticks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

    public bool HasPendingTick => ticks.Reader.TryPeek(out _);

    public void Dispose()
    {
    }

    private sealed class Logger(ChannelWriter<string> ticks) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 1101 or 1102)
            {
                ticks.TryWrite(formatter(state, exception));
            }
        }
    }
}
