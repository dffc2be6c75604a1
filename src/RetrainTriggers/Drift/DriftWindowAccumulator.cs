namespace RetrainTriggers.Drift;

/// <summary>
/// A current window accumulated batch by batch in bounded memory, mergeable across threads or partitions, and checked
/// at any time with <see cref="DriftDetector.Detect(DriftWindowAccumulator, CancellationToken)"/>. Create one with
/// <see cref="DriftDetector.CreateWindowAccumulator"/>.
/// </summary>
/// <remarks>
/// <para>
/// Per numeric feature it keeps the window's exact counts in the reference's frozen bins, its missing count, a KLL
/// sketch of its finite values, and the values themselves while fewer than <see cref="ProfileSketchOptions.ExactBelow"/>
/// are finite. Below that limit a check gives exactly the report <see cref="DriftDetector.Detect(DriftWindow, CancellationToken)"/>
/// gives on the concatenated batches. From that limit on, PSI, KL, Jensen–Shannon, Hellinger and the missing rate are
/// still exact (they need only the bin counts); KS, normalised Wasserstein-1 and energy distance are computed from the
/// window's sketch (and the reference's, for a sketch profile), each within <see cref="DriftStatisticResult.ErrorBound"/>
/// of the exact value and judged on value − bound, so the sketch's error never makes drift (KS: the two rank-error bounds
/// added; Wasserstein: each side's rank-error bound times its max − min, over max(σ_ref, 0.001); energy: √2 times each
/// bound times the square root of its max − min). Cramér–von Mises needs the full window and is reported with no value
/// and <see cref="DriftDecision.InsufficientData"/>, with the reason.
/// </para>
/// <para>
/// <see cref="ToJson"/> and <see cref="FromJson"/> carry the state to another app instance, whose detector (built from
/// the same reference profile) reads it and merges it with its own accumulators.
/// </para>
/// <para>
/// Per categorical feature it keeps the count of each category seen and the missing count, so every categorical
/// statistic is exact; memory grows with the number of distinct categories, not rows. Not thread-safe: use one
/// accumulator per thread or partition and <see cref="Merge"/>.
/// </para>
/// </remarks>
public sealed partial class DriftWindowAccumulator
{
    private readonly ProfileSketchOptions sketch;
    private readonly Dictionary<string, NumericWindowState> numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoricalWindowState> categorical = new(StringComparer.Ordinal);

    internal DriftWindowAccumulator(DriftDetector detector, IReadOnlyList<FeaturePlan> plans, ProfileSketchOptions sketch)
    {
        Detector = detector;
        this.sketch = sketch;
        foreach (var plan in plans)
        {
            if (plan.Numeric is not null)
            {
                numeric.Add(plan.Name, new NumericWindowState(plan.Numeric, sketch));
            }
            else
            {
                categorical.Add(plan.Name, new CategoricalWindowState(plan.Categorical!));
            }
        }
    }

    /// <summary>Gets the number of batches added (merged accumulators included).</summary>
    public long BatchCount { get; private set; }

    /// <summary>Gets the detector that created this accumulator and checks it.</summary>
    internal DriftDetector Detector { get; }

    /// <summary>Adds a batch of rows; a batch may omit features (they get no rows from it) and hold features the detector ignores.</summary>
    /// <param name="batch">The batch; its columns are read now and not kept.</param>
    /// <returns>This accumulator, for chaining.</returns>
    /// <exception cref="ArgumentException">The batch holds a feature the reference profile does not know, or a feature of the wrong kind; the message names the feature and nothing is added.</exception>
    public DriftWindowAccumulator Add(DriftWindow batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var reference = Detector.Reference;
        foreach (var name in batch.NumericColumns.Keys)
        {
            Check(name, FeatureKind.Numeric, reference.CategoricalFeatures.ContainsKey(name), reference.NumericFeatures.ContainsKey(name), nameof(batch));
        }

        foreach (var name in batch.CategoricalColumns.Keys)
        {
            Check(name, FeatureKind.Categorical, reference.NumericFeatures.ContainsKey(name), reference.CategoricalFeatures.ContainsKey(name), nameof(batch));
        }

        foreach (var (name, values) in batch.NumericColumns)
        {
            numeric.GetValueOrDefault(name)?.Add(values.Span);
        }

        foreach (var (name, values) in batch.CategoricalColumns)
        {
            categorical.GetValueOrDefault(name)?.Add(values.Span);
        }

        BatchCount++;
        return this;
    }

