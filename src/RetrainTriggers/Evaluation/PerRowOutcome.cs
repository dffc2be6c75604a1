namespace RetrainTriggers.Evaluation;

/// <summary>Which per-row outcomes of a <see cref="ModelEvaluation"/> a paired bootstrap compares.</summary>
public enum PerRowOutcome
{
    /// <summary><see cref="ModelEvaluation.RowCorrect"/> as 1/0: the interval is of the accuracy difference, higher is better.</summary>
    RowCorrect = 0,

    /// <summary><see cref="ModelEvaluation.RowLosses"/>: the interval is of the mean loss difference, lower is better.</summary>
    RowLosses = 1,
}
