namespace RetrainTriggers.Orchestration;

/// <summary>Statistics of one column of the training data: how many values are missing, how many distinct, and the numeric range.</summary>
/// <remarks>Statistics the inspector did not compute are <see langword="null"/>; a check that needs one fails with a reason saying so.</remarks>
public sealed record ColumnSummary
{
    /// <summary>Gets the column name (ordinal).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the number of missing values (null, NaN, ±∞).</summary>
    public required long NullCount { get; init; }

    /// <summary>Gets the number of distinct non-missing values, or <see langword="null"/> when not computed.</summary>
    public long? DistinctCount { get; init; }

    /// <summary>Gets the smallest non-missing numeric value, or <see langword="null"/> for a non-numeric column or when not computed.</summary>
    public double? Min { get; init; }

    /// <summary>Gets the largest non-missing numeric value, or <see langword="null"/> for a non-numeric column or when not computed.</summary>
    public double? Max { get; init; }
}
