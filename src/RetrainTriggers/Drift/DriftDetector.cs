namespace RetrainTriggers.Drift;

/// <summary>Checks current windows of many features against a frozen <see cref="DatasetProfile"/> and produces a <see cref="DriftReport"/>.</summary>
/// <remarks>
/// <para>
/// The detector is immutable after construction (it snapshots its options) and thread-safe: one instance can check
/// many windows concurrently. Features are checked in parallel (up to
/// <see cref="DriftDetectorOptions.MaxDegreeOfParallelism"/>) and reported in ordinal name order, so the output does not
/// depend on scheduling.
/// </para>
/// <para>
/// Per window, numeric features cost one pass over the values for the binned statistics (edges come from the profile)
/// and one sort of the window's finite values for KS and the other sample statistics; the reference is never re-sorted
/// or re-binned.
/// </para>
/// </remarks>
public sealed class DriftDetector
{
    private readonly FeaturePlan[] plans;
    private readonly DatasetVerdict verdict;
    private readonly int maxDegreeOfParallelism;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a detector for windows of the features in <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference profile, usually loaded from beside the model.</param>
    /// <param name="options">The rules; defaults when <see langword="null"/>. Copied: later changes have no effect.</param>
    /// <param name="timeProvider">The clock that stamps reports; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names every invalid option by its path.</exception>
    public DriftDetector(DatasetProfile reference, DriftDetectorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new DriftDetectorOptions();
        options.Validate(reference);
        Reference = reference;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        verdict = new DatasetVerdict(options.DatasetRule, options.DriftShareThreshold, options.Correction, options.Rules.Alpha, options.FeatureImportances is not null);
        maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        var ignored = new HashSet<string>(options.IgnoredFeatures, StringComparer.Ordinal);

        var list = new List<FeaturePlan>(reference.FeatureNames.Count);
        foreach (var name in reference.FeatureNames)
        {
            if (ignored.Contains(name))
            {
                continue;
            }

            list.Add(new FeaturePlan(
                name,
                reference.NumericFeatures.GetValueOrDefault(name),
                reference.CategoricalFeatures.GetValueOrDefault(name),
                options.RulesFor(name),
                options.FeatureImportances?[name] ?? 1.0));
        }

        plans = [.. list];
    }

    /// <summary>Gets the reference profile.</summary>
    public DatasetProfile Reference { get; }

    /// <summary>Checks one window against the reference.</summary>
    /// <param name="current">The current window; it must hold every checked feature of the profile, with the same kind, and no other feature.</param>
    /// <param name="cancellationToken">Cancels the check between features.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The window lacks a profiled feature, holds a feature the profile does not know, or a feature has the wrong kind; the message names the feature.</exception>
    public DriftReport Detect(DriftWindow current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        DriftWindowCheck.Validate(plans, Reference, current);
        return Run(plan => Evaluate(plan, current), cancellationToken);
    }

    /// <summary>Creates an empty window accumulator for this detector: add batches as rows arrive, merge partitions, check it with <see cref="Detect(DriftWindowAccumulator, CancellationToken)"/>.</summary>
    /// <param name="sketch">When the window's numeric values are sketched instead of kept (<see cref="ProfileSketchOptions.ExactBelow"/>, K, seed); <see cref="ProfileSketchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The empty accumulator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A sketch option is out of range.</exception>
    public DriftWindowAccumulator CreateWindowAccumulator(ProfileSketchOptions? sketch = null)
    {
        sketch ??= ProfileSketchOptions.Default;
        sketch.Validate();
        return new DriftWindowAccumulator(this, plans, sketch);
    }

    /// <summary>Checks an accumulated window against the reference; the accumulator can keep accumulating.</summary>
    /// <param name="current">The accumulated window, created by this detector.</param>
    /// <param name="cancellationToken">Cancels the check between features.</param>
    /// <returns>The report; exactly <see cref="Detect(DriftWindow, CancellationToken)"/>'s on the concatenated batches while the window is below its exact limit (see <see cref="DriftWindowAccumulator"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="current"/> was created by another detector.</exception>
    public DriftReport Detect(DriftWindowAccumulator current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!ReferenceEquals(current.Detector, this))
        {
            throw new ArgumentException("The window accumulator was created by another detector; create it with this detector's CreateWindowAccumulator or read it with DriftWindowAccumulator.FromJson(json, this detector), or merge it into one of this detector's.", nameof(current));
        }

        return Run(current.Evaluate, cancellationToken);
    }

    private static FeatureDriftResult Evaluate(FeaturePlan plan, DriftWindow current) => plan.Numeric is not null
        ? NumericFeatureEvaluator.Evaluate(plan, plan.Numeric, current.NumericColumns[plan.Name].Span)
        : CategoricalFeatureEvaluator.Evaluate(plan, plan.Categorical!, current.CategoricalColumns[plan.Name].Span);

    private DriftReport Run(Func<FeaturePlan, FeatureDriftResult> evaluate, CancellationToken cancellationToken)
    {
        var results = new FeatureDriftResult[plans.Length];
        if (maxDegreeOfParallelism == 1 || plans.Length == 1)
        {
            for (var i = 0; i < plans.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = evaluate(plans[i]);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(0, plans.Length, parallel, i => results[i] = evaluate(plans[i]));
        }

        return verdict.Summarise(results, plans, timeProvider.GetUtcNow());
    }
}
