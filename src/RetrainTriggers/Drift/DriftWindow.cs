namespace RetrainTriggers.Drift;

/// <summary>A columnar batch of feature values (one column per feature) to profile as reference data or to check for drift.</summary>
/// <remarks>
/// Columns are held by reference (<see cref="ReadOnlyMemory{T}"/>), never copied, so building a window over existing
/// arrays allocates only the column map. Columns may have different lengths: each feature is judged on its own values.
/// Feature names are ordinal and case-sensitive, and one name is either numeric or categorical, never both.
/// </remarks>
public sealed class DriftWindow
{
    private readonly Dictionary<string, ReadOnlyMemory<double>> numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadOnlyMemory<string?>> categorical = new(StringComparer.Ordinal);

    /// <summary>Gets the numeric columns by feature name.</summary>
    internal IReadOnlyDictionary<string, ReadOnlyMemory<double>> NumericColumns => numeric;

    /// <summary>Gets the categorical columns by feature name.</summary>
    internal IReadOnlyDictionary<string, ReadOnlyMemory<string?>> CategoricalColumns => categorical;

    /// <summary>Gets the number of columns (numeric plus categorical).</summary>
    internal int FeatureCount => numeric.Count + categorical.Count;

    /// <summary>Adds a numeric column; NaN and ±∞ values are kept and counted as missing by the consumers.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="values">The values (not copied).</param>
    /// <returns>This window, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is blank or already present.</exception>
    public DriftWindow AddNumeric(string feature, ReadOnlyMemory<double> values)
    {
        EnsureNew(feature);
        numeric.Add(feature, values);
        return this;
    }

    /// <summary>Adds a categorical column; <see langword="null"/> values are kept and counted as missing.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="values">The category of each row (not copied).</param>
    /// <returns>This window, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is blank or already present.</exception>
    public DriftWindow AddCategorical(string feature, ReadOnlyMemory<string?> values)
    {
        EnsureNew(feature);
        categorical.Add(feature, values);
        return this;
    }

    /// <summary>Gets the kind of the column named <paramref name="feature"/>, if present.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="kind">The column's kind when found.</param>
    /// <returns><see langword="true"/> when the window holds the column.</returns>
    internal bool TryGetKind(string feature, out FeatureKind kind)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (numeric.ContainsKey(feature))
        {
            kind = FeatureKind.Numeric;
            return true;
        }

        kind = FeatureKind.Categorical;
        return categorical.ContainsKey(feature);
    }

    private void EnsureNew(string feature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        if (numeric.ContainsKey(feature) || categorical.ContainsKey(feature))
        {
            throw new ArgumentException($"The window already holds a column named '{feature}'.", nameof(feature));
        }
    }
}
