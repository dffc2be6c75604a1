using System.Globalization;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>Which header columns are read, where they are, and what kind each is (and why, for error messages).</summary>
internal sealed class CsvColumnPlan
{
    private CsvColumnPlan(string[] names, int[] index, FeatureKind?[] kinds, string[] reasons)
    {
        Names = names;
        Index = index;
        Kinds = kinds;
        Reasons = reasons;
    }

    public string[] Names { get; }

    public int[] Index { get; }

    public FeatureKind?[] Kinds { get; }

    public string[] Reasons { get; }

    public int Count => Names.Length;

    public static CsvColumnPlan Create(string source, IReadOnlyList<string> header, CsvDataOptions options, DatasetProfile? reference)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                throw new CsvDataException(source, 1, null, FormattableString.Invariant($"column {i + 1} of the header has no name; every column needs a distinct name."));
            }

            if (!positions.TryAdd(header[i], i))
            {
                throw new CsvDataException(
                    source, 1, header[i], FormattableString.Invariant($"the header names this column twice (columns {positions[header[i]] + 1} and {i + 1}); every column needs a distinct name."));
            }
        }

        foreach (var name in options.ColumnKinds.Keys)
        {
            if (!positions.ContainsKey(name))
            {
                throw new CsvDataException(source, 1, name, $"a kind is given for this column, but the header has no such column; it has: {Describe(header)}.");
            }
        }

        var names = (options.Columns ?? reference?.FeatureNames ?? header).ToArray();
        if (names.Length == 0)
        {
            throw new CsvDataException(source, null, null, "no column is selected; select at least one.");
        }

        var index = new int[names.Length];
        var kinds = new FeatureKind?[names.Length];
        var reasons = new string[names.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < names.Length; j++)
        {
            var name = names[j];
            if (!seen.Add(name))
            {
                throw new CsvDataException(source, null, name, "the column is selected twice.");
            }

            if (!positions.TryGetValue(name, out index[j]))
            {
                throw new CsvDataException(source, 1, name, $"the header has no such column; it has: {Describe(header)}.");
            }

            if (reference is not null)
            {
                kinds[j] = reference.NumericFeatures.ContainsKey(name) ? FeatureKind.Numeric
                    : reference.CategoricalFeatures.ContainsKey(name) ? FeatureKind.Categorical
                    : throw new CsvDataException(source, null, name, $"the reference profile has no such feature; it has: {Describe(reference.FeatureNames)}.");
                reasons[j] = "as in the reference profile";
            }
            else if (options.ColumnKinds.TryGetValue(name, out var kind))
            {
                kinds[j] = kind;
                reasons[j] = "as declared";
            }
        }

        return new CsvColumnPlan(names, index, kinds, reasons);
    }

    /// <summary>Decides the kind of every column not yet known from the first rows (see <see cref="CsvDataOptions"/>).</summary>
    public void Infer(List<(int Line, string[] Cells)> rows, CsvDataOptions options)
    {
        var reason = FormattableString.Invariant($"inferred from the first {rows.Count} rows");
        for (var j = 0; j < Count; j++)
        {
            if (Kinds[j] is not null)
            {
                continue;
            }

            var anyValue = false;
            var allNumbers = true;
            foreach (var (_, cells) in rows)
            {
                var cell = cells[j];
                if (CsvCellWriter.IsMissing(cell, options.MissingValues))
                {
                    continue;
                }

                anyValue = true;
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    allNumbers = false;
                    break;
                }
            }

            Kinds[j] = anyValue && allNumbers ? FeatureKind.Numeric : FeatureKind.Categorical;
            Reasons[j] = reason;
        }
    }

    private static string Describe(IReadOnlyList<string> names) =>
        names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + FormattableString.Invariant($", … ({names.Count} in all)");
}
