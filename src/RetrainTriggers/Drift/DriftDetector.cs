using System.Buffers;
using RetrainTriggers.Statistics;

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
    private readonly DatasetDriftRule datasetRule;
    private readonly double driftShareThreshold;
    private readonly MultipleTestingMethod correction;
    private readonly double alpha;
    private readonly bool weighted;
    private readonly int maxDegreeOfParallelism;
    private readonly HashSet<string> ignored;
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
        datasetRule = options.DatasetRule;
        driftShareThreshold = options.DriftShareThreshold;
        correction = options.Correction;
        alpha = options.Rules.Alpha;
        weighted = options.FeatureImportances is not null;
        maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        ignored = new HashSet<string>(options.IgnoredFeatures, StringComparer.Ordinal);

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
        ValidateWindow(current);

        var results = new FeatureDriftResult[plans.Length];
        if (maxDegreeOfParallelism == 1 || plans.Length == 1)
        {
            for (var i = 0; i < plans.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = Evaluate(plans[i], current);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(0, plans.Length, parallel, i => results[i] = Evaluate(plans[i], current));
        }

        return Summarise(results);
    }

    private void ValidateWindow(DriftWindow current)
    {
        foreach (var plan in plans)
        {
            if (!current.TryGetKind(plan.Name, out var kind))
            {
                throw new ArgumentException($"Feature '{plan.Name}' is in the reference profile but not in the window.", nameof(current));
            }

            if (kind != plan.Kind)
            {
                throw new ArgumentException(
                    $"Feature '{plan.Name}' is {plan.Kind} in the reference profile but {kind} in the window.", nameof(current));
            }
        }

        foreach (var name in current.NumericColumns.Keys.Concat(current.CategoricalColumns.Keys))
        {
            if (!Reference.NumericFeatures.ContainsKey(name) && !Reference.CategoricalFeatures.ContainsKey(name))
            {
                throw new ArgumentException($"Feature '{name}' is in the window but not in the reference profile.", nameof(current));
            }
        }
    }

    private static FeatureDriftResult Evaluate(FeaturePlan plan, DriftWindow current) => plan.Numeric is not null
        ? EvaluateNumeric(plan, plan.Numeric, current.NumericColumns[plan.Name].Span)
        : EvaluateCategorical(plan, plan.Categorical!, current.CategoricalColumns[plan.Name].Span);

    private static FeatureDriftResult EvaluateNumeric(FeaturePlan plan, NumericFeatureProfile profile, ReadOnlySpan<double> values)
    {
        var rules = plan.Rules;
        var wanted = rules.NumericStatistics;
        const NumericStatistics Binned = NumericStatistics.Psi | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler;
        const NumericStatistics Sampled = NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance | NumericStatistics.CramerVonMises;

        var bins = profile.CountArray.Length;
        var counts = bins <= 128 ? stackalloc long[bins] : new long[bins];
        long missing = (wanted & Binned) != 0
            ? Binning.Count(values, profile.EdgeArray, counts)
            : CountNonFinite(values);
        var finite = values.Length - missing;

        var builder = new ResultBuilder(plan, profile.Count, profile.MissingCount, finite, missing);
        builder.MissingRate(profile.MissingRate, values.Length);
        if (!builder.Sufficient(rules.MinimumSampleSize))
        {
            return builder.Build();
        }

        if ((wanted & Binned) != 0)
        {
            var reference = profile.ProportionArray;
            var proportions = bins <= 128 ? stackalloc double[bins] : new double[bins];
            for (var i = 0; i < bins; i++)
            {
                proportions[i] = (double)counts[i] / finite;
            }

            if ((wanted & NumericStatistics.Psi) != 0)
            {
                builder.Psi(Divergence.Psi(reference, proportions, rules.Epsilon));
            }

            if ((wanted & NumericStatistics.JensenShannon) != 0)
            {
                builder.Distance(DriftStatistic.JensenShannon, Divergence.JensenShannonDistance(reference, proportions), rules.JensenShannonThreshold);
            }

            if ((wanted & NumericStatistics.Hellinger) != 0)
            {
                builder.Distance(DriftStatistic.Hellinger, Divergence.Hellinger(reference, proportions), rules.HellingerThreshold);
            }

            if ((wanted & NumericStatistics.KullbackLeibler) != 0)
            {
                builder.Distance(DriftStatistic.KullbackLeibler, Divergence.KullbackLeibler(reference, proportions, rules.Epsilon), rules.KullbackLeiblerThreshold);
            }
        }

        if ((wanted & Sampled) == NumericStatistics.KolmogorovSmirnov)
        {
            // KS alone: the kernel sorts the window into pooled scratch and merges it against the profile's sorted sample.
            var ks = KolmogorovSmirnov.AgainstSortedReference(profile.SortedArray, values, KsAlternative.TwoSided, rules.KsMethod);
            builder.KolmogorovSmirnov(ks.Statistic, ks.PValue);
        }
        else if ((wanted & Sampled) != 0)
        {
            var rented = ContinuousSample.RentSortedFinite(values, "current", 1, out var sortedCount);
            try
            {
                ReadOnlySpan<double> sortedCurrent = rented.AsSpan(0, sortedCount);
                ReadOnlySpan<double> sortedReference = profile.SortedArray;
                if ((wanted & NumericStatistics.KolmogorovSmirnov) != 0)
                {
                    var ks = KolmogorovSmirnov.TwoSampleSorted(sortedReference, sortedCurrent, KsAlternative.TwoSided, rules.KsMethod);
                    builder.KolmogorovSmirnov(ks.Statistic, ks.PValue);
                }

                if ((wanted & NumericStatistics.WassersteinNormalized) != 0)
                {
                    var w = Wasserstein.DistanceSorted(sortedReference, sortedCurrent) / Math.Max(profile.StandardDeviation, 0.001);
                    builder.Distance(DriftStatistic.WassersteinNormalized, w, rules.WassersteinThreshold);
                }

                if ((wanted & NumericStatistics.EnergyDistance) != 0)
                {
                    builder.Distance(DriftStatistic.EnergyDistance, EnergyDistance.ComputeSorted(sortedReference, sortedCurrent), rules.EnergyDistanceThreshold);
                }

                if ((wanted & NumericStatistics.CramerVonMises) != 0)
                {
                    var cvm = CramerVonMises.AgainstSortedReference(sortedReference, sortedCurrent);
                    builder.Test(DriftStatistic.CramerVonMises, cvm.Statistic, cvm.PValue);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        return builder.Build();
    }

    private static FeatureDriftResult EvaluateCategorical(FeaturePlan plan, CategoricalFeatureProfile profile, ReadOnlySpan<string?> values)
    {
        var rules = plan.Rules;
        var wanted = rules.CategoricalStatistics;
        var currentCounts = new Dictionary<string, long>(profile.Categories.Count + 4, StringComparer.Ordinal);
        long missing = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                missing++;
            }
            else
            {
                currentCounts[value] = currentCounts.GetValueOrDefault(value) + 1;
            }
        }

        var present = values.Length - missing;
        var builder = new ResultBuilder(plan, profile.Count, profile.MissingCount, present, missing);
        builder.MissingRate(profile.MissingRate, values.Length);
        if (!builder.Sufficient(rules.MinimumSampleSize))
        {
            return builder.Build();
        }

        // Categories = union of both samples (ordinal order) plus an explicit missing bucket when either side has missing values.
        var divergence = CategoricalDivergence.Compute(profile.Counts, currentCounts, profile.MissingCount, missing, rules.Epsilon);
        if ((wanted & CategoricalStatistics.Psi) != 0)
        {
            builder.Psi(divergence.Psi);
        }

        if ((wanted & CategoricalStatistics.JensenShannon) != 0)
        {
            builder.Distance(DriftStatistic.JensenShannon, divergence.JensenShannonDistance, rules.JensenShannonThreshold);
        }

        if ((wanted & CategoricalStatistics.Hellinger) != 0)
        {
            builder.Distance(DriftStatistic.Hellinger, divergence.Hellinger, rules.HellingerThreshold);
        }

        if ((wanted & CategoricalStatistics.LInfinity) != 0)
        {
            builder.Distance(DriftStatistic.LInfinity, divergence.LInfinity, rules.LInfinityThreshold);
        }

        var union = new SortedSet<string>(profile.Categories, StringComparer.Ordinal);
        union.UnionWith(currentCounts.Keys);
        var binary = union.Count == 2;
        if (binary && (wanted & CategoricalStatistics.TwoProportionZTest) != 0)
        {
            // The two-sided test is symmetric in which category counts as "success"; take the first in ordinal order.
            var first = union.Min!;
            var z = ProportionTest.TwoProportion(profile.CountOf(first), profile.Count, currentCounts.GetValueOrDefault(first), present);
            builder.Test(DriftStatistic.TwoProportionZTest, z.Statistic, z.PValue);
        }
        else if ((wanted & CategoricalStatistics.ChiSquare) != 0 && divergence.Categories.Count >= 2)
        {
            builder.Test(DriftStatistic.ChiSquare, divergence.ChiSquare.Statistic, divergence.ChiSquare.PValue);
        }

        return builder.Build();
    }

    private static long CountNonFinite(ReadOnlySpan<double> values)
    {
        long missing = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                missing++;
            }
        }

        return missing;
    }

    private DriftReport Summarise(FeatureDriftResult[] results)
    {
        int drifted = 0, warned = 0, insufficient = 0;
        double evaluatedWeight = 0, driftedWeight = 0;
        foreach (var r in results)
        {
            switch (r.Decision)
            {
                case DriftDecision.Drift:
                    drifted++;
                    driftedWeight += r.Weight;
                    evaluatedWeight += r.Weight;
                    break;
                case DriftDecision.Warning:
                    warned++;
                    evaluatedWeight += r.Weight;
                    break;
                case DriftDecision.InsufficientData:
                    insufficient++;
                    break;
                default:
                    evaluatedWeight += r.Weight;
                    break;
            }
        }

        var evaluated = results.Length - insufficient;
        var share = evaluatedWeight > 0 ? driftedWeight / evaluatedWeight : 0;
        DriftDecision decision;
        string reason;
        if (evaluated == 0)
        {
            decision = DriftDecision.InsufficientData;
            reason = FormattableString.Invariant($"none of the {results.Length} features has enough data to be judged");
        }
        else if (datasetRule == DatasetDriftRule.ShareOfDriftedFeatures)
        {
            var holds = share >= driftShareThreshold;
            decision = holds ? DriftDecision.Drift : drifted + warned > 0 ? DriftDecision.Warning : DriftDecision.None;
            reason = FormattableString.Invariant(
                $"{drifted} of {evaluated} judged features drifted ({(weighted ? "weighted " : string.Empty)}share {share:G4} {(holds ? ">=" : "<")} {driftShareThreshold:G4})");
        }
        else
        {
            (decision, reason) = ApplyCorrection(results, drifted, warned);
        }

        if (insufficient > 0 && evaluated > 0)
        {
            reason += FormattableString.Invariant($"; {insufficient} features had insufficient data");
        }

        return new DriftReport
        {
            GeneratedAt = timeProvider.GetUtcNow(),
            DatasetDecision = decision,
            DatasetRule = datasetRule,
            DriftShare = share,
            DriftShareThreshold = driftShareThreshold,
            Correction = correction,
            Alpha = alpha,
            Weighted = weighted,
            FeatureCount = results.Length,
            DriftedFeatureCount = drifted,
            WarningFeatureCount = warned,
            InsufficientDataFeatureCount = insufficient,
            Reason = reason,
            Features = results,
        };
    }

    private (DriftDecision Decision, string Reason) ApplyCorrection(FeatureDriftResult[] results, int drifted, int warned)
    {
        var tested = new List<int>();
        foreach (var (r, i) in results.Select((r, i) => (r, i)))
        {
            if (r.PValue is not null)
            {
                tested.Add(i);
            }
        }

        var pValues = tested.Select(i => results[i].PValue!.Value).ToArray();
        // Correct (not Adjust): the two-stage FDR methods' corrected values depend on alpha.
        IReadOnlyList<double> adjusted = tested.Count > 0 ? MultipleTesting.Correct(pValues, correction, alpha).CorrectedPValues : [];
        string? firstHit = null;
        for (var t = 0; t < tested.Count; t++)
        {
            var i = tested[t];
            results[i] = results[i] with { AdjustedPValue = adjusted[t] };
            var effectHolds = plans[i].Rules.KsMinimumStatistic is not { } delta
                || results[i].Get(DriftStatistic.KolmogorovSmirnov) is not { } ks
                || ks.Value >= delta;
            if (adjusted[t] < alpha && effectHolds && firstHit is null)
            {
                firstHit = FormattableString.Invariant($"feature '{results[i].Feature}' drifted after {correction} correction over {tested.Count} tests (adjusted p {adjusted[t]:G4} < {alpha:G4})");
            }
        }

        if (firstHit is not null)
        {
            return (DriftDecision.Drift, firstHit);
        }

        return (drifted + warned > 0 ? DriftDecision.Warning : DriftDecision.None,
            FormattableString.Invariant($"no adjusted p-value of {tested.Count} tested features is below {alpha:G4} ({correction})"));
    }

    /// <summary>Everything fixed per feature at construction.</summary>
    private sealed record FeaturePlan(string Name, NumericFeatureProfile? Numeric, CategoricalFeatureProfile? Categorical, FeatureDriftRules Rules, double Weight)
    {
        public FeatureKind Kind => Numeric is not null ? FeatureKind.Numeric : FeatureKind.Categorical;
    }

    /// <summary>Collects one feature's statistics, decisions and reasons.</summary>
    private sealed class ResultBuilder(FeaturePlan plan, long referenceCount, long referenceMissing, long currentCount, long currentMissing)
    {
        private readonly List<DriftStatisticResult> statistics = new(4);
        private readonly List<string> reasons = new(2);
        private DriftDecision decision = DriftDecision.None;
        private bool insufficient;
        private double? pValue;
        private int pValuePriority = int.MaxValue;

        private FeatureDriftRules Rules => plan.Rules;

        public void MissingRate(double referenceRate, long windowLength)
        {
            if (windowLength == 0 || (Rules.MissingRateWarningThreshold is null && Rules.MissingRateDriftThreshold is null))
            {
                return;
            }

            var currentRate = (double)currentMissing / windowLength;
            var change = Math.Abs(currentRate - referenceRate);
            var d = Rules.MissingRateDriftThreshold is { } drift && change >= drift ? DriftDecision.Drift
                : Rules.MissingRateWarningThreshold is { } warn && change >= warn ? DriftDecision.Warning
                : DriftDecision.None;
            var threshold = Rules.MissingRateDriftThreshold ?? Rules.MissingRateWarningThreshold!.Value;
            Add(new DriftStatisticResult(DriftStatistic.MissingRateChange, change, null, threshold, d),
                d == DriftDecision.None ? null : FormattableString.Invariant($"missing rate {currentRate:G4} vs {referenceRate:G4} in the reference (change {change:G4})"));
        }

        public bool Sufficient(int minimum)
        {
            if (currentCount >= minimum && referenceCount >= minimum)
            {
                return true;
            }

            insufficient = true;
            reasons.Add(FormattableString.Invariant(
                $"insufficient data: {currentCount} usable values in the window and {referenceCount} in the reference, {minimum} needed"));
            return false;
        }

        public void Psi(double psi)
        {
            var d = psi >= Rules.PsiDriftThreshold ? DriftDecision.Drift : psi >= Rules.PsiWarningThreshold ? DriftDecision.Warning : DriftDecision.None;
            Add(new DriftStatisticResult(DriftStatistic.Psi, psi, null, Rules.PsiDriftThreshold, d),
                d == DriftDecision.None ? null : FormattableString.Invariant($"PSI {psi:G4} >= {(d == DriftDecision.Drift ? Rules.PsiDriftThreshold : Rules.PsiWarningThreshold):G4}"));
        }

        public void Distance(DriftStatistic statistic, double value, double threshold)
        {
            var d = value >= threshold ? DriftDecision.Drift : DriftDecision.None;
            Add(new DriftStatisticResult(statistic, value, null, threshold, d), d == DriftDecision.None ? null : FormattableString.Invariant($"{statistic} {value:G4} >= {threshold:G4}"));
        }

        public void KolmogorovSmirnov(double statistic, double p)
        {
            var significant = p < Rules.Alpha;
            var large = Rules.KsMinimumStatistic is not { } delta || statistic >= delta;
            var d = significant && large ? DriftDecision.Drift : DriftDecision.None;
            Add(new DriftStatisticResult(DriftStatistic.KolmogorovSmirnov, statistic, p, Rules.Alpha, d),
                d == DriftDecision.None ? null : FormattableString.Invariant($"KS p {p:G4} < {Rules.Alpha:G4} (D {statistic:G4}{(Rules.KsMinimumStatistic is { } min ? FormattableString.Invariant($" >= {min:G4}") : string.Empty)})"));
            if (significant && !large)
            {
                reasons.Add(FormattableString.Invariant($"KS significant (p {p:G4}) but D {statistic:G4} < minimum effect {Rules.KsMinimumStatistic:G4}: not drift"));
            }

            SetPValue(p, 0);
        }

        public void Test(DriftStatistic statistic, double value, double p)
        {
            var d = p < Rules.Alpha ? DriftDecision.Drift : DriftDecision.None;
            Add(new DriftStatisticResult(statistic, value, p, Rules.Alpha, d), d == DriftDecision.None ? null : FormattableString.Invariant($"{statistic} p {p:G4} < {Rules.Alpha:G4} (statistic {value:G4})"));
            SetPValue(p, statistic == DriftStatistic.TwoProportionZTest ? 0 : 1);
        }

        public FeatureDriftResult Build()
        {
            var final = decision;
            if (insufficient && decision == DriftDecision.None)
            {
                final = DriftDecision.InsufficientData;
            }

            statistics.Sort((a, b) => a.Statistic.CompareTo(b.Statistic));
            return new FeatureDriftResult
            {
                Feature = plan.Name,
                Kind = plan.Kind,
                Decision = final,
                Reasons = reasons,
                Statistics = statistics,
                ReferenceCount = referenceCount,
                ReferenceMissingCount = referenceMissing,
                CurrentCount = currentCount,
                CurrentMissingCount = currentMissing,
                PValue = pValue,
                Weight = plan.Weight,
            };
        }

        private void SetPValue(double p, int priority)
        {
            if (priority < pValuePriority)
            {
                pValue = p;
                pValuePriority = priority;
            }
        }

        /// <summary>Adds a statistic; <paramref name="reason"/> is built only when the statistic warned or drifted.</summary>
        private void Add(DriftStatisticResult result, string? reason)
        {
            statistics.Add(result);
            if (result.Decision != DriftDecision.None && reason is not null)
            {
                reasons.Add(reason);
                if (result.Decision > decision)
                {
                    decision = result.Decision;
                }
            }
        }
    }
}