    /// <summary>
    /// Merges another accumulator of disjoint rows into this one (the other is unchanged): one of another partition,
    /// thread, or app instance (read with <see cref="FromJson"/>). Both must hold the same features with the same bin
    /// edges (the same reference profile, or one with the same features and edges) and the same
    /// <see cref="ProfileSketchOptions.K"/> and <see cref="ProfileSketchOptions.ExactBelow"/>; the merged window stays
    /// checked by this accumulator's detector.
    /// </summary>
    /// <param name="other">The accumulator to merge.</param>
    /// <returns>This accumulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this accumulator, or differs in its features, a feature's bin edges, or its sketch options; the message says what differs, and nothing is merged.</exception>
    public DriftWindowAccumulator Merge(DriftWindowAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", nameof(other));
        }

        if (sketch.K != other.sketch.K || sketch.ExactBelow != other.sketch.ExactBelow)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Cannot merge window accumulators with different sketch options (K {sketch.K} vs {other.sketch.K}, ExactBelow {sketch.ExactBelow} vs {other.sketch.ExactBelow})."),
                nameof(other));
        }

        if (FeatureSetDifference(other) is { } features)
        {
            throw new ArgumentException($"Cannot merge window accumulators of different feature sets ({features}): they were created against different reference profiles or ignored features.", nameof(other));
        }

        foreach (var (name, state) in numeric)
        {
            if (NumericWindowState.EdgeDifference(state.Edges, other.numeric[name].Edges) is { } edges)
            {
                throw new ArgumentException($"Cannot merge window accumulators with different bin edges for feature '{name}' ({edges}, this vs other): they were created against different reference profiles.", nameof(other));
            }
        }

        foreach (var (name, state) in other.numeric)
        {
            numeric[name].Merge(state);
        }

        foreach (var (name, state) in other.categorical)
        {
            categorical[name].Merge(state);
        }

        BatchCount += other.BatchCount;
        return this;
    }

    /// <summary>Gets the names of the features the accumulator holds, in ordinal order.</summary>
    private IEnumerable<string> FeatureNames => numeric.Keys.Concat(categorical.Keys).Order(StringComparer.Ordinal);

    /// <summary>Describes how the other accumulator's features (names and kinds) differ from this one's, null when they are the same.</summary>
    private string? FeatureSetDifference(DriftWindowAccumulator other)
    {
        var mine = numeric.Keys.Select(n => n + " (numeric)").Concat(categorical.Keys.Select(n => n + " (categorical)")).ToHashSet(StringComparer.Ordinal);
        var theirs = other.numeric.Keys.Select(n => n + " (numeric)").Concat(other.categorical.Keys.Select(n => n + " (categorical)")).ToHashSet(StringComparer.Ordinal);
        if (mine.SetEquals(theirs))
        {
            return null;
        }

        var onlyMine = mine.Except(theirs).Order(StringComparer.Ordinal).ToList();
        var onlyTheirs = theirs.Except(mine).Order(StringComparer.Ordinal).ToList();
        return string.Join("; ", new[]
        {
            onlyMine.Count > 0 ? "only in this one: " + string.Join(", ", onlyMine) : null,
            onlyTheirs.Count > 0 ? "only in the other: " + string.Join(", ", onlyTheirs) : null,
        }.Where(p => p is not null));
    }

    /// <summary>Evaluates one checked feature from the accumulated state.</summary>
    internal FeatureDriftResult Evaluate(FeaturePlan plan) => plan.Numeric is not null
        ? numeric[plan.Name].Evaluate(plan)
        : categorical[plan.Name].Evaluate(plan);

    private static void Check(string name, FeatureKind kind, bool otherKind, bool known, string paramName)
    {
        if (otherKind)
        {
            throw new ArgumentException(
                $"Feature '{name}' is {(kind == FeatureKind.Numeric ? FeatureKind.Categorical : FeatureKind.Numeric)} in the reference profile but {kind} in the batch.", paramName);
        }

        if (!known)
        {
            throw new ArgumentException($"Feature '{name}' is in the batch but not in the reference profile.", paramName);
        }
    }
}
