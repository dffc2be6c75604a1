using RetrainTriggers.Drift;

namespace RetrainTriggers.Data;

/// <summary>Collects rows column by column into either a reference profile or a drift window, so adapters read their source once.</summary>
/// <remarks>
/// Memory per row: a numeric column keeps 8 bytes (a growing array may briefly hold twice that); a categorical column
/// in a window keeps one 8-byte reference (each distinct value is stored once); a categorical column of a profile
/// keeps only its category counts. Profiles are built one numeric column after another releasing each column's
/// values as soon as its profile exists; an exact numeric profile keeps the sorted sample (8 bytes per value).
/// </remarks>
internal sealed class ColumnAccumulator
{
    private readonly NumericColumnBuffer?[] numeric;
    private readonly ICategorySink?[] categorical;
    private readonly bool forProfile;

    /// <param name="columns">The columns, in order.</param>
    /// <param name="forProfile">Whether the rows become a profile (categories are only counted) or a window.</param>
    /// <param name="expectedRows">The expected row count (an estimate is fine), so columns rarely grow and copy.</param>
    public ColumnAccumulator(IReadOnlyList<KeyValuePair<string, FeatureKind>> columns, bool forProfile, int expectedRows = 1024)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.forProfile = forProfile;
        numeric = new NumericColumnBuffer?[columns.Count];
        categorical = new ICategorySink?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var (name, kind) = columns[i];
            if (kind == FeatureKind.Numeric)
            {
                numeric[i] = new NumericColumnBuffer(name, expectedRows);
            }
            else
            {
                categorical[i] = forProfile ? new CategoryCounter(name) : new CategoricalColumnBuffer(name, expectedRows);
            }
        }
    }

    public int ColumnCount => numeric.Length;

    /// <summary>Gets the numeric buffer of column <paramref name="index"/>, or <see langword="null"/> when it is categorical.</summary>
    public NumericColumnBuffer? Numeric(int index) => numeric[index];

    /// <summary>Gets the categorical sink of column <paramref name="index"/>, or <see langword="null"/> when it is numeric.</summary>
    public ICategorySink? Categorical(int index) => categorical[index];

    public DriftWindow ToWindow()
    {
        if (forProfile)
        {
            throw new InvalidOperationException("This accumulator counts categories for a profile; it cannot produce a window.");
        }

        var window = new DriftWindow();
        for (var i = 0; i < numeric.Length; i++)
        {
            if (numeric[i] is { } n)
            {
                window.AddNumeric(n.Name, n.Values);
            }
            else
            {
                var c = (CategoricalColumnBuffer)categorical[i]!;
                window.AddCategorical(c.Name, c.Values);
            }
        }

        return window;
    }

    /// <exception cref="ArgumentException">A column holds no usable value; the message names it.</exception>
    public DatasetProfile ToProfile(FeatureBinning? binning, IReadOnlyDictionary<string, FeatureBinning>? featureBinning = null)
    {
        var numericProfiles = new List<NumericFeatureProfile>();
        var categoricalProfiles = new List<CategoricalFeatureProfile>();
        for (var i = 0; i < numeric.Length; i++)
        {
            if (numeric[i] is { } n)
            {
                var bins = featureBinning?.GetValueOrDefault(n.Name) ?? binning;
                numericProfiles.Add(NumericFeatureProfile.Build(n.Name, n.Values.Span, bins));
                n.Release();
                numeric[i] = null;
            }
            else if (categorical[i] is CategoryCounter counter)
            {
                categoricalProfiles.Add(counter.ToProfile());
            }
            else if (categorical[i] is CategoricalColumnBuffer buffer)
            {
                categoricalProfiles.Add(CategoricalFeatureProfile.Build(buffer.Name, buffer.Values.Span));
            }
        }

        return new DatasetProfile(numericProfiles, categoricalProfiles);
    }
}
