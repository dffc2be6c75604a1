namespace RetrainTriggers.Orchestration;

/// <summary>The notification of a finished run to every notifier; a failing notifier never changes the run's outcome.</summary>
public sealed partial class RetrainPipeline<TModel>
{
    private async ValueTask NotifyAsync(RetrainRun run)
    {
        RetrainNotificationKind? kind = run.State switch
        {
            RetrainRunState.Promoted => RetrainNotificationKind.Promoted,
            RetrainRunState.Rejected => RetrainNotificationKind.Rejected,
            RetrainRunState.ValidationFailed => RetrainNotificationKind.ValidationFailed,
            RetrainRunState.Failed => RetrainNotificationKind.Failed,
            RetrainRunState.Cancelled => RetrainNotificationKind.Cancelled,
            RetrainRunState.RolledBack => RetrainNotificationKind.RolledBack,
            RetrainRunState.Interrupted => RetrainNotificationKind.Interrupted,
            _ => null,
        };
        if (kind is not { } k)
        {
            return;
        }

        var message = run.State switch
        {
            RetrainRunState.Promoted => $"Version {run.ChallengerVersion} is the new champion. {run.Decision?.Summary}",
            RetrainRunState.Rejected => $"The challenger (version {run.ChallengerVersion}) was rejected; the champion stays. {run.Decision?.Summary}",
            RetrainRunState.ValidationFailed => $"The training data failed validation: {run.Validation}",
            RetrainRunState.RolledBack => $"Version {run.ChallengerVersion} was rolled back to version {run.ChampionVersion}: {run.RollbackReason}",
            RetrainRunState.Interrupted => $"The run started {run.StartedAt:O} was cut off before it finished; it is not repeated.",
            _ => $"{run.State}: {run.ErrorType}: {run.Error}",
        };
        var notification = new RetrainNotification(k, Name, message, run);
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notification, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A notifier's failure is logged; it must not change the run's outcome or stop other notifiers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RetrainLog.NotifierFailed(logger, Name, notifier.GetType().Name, k, run.RunId, ex);
            }
        }
    }
}
