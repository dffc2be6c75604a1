using System.Globalization;
using RetrainTriggers.Data;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>Puts each cell into its column: missing cells as missing, numeric cells parsed with the invariant culture or an error naming line and column.</summary>
internal sealed class CsvCellWriter
{
    private readonly CsvColumnPlan plan;
    private readonly string source;
    private readonly string[] missingTokens;
    private readonly NumericColumnBuffer?[] numeric;
    private readonly ICategorySink?[] categorical;

    public CsvCellWriter(CsvColumnPlan plan, CsvDataOptions options, string source, bool forProfile, int expectedRows)
    {
        this.plan = plan;
        this.source = source;
        missingTokens = [.. options.MissingValues];
        var columns = new KeyValuePair<string, FeatureKind>[plan.Count];
        for (var j = 0; j < plan.Count; j++)
        {
            columns[j] = KeyValuePair.Create(plan.Names[j], plan.Kinds[j]!.Value);
        }

        Columns = new ColumnAccumulator(columns, forProfile, expectedRows);
        numeric = new NumericColumnBuffer?[plan.Count];
        categorical = new ICategorySink?[plan.Count];
        for (var j = 0; j < plan.Count; j++)
        {
            numeric[j] = Columns.Numeric(j);
            categorical[j] = Columns.Categorical(j);
        }
    }

    public ColumnAccumulator Columns { get; }

    public static bool IsMissing(ReadOnlySpan<char> cell, ICollection<string> tokens)
    {
        if (cell.IsEmpty)
        {
            return true;
        }

        foreach (var token in tokens)
        {
            if (cell.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(int column, ReadOnlySpan<char> cell, int line)
    {
        var missing = IsMissing(cell, missingTokens);
        if (numeric[column] is { } values)
        {
            if (missing)
            {
                values.Add(double.NaN);
            }
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                if (double.IsInfinity(value) && !cell.Contains("inf", StringComparison.OrdinalIgnoreCase) && !cell.Contains('∞'))
                {
                    // A number like 1e400 parses as infinity, which counts as missing: it would vanish without a word.
                    throw new CsvDataException(
                        source, line, plan.Names[column],
                        $"'{Shorten(cell)}' is beyond the range of a double (about ±1.8e308); rescale the column, or write Infinity if an unbounded value is meant (it counts as missing).");
                }

                values.Add(value);
            }
            else
            {
                throw new CsvDataException(
                    source, line, plan.Names[column],
                    $"'{Shorten(cell)}' is not a number, but the column is numeric ({plan.Reasons[column]}); declare the column categorical to read it as text.");
            }
        }
        else if (missing)
        {
            categorical[column]!.AddMissing();
        }
        else
        {
            categorical[column]!.Add(cell);
        }
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : string.Concat(cell[..40], "…");
}
