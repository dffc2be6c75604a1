using RetrainTriggers.Drift;

namespace RetrainTriggers.Data;

/// <summary>Names the columns of a sequence of rows (numeric or categorical, each read by a selector), to turn the rows into a reference profile or a drift window in one pass.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <remarks>
/// <para>The rows are enumerated once. A window keeps 8 bytes per row for every column (categorical values are
/// stored once per distinct value); a profile keeps the sorted sample of each numeric column (8 bytes per value) and
/// only the category counts of each categorical column.</para>
/// <para>A numeric selector's NaN, ±∞ or <see langword="null"/> and a categorical selector's <see langword="null"/>
/// count as missing.</para>
/// </remarks>
/// <example>
/// <code>
/// var columns = new ColumnSelectors&lt;Customer&gt;()
///     .Numeric("age", c =&gt; c.Age)
///     .Categorical("plan", c =&gt; c.Plan);
/// DatasetProfile profile = columns.ToProfile(trainingRows);
/// DriftWindow window = columns.ToWindow(todaysRows);
/// </code>
/// </example>
public sealed class ColumnSelectors<T>
{
    private readonly List<Column> columns = [];

    /// <summary>Gets the column names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => columns.ConvertAll(c => c.Name);

    /// <summary>Adds a numeric column.</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="selector">Reads the column's value from a row.</param>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already used.</exception>
    public ColumnSelectors<T> Numeric(string name, Func<T, double> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Add(new Column(name, FeatureKind.Numeric, selector, null, null));
    }

    /// <summary>Adds a numeric column whose value may be absent (<see langword="null"/> counts as missing).</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="selector">Reads the column's value from a row.</param>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already used.</exception>
    public ColumnSelectors<T> Numeric(string name, Func<T, double?> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Add(new Column(name, FeatureKind.Numeric, null, selector, null));
    }

    /// <summary>Adds a categorical column (<see langword="null"/> counts as missing).</summary>
    /// <param name="name">The feature name.</param>
    /// <param name="selector">Reads the column's category from a row.</param>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already used.</exception>
    public ColumnSelectors<T> Categorical(string name, Func<T, string?> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Add(new Column(name, FeatureKind.Categorical, null, null, selector));
    }

    /// <summary>Reads every row into a drift window, one column per selector.</summary>
    /// <param name="rows">The rows (enumerated once).</param>
    /// <returns>The window.</returns>
    /// <exception cref="InvalidOperationException">No column was added.</exception>
    public DriftWindow ToWindow(IEnumerable<T> rows) => Read(rows, forProfile: false).ToWindow();

    /// <summary>Reads every row into a reference profile, one feature per selector.</summary>
    /// <param name="rows">The rows (enumerated once).</param>
    /// <param name="binning">The binning of numeric features; 10 quantile bins when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidOperationException">No column was added.</exception>
    /// <exception cref="ArgumentException">A column holds no usable value; the message names it.</exception>
    public DatasetProfile ToProfile(IEnumerable<T> rows, FeatureBinning? binning = null) => Read(rows, forProfile: true).ToProfile(binning);

    private ColumnSelectors<T> Add(Column column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column.Name, "name");
        if (columns.Exists(c => string.Equals(c.Name, column.Name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A column named '{column.Name}' was already added.", "name");
        }

        columns.Add(column);
        return this;
    }

    private ColumnAccumulator Read(IEnumerable<T> rows, bool forProfile)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
        {
            throw new InvalidOperationException("Add at least one column (Numeric or Categorical) before reading rows.");
        }

        var accumulator = new ColumnAccumulator(columns.ConvertAll(c => KeyValuePair.Create(c.Name, c.Kind)), forProfile);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                if (column.Value is { } value)
                {
                    accumulator.Numeric(i)!.Add(value(row));
                }
                else if (column.Nullable is { } nullable)
                {
                    accumulator.Numeric(i)!.Add(nullable(row) ?? double.NaN);
                }
                else
                {
                    accumulator.Categorical(i)!.Add(column.Category!(row));
                }
            }
        }

        return accumulator;
    }

    private sealed record Column(string Name, FeatureKind Kind, Func<T, double>? Value, Func<T, double?>? Nullable, Func<T, string?>? Category);
}
