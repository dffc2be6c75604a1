namespace RetrainTriggers.Orchestration;

/// <summary>Receives the outcomes of retrain runs worth telling a human about: promoted, rejected, failed, rolled back, interrupted.</summary>
/// <remarks>
/// A pipeline may have several notifiers; each is called in turn after the outcome is recorded in the run history.
/// A notifier that throws is logged and does not change the run's outcome or stop the other notifiers.
/// </remarks>
public interface IRetrainNotifier
{
    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">What happened, in which pipeline and run.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the notification is delivered.</returns>
    ValueTask NotifyAsync(RetrainNotification notification, CancellationToken cancellationToken = default);
}
