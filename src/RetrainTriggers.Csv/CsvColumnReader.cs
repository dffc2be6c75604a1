using System.Globalization;
using nietras.SeparatedValues;
using RetrainTriggers.Data;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>The one pass over a CSV source: header checks, kind inference on the first rows, then every cell straight into its column.</summary>
internal static class CsvColumnReader
{
    private const int ProgressEveryRows = 1 << 14;

    /// <summary>The longest row the CSV parser holds, in characters; a longer one is refused with <see cref="CsvDataException"/>.</summary>
    internal const int MaxRowChars = 16 * 1024 * 1024;

    public static DatasetProfile ReadProfile(Stream stream, string source, CsvDataOptions options, CancellationToken cancellationToken) => Guard(source, () =>
    {
        using var reader = Open(options, o => o.From(stream));
        return ToProfile(Read(reader, source, options, null, forProfile: true, stream, cancellationToken), source, options);
    });

    public static DatasetProfile ReadProfile(TextReader text, string source, CsvDataOptions options, CancellationToken cancellationToken) => Guard(source, () =>
    {
        using var reader = Open(options, o => o.From(text));
        return ToProfile(Read(reader, source, options, null, forProfile: true, null, cancellationToken), source, options);
    });

    public static DriftWindow ReadWindow(Stream stream, string source, CsvDataOptions options, DatasetProfile? reference, CancellationToken cancellationToken) => Guard(source, () =>
    {
        using var reader = Open(options, o => o.From(stream));
        return Read(reader, source, options, reference, forProfile: false, stream, cancellationToken).ToWindow();
    });

    public static DriftWindow ReadWindow(TextReader text, string source, CsvDataOptions options, DatasetProfile? reference, CancellationToken cancellationToken) => Guard(source, () =>
    {
        using var reader = Open(options, o => o.From(text));
        return Read(reader, source, options, reference, forProfile: false, null, cancellationToken).ToWindow();
    });

