using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>Reads a CSV file with a header line into a reference profile or a drift window, streaming it once row by row.</summary>
/// <remarks>
/// <para>The file is never loaded whole. What is kept per row: a numeric column keeps 8 bytes (the exact profile keeps
/// the sorted sample, 8 bytes per value; a growing column may briefly hold twice that); a categorical column in a window
/// keeps one 8-byte reference per row and each distinct value once; a categorical column of a profile keeps only its
/// category counts. So a 1 000 000-row file with 15 numeric and 5 categorical columns needs about 160 MB as a window
/// and about 120 MB as a profile, whatever the width of its text.</para>
/// <para>See <see cref="CsvDataOptions"/> for how column kinds are inferred and which cells are missing.</para>
/// </remarks>
/// <example>
/// <code>
/// var profile = CsvData.ReadProfile("train.csv");
/// var window = CsvData.ReadWindow("today.csv", profile);
/// var report = new DriftDetector(profile).Detect(window);
/// </code>
/// </example>
public static class CsvData
{
    /// <summary>Reads a CSV file into a reference profile (one feature per selected column).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read it; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CsvDataException">The file is not a CSV as expected (empty, header problems, wrong field count, a non-number in a numeric column, a column without any value); the message names the file, line and column.</exception>
    public static DatasetProfile ReadProfile(string path, CsvDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenFile(path);
        return CsvColumnReader.ReadProfile(stream, path, options ?? new CsvDataOptions(), cancellationToken);
    }

    /// <summary>Reads CSV text into a reference profile.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="sourceName">The name messages give the source (a file name, "stdin").</param>
    /// <param name="options">How to read it; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="CsvDataException">See <see cref="ReadProfile(string, CsvDataOptions?, CancellationToken)"/>.</exception>
    public static DatasetProfile ReadProfile(TextReader reader, string sourceName, CsvDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        return CsvColumnReader.ReadProfile(reader, sourceName, options ?? new CsvDataOptions(), cancellationToken);
    }

    /// <summary>Reads a CSV file into a drift window, inferring or taking column kinds from <paramref name="options"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read it; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The window.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CsvDataException">See <see cref="ReadProfile(string, CsvDataOptions?, CancellationToken)"/>.</exception>
    public static DriftWindow ReadWindow(string path, CsvDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenFile(path);
        return CsvColumnReader.ReadWindow(stream, path, options ?? new CsvDataOptions(), null, cancellationToken);
    }

    /// <summary>Reads a CSV file into a drift window to check against <paramref name="reference"/>: the profiled features are read, each with its profiled kind.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="reference">The reference profile the window will be checked against.</param>
    /// <param name="options">How to read it (its <see cref="CsvDataOptions.Columns"/> may narrow the features); defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The window.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CsvDataException">The header lacks a profiled feature, or see <see cref="ReadProfile(string, CsvDataOptions?, CancellationToken)"/>.</exception>
    public static DriftWindow ReadWindow(string path, DatasetProfile reference, CsvDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(reference);
        using var stream = OpenFile(path);
        return CsvColumnReader.ReadWindow(stream, path, options ?? new CsvDataOptions(), reference, cancellationToken);
    }

    /// <summary>Reads CSV text into a drift window.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="sourceName">The name messages give the source.</param>
    /// <param name="options">How to read it; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The window.</returns>
    /// <exception cref="CsvDataException">See <see cref="ReadProfile(string, CsvDataOptions?, CancellationToken)"/>.</exception>
    public static DriftWindow ReadWindow(TextReader reader, string sourceName, CsvDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        return CsvColumnReader.ReadWindow(reader, sourceName, options ?? new CsvDataOptions(), null, cancellationToken);
    }

    /// <summary>Reads the header and the first <see cref="CsvDataOptions.InferenceRowCount"/> rows only, and returns the kind each selected column is read with (declared or inferred).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read it; defaults when <see langword="null"/>.</param>
    /// <returns>The kind of every selected column, by name.</returns>
    /// <remarks>Pass the result as <see cref="CsvDataOptions.ColumnKinds"/> to read several files (a reference and a current file, or partitions of one dataset) with the same kinds, even in parallel.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CsvDataException">The header or one of the first rows cannot be read; the message names the file, line and column.</exception>
    public static IReadOnlyDictionary<string, FeatureKind> InferColumnKinds(string path, CsvDataOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenFile(path);
        return CsvColumnReader.InferKinds(stream, path, options ?? new CsvDataOptions());
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
