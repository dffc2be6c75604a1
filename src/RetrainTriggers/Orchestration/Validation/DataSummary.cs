using RetrainTriggers.Drift;

namespace RetrainTriggers.Orchestration;

/// <summary>A summary of training data: its row count and statistics per column, the input of every <see cref="IDataValidator"/>.</summary>
public sealed class DataSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="rowCount">The number of rows; not negative.</param>
    /// <param name="columns">The column statistics; names unique (ordinal); no null count above <paramref name="rowCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    /// <exception cref="ArgumentException">A column name is empty or repeated, or a column has more missing values than rows.</exception>
    public DataSummary(long rowCount, IEnumerable<ColumnSummary> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new Dictionary<string, ColumnSummary>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (string.IsNullOrWhiteSpace(column.Name))
            {
                throw new ArgumentException("A column summary has an empty name.", nameof(columns));
            }

            if (column.NullCount < 0 || column.NullCount > rowCount)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.NullCount} missing values; the count must be between 0 and the row count {rowCount}.",
                    nameof(columns));
            }

            if (!byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' is summarised twice.", nameof(columns));
            }
        }

        RowCount = rowCount;
        Columns = byName.AsReadOnly();
    }

    /// <summary>Gets the number of rows.</summary>
    public long RowCount { get; }

    /// <summary>Gets the column statistics by name (ordinal).</summary>
    public IReadOnlyDictionary<string, ColumnSummary> Columns { get; }

    /// <summary>Summarises the rows a reference profile was built from: missing counts, numeric ranges and categorical distinct counts.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The summary; the row count is the largest feature row count (0 for a profile without features).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    public static DataSummary FromProfile(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var columns = new List<ColumnSummary>(profile.FeatureNames.Count);
        long rows = 0;
        foreach (var numeric in profile.NumericFeatures.Values)
        {
            rows = Math.Max(rows, numeric.TotalCount);
            columns.Add(new ColumnSummary
            {
                Name = numeric.Name,
                NullCount = numeric.MissingCount,
                Min = numeric.Count > 0 ? numeric.Min : null,
                Max = numeric.Count > 0 ? numeric.Max : null,
            });
        }

        foreach (var categorical in profile.CategoricalFeatures.Values)
        {
            rows = Math.Max(rows, categorical.TotalCount);
            columns.Add(new ColumnSummary
            {
                Name = categorical.Name,
                NullCount = categorical.MissingCount,
                DistinctCount = categorical.Categories.Count,
            });
        }

        return new DataSummary(rows, columns);
    }
}
