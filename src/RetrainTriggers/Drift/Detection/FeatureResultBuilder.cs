using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Collects one feature's statistics, each with its bounds by role, its own decision and a reason when it warned or drifted.</summary>
internal sealed class FeatureResultBuilder(FeaturePlan plan, long referenceCount, long referenceMissing, long currentCount, long currentMissing)
{
    private readonly List<DriftStatisticResult> statistics = new(4);
    private readonly List<string> reasons = new(2);
    private DriftDecision decision = DriftDecision.None;
    private bool insufficient;
    private int judgedDistributionStatistics;
    private int insufficientDistributionStatistics;
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
        var change = Math.Abs(currentRate - referenceRate) + 0.0;
        var d = Rules.MissingRateDriftThreshold is { } drift && change >= drift ? DriftDecision.Drift
            : Rules.MissingRateWarningThreshold is { } warn && change >= warn ? DriftDecision.Warning
            : DriftDecision.None;
        Add(
            new DriftStatisticResult(DriftStatistic.MissingRateChange, change, null, d, warningLevel: Rules.MissingRateWarningThreshold, driftLevel: Rules.MissingRateDriftThreshold),
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
        psi = Finite(psi);
        var d = psi >= Rules.PsiDriftThreshold ? DriftDecision.Drift : psi >= Rules.PsiWarningThreshold ? DriftDecision.Warning : DriftDecision.None;
        Add(
            new DriftStatisticResult(DriftStatistic.Psi, psi, null, d, warningLevel: Rules.PsiWarningThreshold, driftLevel: Rules.PsiDriftThreshold),
            d == DriftDecision.None ? null : FormattableString.Invariant($"PSI {psi:G4} >= {(d == DriftDecision.Drift ? Rules.PsiDriftThreshold : Rules.PsiWarningThreshold):G4}"));
    }

    public void Distance(DriftStatistic statistic, double value, double threshold, double errorBound = 0)
    {
        value = Finite(value);
        var d = value >= threshold ? DriftDecision.Drift : DriftDecision.None;
        Add(
            new DriftStatisticResult(statistic, value, null, d, driftLevel: threshold) { ErrorBound = errorBound > 0 ? errorBound : null },
            d == DriftDecision.None ? null : FormattableString.Invariant($"{statistic} {value:G4} >= {threshold:G4}"));
    }

    /// <summary>
    /// Adds a distance computed from a sketch, known only within ±<paramref name="errorBound"/>: drift is judged on the
    /// smallest value the sketch allows (value − bound), so the sketch's error never turns a window into drift. With no
    /// error (both sides exact) it is <see cref="Distance"/>.
    /// </summary>
    public void BoundedDistance(DriftStatistic statistic, double value, double threshold, double errorBound)
    {
        errorBound = Finite(errorBound);
        if (errorBound <= 0)
        {
            Distance(statistic, value, threshold);
            return;
        }

        value = Finite(value);
        var judged = Math.Max(value - errorBound, 0);
        var d = judged >= threshold ? DriftDecision.Drift : DriftDecision.None;
        Add(
            new DriftStatisticResult(statistic, value, null, d, driftLevel: threshold) { ErrorBound = errorBound },
            d == DriftDecision.None ? null : FormattableString.Invariant($"{statistic} {value:G4} >= {threshold:G4} (judged on value - bound {judged:G4})"));
        if (d == DriftDecision.None && value >= threshold)
        {
            reasons.Add(FormattableString.Invariant(
                $"{statistic} {value:G4} at the sketch estimate, but value - bound {judged:G4} < {threshold:G4}: not drift within the sketch's error"));
        }
    }

