using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv;

/// <summary>Configures how <see cref="CsvData"/> reads a CSV file: the separator, which columns, their kinds, missing-value tokens and progress.</summary>
/// <remarks>
/// <para><b>Column kinds.</b> A column named in <see cref="ColumnKinds"/> has that kind. When a reference profile is
/// given, every column has its kind in the profile. Any other column is inferred from the first
/// <see cref="InferenceRowCount"/> data rows: it is <see cref="FeatureKind.Numeric"/> when it has at least one
/// non-missing cell there and every non-missing cell there parses as a number with the invariant culture
/// (<see cref="System.Globalization.NumberStyles.Float"/>: optional sign, decimal point <c>.</c>, exponent, no thousands
/// separators; <c>NaN</c> and <c>Infinity</c> parse and count as missing), otherwise it is
/// <see cref="FeatureKind.Categorical"/>. A numeric column whose later cell does not parse is an error naming the line
/// and the column, never a silent NaN: declare such a column categorical. So is a number beyond the range of a double
/// (<c>1e400</c>), which would otherwise parse as infinity and count as missing without a word. A row longer than
/// 16 Mi characters (usually an unclosed quote) is refused with <see cref="CsvDataException"/> naming the source.</para>
/// <para><b>Cells.</b> Fields may be quoted (<c>"a, b"</c>, <c>""</c> for a quote inside); spaces around a field are
/// trimmed; an empty cell, or one equal to a token of <see cref="MissingValues"/>, is missing.</para>
/// </remarks>
public sealed class CsvDataOptions
{
    /// <summary>Gets or sets the field separator.</summary>
    /// <value>Default: <c>,</c>.</value>
    public char Separator { get; set; } = ',';

    /// <summary>Gets or sets the columns to read, by header name; <see langword="null"/> reads every column (or, with a reference profile, every profiled feature).</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>Gets the kinds of columns that must not be inferred, by header name.</summary>
    public IDictionary<string, FeatureKind> ColumnKinds { get; } = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);

    /// <summary>Gets or sets how many data rows column kinds are inferred from.</summary>
    /// <value>Default: 1000; at least 1.</value>
    public int InferenceRowCount { get; set; } = 1000;

    /// <summary>Gets the cell values, besides the empty cell, that mean "missing" (compared ordinally after trimming), such as <c>NA</c> or <c>null</c>.</summary>
    public ISet<string> MissingValues { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the binning of numeric features in profiles; 10 quantile bins when <see langword="null"/>.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public FeatureBinning? Binning { get; set; }

    /// <summary>Gets or sets a receiver of progress: the number of bytes of the file read so far, reported every few thousand rows.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public IProgress<long>? Progress { get; set; }
}
