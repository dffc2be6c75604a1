namespace RetrainTriggers.Csv;

/// <summary>The CSV input cannot be read as asked; the message names the file, the line and the column, and says what to fix.</summary>
public sealed class CsvDataException : FormatException
{
    /// <summary>Creates an exception with a message.</summary>
    public CsvDataException()
        : this("The CSV input cannot be read.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CsvDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CsvDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CsvDataException(string sourceName, long? lineNumber, string? column, string detail, Exception? innerException = null)
        : base(Format(sourceName, lineNumber, column, detail), innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Column = column;
    }

    /// <summary>Gets the file path or source name the problem is in.</summary>
    public string? SourceName { get; }

    /// <summary>Gets the 1-based line number the problem is on (the header is line 1), when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the name of the column the problem is in, when known.</summary>
    public string? Column { get; }

    private static string Format(string sourceName, long? lineNumber, string? column, string detail)
    {
        var where = sourceName;
        if (lineNumber is { } line)
        {
            where += FormattableString.Invariant($" line {line}");
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {detail}";
    }
}
