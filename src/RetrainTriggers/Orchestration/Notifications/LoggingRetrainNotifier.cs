using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RetrainTriggers.Orchestration;

/// <summary>The default notifier: writes each notification to a logger, as a warning for failures and rollbacks and as information otherwise.</summary>
public sealed partial class LoggingRetrainNotifier : IRetrainNotifier
{
    private readonly ILogger logger;

    /// <summary>Creates a notifier that logs to <paramref name="logger"/>.</summary>
    /// <param name="logger">The logger; <see cref="NullLogger.Instance"/> when <see langword="null"/>.</param>
    public LoggingRetrainNotifier(ILogger<LoggingRetrainNotifier>? logger = null)
    {
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc/>
    public ValueTask NotifyAsync(RetrainNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var level = notification.Kind switch
        {
            RetrainNotificationKind.Promoted or RetrainNotificationKind.Rejected or RetrainNotificationKind.Cancelled => LogLevel.Information,
            _ => LogLevel.Warning,
        };
        LogNotification(logger, level, notification.PipelineName, notification.Kind, notification.Run.RunId, notification.Message);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1100, EventName = "RetrainNotification", Message = "Pipeline {Pipeline}: {Kind} (run {RunId}): {Message}")]
    private static partial void LogNotification(ILogger logger, LogLevel level, string pipeline, RetrainNotificationKind kind, string runId, string message);
}
