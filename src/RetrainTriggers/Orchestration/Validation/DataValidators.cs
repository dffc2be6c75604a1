using System.Globalization;

namespace RetrainTriggers.Orchestration;

/// <summary>Creates the built-in data checks: minimum rows, required columns, null-rate limits, unique key, value ranges, and a composite of several.</summary>
/// <remarks>
/// Every check is pure: it reads only the <see cref="DataSummary"/>. A check that needs a statistic the inspector did
/// not compute (a distinct count, a numeric range) fails with a reason that says so, rather than passing silently.
/// </remarks>
public static class DataValidators
{
    /// <summary>Requires at least <paramref name="minimumRows"/> rows.</summary>
    /// <param name="minimumRows">The smallest acceptable row count; at least 1.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumRows"/> is less than 1.</exception>
    public static IDataValidator MinimumRows(long minimumRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumRows, 1);
        var name = Invariant($"MinimumRows({minimumRows})");
        return new Check(name, data => data.RowCount >= minimumRows
            ? new DataCheckResult(name, true, Invariant($"{data.RowCount} rows >= {minimumRows}"))
            : new DataCheckResult(name, false, Invariant($"{data.RowCount} rows < {minimumRows}")));
    }

    /// <summary>Requires every named column to be present.</summary>
    /// <param name="columns">The required column names (ordinal); at least one.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentException">No column is named, or a name is empty.</exception>
    public static IDataValidator RequiredColumns(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0 || Array.Exists(columns, string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one required column, and no empty names.", nameof(columns));
        }

        var required = (string[])columns.Clone();
        var name = $"RequiredColumns({string.Join(", ", required)})";
        return new Check(name, data =>
        {
            var missing = Array.FindAll(required, c => !data.Columns.ContainsKey(c));
            return missing.Length == 0
                ? new DataCheckResult(name, true, "all present")
                : new DataCheckResult(name, false, $"missing {string.Join(", ", missing)}");
        });
    }

    /// <summary>Limits the share of missing values in one column.</summary>
    /// <param name="column">The column name (ordinal).</param>
    /// <param name="maximumRate">The largest acceptable share of missing values, in [0, 1].</param>
    /// <returns>The check; it fails when the column is absent.</returns>
    /// <exception cref="ArgumentException"><paramref name="column"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumRate"/> is outside [0, 1] or NaN.</exception>
    public static IDataValidator MaxNullRate(string column, double maximumRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        if (!(maximumRate >= 0 && maximumRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumRate), maximumRate, "The null-rate limit must be between 0 and 1.");
        }

        var name = Invariant($"MaxNullRate({column}, {maximumRate})");
        return new Check(name, data =>
        {
            if (!data.Columns.TryGetValue(column, out var summary))
            {
                return new DataCheckResult(name, false, $"column {column} is missing");
            }

            var rate = data.RowCount == 0 ? 0 : (double)summary.NullCount / data.RowCount;
            return rate <= maximumRate
                ? new DataCheckResult(name, true, Invariant($"null rate {rate:0.####} <= {maximumRate}"))
                : new DataCheckResult(name, false, Invariant($"null rate {rate:0.####} > {maximumRate} ({summary.NullCount} of {data.RowCount} rows)"));
        });
    }

    /// <summary>Requires a column to identify rows: no missing values and as many distinct values as rows.</summary>
    /// <param name="column">The key column (ordinal).</param>
    /// <returns>The check; it fails when the column is absent or its distinct count was not computed.</returns>
    /// <exception cref="ArgumentException"><paramref name="column"/> is empty.</exception>
    public static IDataValidator UniqueKey(string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        var name = $"UniqueKey({column})";
        return new Check(name, data =>
        {
            if (!data.Columns.TryGetValue(column, out var summary))
            {
                return new DataCheckResult(name, false, $"column {column} is missing");
            }

            if (summary.NullCount > 0)
            {
                return new DataCheckResult(name, false, Invariant($"{summary.NullCount} rows have no key"));
            }

            if (summary.DistinctCount is not { } distinct)
            {
                return new DataCheckResult(name, false, "the distinct count of the column was not computed");
            }

            return distinct == data.RowCount
                ? new DataCheckResult(name, true, Invariant($"{distinct} distinct keys in {data.RowCount} rows"))
                : new DataCheckResult(name, false, Invariant($"{data.RowCount - distinct} duplicate keys ({distinct} distinct in {data.RowCount} rows)"));
        });
    }

    /// <summary>Requires every non-missing value of a numeric column to lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <param name="column">The column name (ordinal).</param>
    /// <param name="minimum">The smallest acceptable value (inclusive).</param>
    /// <param name="maximum">The largest acceptable value (inclusive); not below <paramref name="minimum"/>.</param>
    /// <returns>The check; it fails when the column is absent or its range was not computed.</returns>
    /// <exception cref="ArgumentException"><paramref name="column"/> is empty, or the bounds are NaN or reversed.</exception>
    public static IDataValidator ValueRange(string column, double minimum, double maximum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        if (double.IsNaN(minimum) || double.IsNaN(maximum) || maximum < minimum)
        {
            throw new ArgumentException(Invariant($"The range [{minimum}, {maximum}] is empty or not a number."), nameof(maximum));
        }

        var name = Invariant($"ValueRange({column}, {minimum}, {maximum})");
        return new Check(name, data =>
        {
            if (!data.Columns.TryGetValue(column, out var summary))
            {
                return new DataCheckResult(name, false, $"column {column} is missing");
            }

            if (summary.Min is not { } min || summary.Max is not { } max)
            {
                return data.RowCount == summary.NullCount
                    ? new DataCheckResult(name, true, "no values")
                    : new DataCheckResult(name, false, "the numeric range of the column was not computed");
            }

            return min >= minimum && max <= maximum
                ? new DataCheckResult(name, true, Invariant($"values in [{min}, {max}]"))
                : new DataCheckResult(name, false, Invariant($"values in [{min}, {max}], outside [{minimum}, {maximum}]"));
        });
    }

    /// <summary>Runs several validators in order and reports every check of all of them; valid only when all are.</summary>
    /// <param name="validators">The validators; at least one.</param>
    /// <returns>The composite validator.</returns>
    /// <exception cref="ArgumentException">No validator is given, or one is <see langword="null"/>.</exception>
    public static IDataValidator Combine(params IDataValidator[] validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Length == 0 || Array.Exists(validators, static v => v is null))
        {
            throw new ArgumentException("Combine at least one validator, and no null ones.", nameof(validators));
        }

        return new Composite((IDataValidator[])validators.Clone());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Check(string name, Func<DataSummary, DataCheckResult> check) : IDataValidator
    {
        public ValueTask<DataValidationResult> ValidateAsync(DataValidationContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            return new(new DataValidationResult([check(context.Data)]));
        }

        public override string ToString() => name;
    }

    private sealed class Composite(IDataValidator[] validators) : IDataValidator
    {
        public async ValueTask<DataValidationResult> ValidateAsync(DataValidationContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            var checks = new List<DataCheckResult>();
            foreach (var validator in validators)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
                checks.AddRange(result.Checks);
            }

            return new DataValidationResult(checks.AsReadOnly());
        }
    }
}
