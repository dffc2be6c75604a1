namespace RetrainTriggers.Drift;

/// <summary>
/// Builds a <see cref="DatasetProfile"/> incrementally from batches of rows in bounded memory, mergeable across
/// partitions, threads or machines, and readable at any time.
/// </summary>
/// <remarks>
/// <para>
/// Per numeric feature the builder keeps a KLL sketch of every finite value, exact count, missing count, min, max,
/// mean and M2 (Chan's parallel formula per batch), exact counts for custom bin edges, and the values themselves only
/// while there are fewer than <see cref="ProfileSketchOptions.ExactBelow"/>: below that size <see cref="Build"/> gives
/// exactly the profile <see cref="DatasetProfile.Build"/> gives on the concatenated batches. Above it the profile is a
/// sketch profile whose quantile (or equal-width) edges and bin counts come from the sketch (within its rank-error
/// bound), since the whole-data edges are not known until all data is seen; custom edges are counted exactly. For
/// exact quantile edges on large data, build with <see cref="DatasetProfile.Build"/> over the whole column, or freeze
/// edges first (<see cref="FeatureBinning.Custom"/>).
/// </para>
/// <para>
/// Per categorical feature it keeps the count of each category, or with <c>maxCategories</c> at most 4·K categories
/// between prunes to the K most frequent (the rest goes to the other bucket and into
/// <see cref="CategoricalFeatureProfile.CountErrorBound"/>). Not thread-safe: use one builder per thread and
/// <see cref="Merge"/>.
/// </para>
/// </remarks>
public sealed class DatasetProfileBuilder
{
    private readonly FeatureBinning binning;
    private readonly ProfileSketchOptions sketch;
    private readonly int? maxCategories;
    private readonly Dictionary<string, NumericProfileAccumulator> numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoricalProfileAccumulator> categorical = new(StringComparer.Ordinal);

    /// <summary>Creates an empty builder.</summary>
    /// <param name="binning">The binning of numeric features; 10 quantile bins when <see langword="null"/>.</param>
    /// <param name="sketch">When numeric features are sketched; <see cref="ProfileSketchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="maxCategories">The most categories a categorical profile keeps (plus other and missing); every category when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DatasetProfileBuilder(FeatureBinning? binning = null, ProfileSketchOptions? sketch = null, int? maxCategories = null)
    {
        this.binning = binning ?? FeatureBinning.Default;
        this.sketch = sketch ?? ProfileSketchOptions.Default;
        this.sketch.Validate();
        if (maxCategories is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCategories), maxCategories, "maxCategories must be at least 1.");
        }

        this.maxCategories = maxCategories;
    }

    /// <summary>Gets the number of batches added (merged builders included).</summary>
    public long BatchCount { get; private set; }

    /// <summary>Adds a batch of rows.</summary>
    /// <param name="batch">The batch; every batch must give each feature the same kind.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException">A feature's kind differs from an earlier batch.</exception>
    public DatasetProfileBuilder Add(DriftWindow batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var name in batch.NumericColumns.Keys)
        {
            EnsureKind(name, FeatureKind.Numeric, nameof(batch));
        }

        foreach (var name in batch.CategoricalColumns.Keys)
        {
            EnsureKind(name, FeatureKind.Categorical, nameof(batch));
        }

        foreach (var (name, values) in batch.NumericColumns)
        {
            if (!numeric.TryGetValue(name, out var accumulator))
            {
                numeric[name] = accumulator = new NumericProfileAccumulator(name, binning, sketch);
            }

            accumulator.Add(values.Span);
        }

        foreach (var (name, values) in batch.CategoricalColumns)
        {
            if (!categorical.TryGetValue(name, out var accumulator))
            {
                categorical[name] = accumulator = new CategoricalProfileAccumulator(name, maxCategories);
            }

            accumulator.Add(values.Span);
        }

        BatchCount++;
        return this;
    }

    /// <summary>Merges another builder (of disjoint rows, same options) into this one; the other is unchanged.</summary>
    /// <param name="other">The builder to merge.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The builders use different options or give a feature different kinds.</exception>
    public DatasetProfileBuilder Merge(DatasetProfileBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!binning.SameAs(other.binning) || sketch.K != other.sketch.K || sketch.ExactBelow != other.sketch.ExactBelow || maxCategories != other.maxCategories)
        {
            throw new ArgumentException("Cannot merge profile builders with different binning, sketch options or maxCategories.", nameof(other));
        }

        foreach (var name in other.numeric.Keys)
        {
            EnsureKind(name, FeatureKind.Numeric, nameof(other));
        }

        foreach (var name in other.categorical.Keys)
        {
            EnsureKind(name, FeatureKind.Categorical, nameof(other));
        }

        foreach (var (name, accumulator) in other.numeric)
        {
            if (!numeric.TryGetValue(name, out var mine))
            {
                numeric[name] = mine = new NumericProfileAccumulator(name, binning, sketch);
            }

            mine.Merge(accumulator);
        }

        foreach (var (name, accumulator) in other.categorical)
        {
            if (!categorical.TryGetValue(name, out var mine))
            {
                categorical[name] = mine = new CategoricalProfileAccumulator(name, maxCategories);
            }

            mine.Merge(accumulator);
        }

        BatchCount += other.BatchCount;
        return this;
    }

    /// <summary>Builds the profile of everything added so far; the builder can keep accumulating.</summary>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidOperationException">No feature has a usable value yet; the message names the features.</exception>
    public DatasetProfile Build()
    {
        var numericProfiles = new List<NumericFeatureProfile>();
        var categoricalProfiles = new List<CategoricalFeatureProfile>();
        var empty = new List<string>();
        foreach (var (name, accumulator) in numeric)
        {
            if (accumulator.Build() is { } profile)
            {
                numericProfiles.Add(profile);
            }
            else
            {
                empty.Add(name);
            }
        }

        foreach (var (name, accumulator) in categorical)
        {
            if (accumulator.Build() is { } profile)
            {
                categoricalProfiles.Add(profile);
            }
            else
            {
                empty.Add(name);
            }
        }

        if (empty.Count > 0 || numericProfiles.Count + categoricalProfiles.Count == 0)
        {
            empty.Sort(StringComparer.Ordinal);
            throw new InvalidOperationException(empty.Count == 0
                ? "No batch has been added yet."
                : $"No usable value yet for feature(s) {string.Join(", ", empty.Select(e => "'" + e + "'"))}.");
        }

        return new DatasetProfile(numericProfiles, categoricalProfiles);
    }

    private void EnsureKind(string name, FeatureKind kind, string paramName)
    {
        bool clash = kind == FeatureKind.Numeric ? categorical.ContainsKey(name) : numeric.ContainsKey(name);
        if (clash)
        {
            throw new ArgumentException($"Feature '{name}' was {(kind == FeatureKind.Numeric ? "categorical" : "numeric")} in an earlier batch.", paramName);
        }
    }
}