    /// <summary>Says the parser's row-length limit in this reader's terms (the source and what to check), instead of the parser's NotSupportedException.</summary>
    private static T Guard<T>(string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NotSupportedException ex) when (ex.Message.Contains("maximum supported length", StringComparison.Ordinal))
        {
            throw new CsvDataException(
                source, null, null,
                FormattableString.Invariant($"a row is longer than {MaxRowChars} characters, the most one row may hold; check that every quote is closed, or shorten the long fields."),
                ex);
        }
    }

    private static DatasetProfile ToProfile(ColumnAccumulator columns, string source, CsvDataOptions options)
    {
        try
        {
            return columns.ToProfile(options.Binning);
        }
        catch (ArgumentException ex)
        {
            throw new CsvDataException(source, null, null, $"{ex.Message} A profiled column needs at least one value.");
        }
    }

    private static SepReader Open(CsvDataOptions options, Func<SepReaderOptions, SepReader> open)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InferenceRowCount, 1, "options.InferenceRowCount");
        var sepOptions = Sep.New(options.Separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        });
        return open(sepOptions);
    }

    private static ColumnAccumulator Read(
        SepReader reader, string source, CsvDataOptions options, DatasetProfile? reference, bool forProfile, Stream? stream, CancellationToken cancellationToken)
    {
        var header = ReadHeader(reader, source);
        var plan = CsvColumnPlan.Create(source, header, options, reference);
        var pending = new List<(int Line, string[] Cells)>();
        long pendingChars = 0;
        CsvCellWriter? writer = null;
        long rows = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (IsBlank(row, header.Length, source))
            {
                continue;
            }

            if (writer is null)
            {
                // The first rows are kept as text: they decide inferred kinds and how many rows the file likely has.
                if (pending.Count < options.InferenceRowCount)
                {
                    pending.Add((row.LineNumberFrom, Cells(row, plan)));
                    pendingChars += row.Span.Length + 1;
                    continue;
                }

                writer = Start(plan, options, pending, source, forProfile, ExpectedRows(stream, pendingChars, pending.Count));
            }

            for (var j = 0; j < plan.Count; j++)
            {
                writer.Add(j, row[plan.Index[j]].Span, row.LineNumberFrom);
            }

            if (++rows % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stream is not null)
                {
                    options.Progress?.Report(stream.Position);
                }
            }
        }

        writer ??= Start(plan, options, pending, source, forProfile, pending.Count);
        if (stream is not null)
        {
            options.Progress?.Report(stream.Position);
        }

        return writer.Columns;
    }

    /// <summary>Reads the header and the first rows only, and returns the kind of every selected column.</summary>
    public static Dictionary<string, FeatureKind> InferKinds(Stream stream, string source, CsvDataOptions options) => Guard(source, () => InferKindsUnguarded(stream, source, options));

    private static Dictionary<string, FeatureKind> InferKindsUnguarded(Stream stream, string source, CsvDataOptions options)
    {
        using var reader = Open(options, o => o.From(stream));
        var header = ReadHeader(reader, source);
        var plan = CsvColumnPlan.Create(source, header, options, null);
        var pending = new List<(int Line, string[] Cells)>();
        while (pending.Count < options.InferenceRowCount && reader.MoveNext())
        {
            var row = reader.Current;
            if (!IsBlank(row, header.Length, source))
            {
                pending.Add((row.LineNumberFrom, Cells(row, plan)));
            }
        }

        plan.Infer(pending, options);
        var kinds = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);
        for (var j = 0; j < plan.Count; j++)
        {
            kinds[plan.Names[j]] = plan.Kinds[j]!.Value;
        }

        return kinds;
    }

    private static string[] ReadHeader(SepReader reader, string source)
    {
        // The header is read as a row, so duplicate or empty names get this reader's messages.
        if (!reader.MoveNext())
        {
            throw new CsvDataException(source, 1, null, "the file is empty; expected a header line naming the columns.");
        }

        var header = new string[reader.Current.ColCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = reader.Current[i].ToString();
        }

        return header;
    }

    /// <summary>Gets whether the row is a blank line to skip; a row with another field count is an error naming its line.</summary>
    private static bool IsBlank(SepReader.Row row, int fields, string source)
    {
        if (row.ColCount == fields)
        {
            return false;
        }

        if (row.ColCount == 1 && fields > 1 && row[0].Span.IsEmpty)
        {
            return true;
        }

        throw new CsvDataException(
            source, row.LineNumberFrom, null,
            FormattableString.Invariant($"{row.ColCount} fields, but the header has {fields}; check the separator and quotes on this line."));
    }

    private static string[] Cells(SepReader.Row row, CsvColumnPlan plan)
    {
        var cells = new string[plan.Count];
        for (var j = 0; j < cells.Length; j++)
        {
            cells[j] = row[plan.Index[j]].ToString();
        }

        return cells;
    }

    /// <summary>Estimates the file's row count from its length and the first rows (assuming one byte per character), 2% over.</summary>
    private static int ExpectedRows(Stream? stream, long chars, int rows)
    {
        if (stream is not { CanSeek: true } || rows == 0 || chars == 0)
        {
            return 1024;
        }

        var estimate = stream.Length / ((double)chars / rows) * 1.02;
        return (int)Math.Clamp(estimate, rows, Array.MaxLength);
    }

    private static CsvCellWriter Start(
        CsvColumnPlan plan, CsvDataOptions options, List<(int Line, string[] Cells)> pending, string source, bool forProfile, int expectedRows)
    {
        plan.Infer(pending, options);
        var writer = new CsvCellWriter(plan, options, source, forProfile, expectedRows);
        foreach (var (line, cells) in pending)
        {
            for (var j = 0; j < cells.Length; j++)
            {
                writer.Add(j, cells[j], line);
            }
        }

        pending.Clear();
        return writer;
    }
}
