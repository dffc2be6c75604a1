using System.Globalization;
using nietras.SeparatedValues;
using RetrainTriggers.Data;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>The one pass over a CSV source: header checks, kind inference on the first rows, then every cell straight into its column.</summary>
internal static class CsvColumnReader
{
    private const int ProgressEveryRows = 1 << 14;

    public static DatasetProfile ReadProfile(Stream stream, string source, CsvDataOptions options, CancellationToken cancellationToken)
    {
        using var reader = Open(options, o => o.From(stream));
        return ToProfile(Read(reader, source, options, null, forProfile: true, stream, cancellationToken), source, options);
    }

    public static DatasetProfile ReadProfile(TextReader text, string source, CsvDataOptions options, CancellationToken cancellationToken)
    {
        using var reader = Open(options, o => o.From(text));
        return ToProfile(Read(reader, source, options, null, forProfile: true, null, cancellationToken), source, options);
    }

    public static DriftWindow ReadWindow(Stream stream, string source, CsvDataOptions options, DatasetProfile? reference, CancellationToken cancellationToken)
    {
        using var reader = Open(options, o => o.From(stream));
        return Read(reader, source, options, reference, forProfile: false, stream, cancellationToken).ToWindow();
    }

    public static DriftWindow ReadWindow(TextReader text, string source, CsvDataOptions options, DatasetProfile? reference, CancellationToken cancellationToken)
    {
        using var reader = Open(options, o => o.From(text));
        return Read(reader, source, options, reference, forProfile: false, null, cancellationToken).ToWindow();
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

        var plan = CsvColumnPlan.Create(source, header, options, reference);
        var pending = new List<(int Line, string[] Cells)>();
        CsvCellWriter? writer = null;
        long rows = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (row.ColCount != header.Length)
            {
                if (row.ColCount == 1 && header.Length > 1 && row[0].Span.IsEmpty)
                {
                    continue; // a blank line
                }

                throw new CsvDataException(
                    source, row.LineNumberFrom, null,
                    FormattableString.Invariant($"{row.ColCount} fields, but the header has {header.Length}; check the separator and quotes on this line."));
            }

            if (writer is null)
            {
                if (plan.NeedsInference && pending.Count < options.InferenceRowCount)
                {
                    var cells = new string[plan.Count];
                    for (var j = 0; j < cells.Length; j++)
                    {
                        cells[j] = row[plan.Index[j]].ToString();
                    }

                    pending.Add((row.LineNumberFrom, cells));
                    continue;
                }

                writer = Start(plan, options, pending, source, forProfile);
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

        writer ??= Start(plan, options, pending, source, forProfile);
        if (stream is not null)
        {
            options.Progress?.Report(stream.Position);
        }

        return writer.Columns;
    }

    private static CsvCellWriter Start(CsvColumnPlan plan, CsvDataOptions options, List<(int Line, string[] Cells)> pending, string source, bool forProfile)
    {
        plan.Infer(pending, options);
        var writer = new CsvCellWriter(plan, options, source, forProfile);
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
