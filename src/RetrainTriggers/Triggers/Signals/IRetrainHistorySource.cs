namespace RetrainTriggers;

/// <summary>Supplies the facts recorded at the last retrain (when, on how many rows, with which metric baselines).</summary>
public interface IRetrainHistorySource
{
    /// <summary>Gets the last completed retrain.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last retrain, or <see langword="null"/> when the model has never been retrained.</returns>
    ValueTask<RetrainRecord?> GetLastRetrainAsync(CancellationToken cancellationToken = default);
}
