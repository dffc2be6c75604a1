namespace RetrainTriggers;

/// <summary>Supplies how many new labeled rows have arrived since the last retrain.</summary>
public interface IDataVolumeSource
{
    /// <summary>Gets the number of new labeled rows since the last retrain.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The row count, or <see langword="null"/> when it is unknown.</returns>
    ValueTask<long?> GetNewLabeledRowCountAsync(CancellationToken cancellationToken = default);
}
