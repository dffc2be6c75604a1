namespace RetrainTriggers;

/// <summary>Supplies feature importances: those of the model now, and those recorded at the last retrain.</summary>
/// <remarks>
/// Any importance works (permutation importance from the ML.NET package, SHAP means, gain); only their shares are
/// compared, so the two sets must come from the same method. Absolute values are used, so signed scores are fine.
/// </remarks>
public interface IFeatureImportanceSource
{
    /// <summary>Gets the current importance per feature, or null when none was computed yet.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Feature name → importance.</returns>
    ValueTask<IReadOnlyDictionary<string, double>?> GetCurrentImportancesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the importance per feature recorded at the last retrain, or null when none was recorded.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Feature name → importance.</returns>
    ValueTask<IReadOnlyDictionary<string, double>?> GetImportancesAtLastRetrainAsync(CancellationToken cancellationToken = default);
}