    /// <summary>
    /// Adds the KS result. Against a sketch the statistic is known only within ±<paramref name="errorBound"/>: drift is then
    /// judged on the smallest statistic the sketch allows (D − bound) and its asymptotic p-value, so the approximation
    /// never turns a window into drift (at large n the bound exceeds the test's own resolution).
    /// </summary>
    public void KolmogorovSmirnov(double statistic, double p, double errorBound = 0, long referenceCount = 0, long currentCount = 0)
    {
        var judged = statistic;
        var judgedP = p;
        var bounded = errorBound > 0 && referenceCount > 0 && currentCount > 0;
        if (bounded)
        {
            judged = Math.Max(statistic - errorBound, 0);
            judgedP = RetrainTriggers.Statistics.KolmogorovSmirnov.PValue(
                (int)Math.Min(referenceCount, int.MaxValue), (int)Math.Min(currentCount, int.MaxValue), ref judged,
                KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic, out _);
        }

        var significant = judgedP < Rules.Alpha;
        var large = Rules.KolmogorovSmirnovMinimumEffect is not { } delta || judged >= delta;
        var d = significant && large ? DriftDecision.Drift : DriftDecision.None;
        var lower = bounded ? FormattableString.Invariant($"; judged on D - bound {judged:G4}, p {judgedP:G4}") : string.Empty;
        Add(
            new DriftStatisticResult(DriftStatistic.KolmogorovSmirnov, statistic, p, d, alpha: Rules.Alpha, minimumEffect: Rules.KolmogorovSmirnovMinimumEffect) { ErrorBound = errorBound > 0 ? errorBound : null },
            d == DriftDecision.None ? null : FormattableString.Invariant($"KS p {judgedP:G4} < {Rules.Alpha:G4} (D {statistic:G4}{(Rules.KolmogorovSmirnovMinimumEffect is { } min ? FormattableString.Invariant($" >= {min:G4}") : string.Empty)}{lower})"));
        if (significant && !large)
        {
            reasons.Add(FormattableString.Invariant($"KS significant (p {judgedP:G4}) but D {judged:G4} < minimum effect {Rules.KolmogorovSmirnovMinimumEffect:G4}: not drift"));
        }
        else if (bounded && p < Rules.Alpha && !significant)
        {
            reasons.Add(FormattableString.Invariant($"KS p {p:G4} at the sketch estimate D {statistic:G4}, but D - bound {judged:G4} gives p {judgedP:G4} >= {Rules.Alpha:G4}: not drift within the sketch's error"));
        }

        SetPValue(p, 0);
    }

    public void Test(DriftStatistic statistic, double value, double p)
    {
        value = Finite(value);
        var d = p < Rules.Alpha ? DriftDecision.Drift : DriftDecision.None;
        Add(
            new DriftStatisticResult(statistic, value, p, d, alpha: Rules.Alpha),
            d == DriftDecision.None ? null : FormattableString.Invariant($"{statistic} p {p:G4} < {Rules.Alpha:G4} (statistic {value:G4})"));
        SetPValue(p, statistic == DriftStatistic.TwoProportionZTest ? 0 : 1);
    }

    /// <summary>Adds an explanation that is not a decision (what the check could not see exactly).</summary>
    public void Note(string reason) => reasons.Add(reason);

    /// <summary>Records that the samples are too small for <paramref name="statistic"/>: that statistic is <see cref="DriftDecision.InsufficientData"/>, the others still count.</summary>
    public void Insufficient(DriftStatistic statistic, int needed, string unit = "usable values")
    {
        statistics.Add(new DriftStatisticResult(statistic, null, null, DriftDecision.InsufficientData));
        insufficientDistributionStatistics++;
        reasons.Add(FormattableString.Invariant($"{statistic}: insufficient data, at least {needed} {unit} needed on each side"));
    }

    /// <summary>Records that <paramref name="statistic"/> cannot be computed from what is held (no value, <see cref="DriftDecision.InsufficientData"/>), with the reason.</summary>
    public void Unavailable(DriftStatistic statistic, string reason)
    {
        statistics.Add(new DriftStatisticResult(statistic, null, null, DriftDecision.InsufficientData));
        insufficientDistributionStatistics++;
        reasons.Add(reason);
    }

    public FeatureDriftResult Build()
    {
        var final = decision;
        if (decision == DriftDecision.None && (insufficient || (insufficientDistributionStatistics > 0 && judgedDistributionStatistics == 0)))
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

    /// <summary>A distance that overflows (windows spanning most of the double range) is reported as the largest double, so reports stay finite and serialisable.</summary>
    private static double Finite(double value) => double.IsNaN(value) ? 0.0 : Math.Min(value, double.MaxValue) + 0.0;

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
        if (result.Statistic != DriftStatistic.MissingRateChange)
        {
            judgedDistributionStatistics++;
        }

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
