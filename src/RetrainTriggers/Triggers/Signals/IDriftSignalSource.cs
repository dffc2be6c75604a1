namespace RetrainTriggers;

/// <summary>Supplies the latest drift verdict for the whole dataset or for one named feature; the drift engine implements it.</summary>
public interface IDriftSignalSource
{
    /// <summary>Gets the latest drift signal.</summary>
    /// <param name="feature">The feature name (ordinal, case-sensitive), or <see langword="null"/> for the dataset-level verdict.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The signal, or <see langword="null"/> when no drift has been computed for <paramref name="feature"/>.</returns>
    ValueTask<DriftSignal?> GetDriftAsync(string? feature, CancellationToken cancellationToken = default);
}
