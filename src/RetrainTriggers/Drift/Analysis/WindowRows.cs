namespace RetrainTriggers.Drift;

/// <summary>Row selections of a <see cref="DriftWindow"/>: contiguous slices (no copy) and gathered rows (copied).</summary>
internal static class WindowRows
{
    /// <summary>Gets the number of rows: the longest column.</summary>
    public static int RowCount(DriftWindow window)
    {
        int rows = 0;
        foreach (var column in window.NumericColumns.Values)
        {
            rows = Math.Max(rows, column.Length);
        }

        foreach (var column in window.CategoricalColumns.Values)
        {
            rows = Math.Max(rows, column.Length);
        }

        return rows;
    }

    /// <summary>Rows [start, start + length) of every column (shorter columns give shorter slices); the columns are not copied.</summary>
    public static DriftWindow Slice(DriftWindow window, int start, int length)
    {
        var result = new DriftWindow();
        foreach (var (name, column) in window.NumericColumns)
        {
            result.AddNumeric(name, Clip(column, start, length));
        }

        foreach (var (name, column) in window.CategoricalColumns)
        {
            result.AddCategorical(name, Clip(column, start, length));
        }

        return result;
    }

    /// <summary>The given rows (ascending indexes) of every column, copied; rows beyond a column's end are skipped for that column.</summary>
    public static DriftWindow Gather(DriftWindow window, IReadOnlyList<int> rows)
    {
        var result = new DriftWindow();
        foreach (var (name, column) in window.NumericColumns)
        {
            result.AddNumeric(name, GatherColumn(column.Span, rows));
        }

        foreach (var (name, column) in window.CategoricalColumns)
        {
            result.AddCategorical(name, GatherColumn(column.Span, rows));
        }

        return result;
    }

    private static ReadOnlyMemory<T> Clip<T>(ReadOnlyMemory<T> column, int start, int length)
    {
        if (start >= column.Length)
        {
            return ReadOnlyMemory<T>.Empty;
        }

        return column.Slice(start, Math.Min(length, column.Length - start));
    }

    private static T[] GatherColumn<T>(ReadOnlySpan<T> column, IReadOnlyList<int> rows)
    {
        var list = new List<T>(rows.Count);
        foreach (int row in rows)
        {
            if (row < column.Length)
            {
                list.Add(column[row]);
            }
        }

        return [.. list];
    }
}
