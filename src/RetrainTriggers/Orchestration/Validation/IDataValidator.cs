namespace RetrainTriggers.Orchestration;

/// <summary>The gate before training: checks a summary of the training data and says whether training may start, with reasons.</summary>
/// <remarks>
/// Validators see a <see cref="DataSummary"/> (row count and per-column statistics) that the pipeline's
/// <see cref="ITrainingDataInspector"/> computes for the training request, so checks never load the data twice.
/// Built-in checks are created through <see cref="DataValidators"/>. A failed validation ends the run as
/// <see cref="RetrainRunState.ValidationFailed"/> and notifies.
/// </remarks>
public interface IDataValidator
{
    /// <summary>Validates the training data described by <paramref name="context"/>.</summary>
    /// <param name="context">The training request and the summary of its data.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The result of every check this validator made.</returns>
    ValueTask<DataValidationResult> ValidateAsync(DataValidationContext context, CancellationToken cancellationToken = default);
}
