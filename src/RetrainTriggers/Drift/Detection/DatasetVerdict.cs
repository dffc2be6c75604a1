using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Turns the per-feature results into the dataset verdict: the share of drifted features, or any feature drifted after correcting its p-value for the number of features tested.</summary>
internal sealed class DatasetVerdict(DatasetDriftRule rule, double driftShareThreshold, MultipleTestingMethod correction, double alpha, bool weighted)
{
    public DriftReport Summarise(FeatureDriftResult[] results, IReadOnlyList<FeaturePlan> plans, DateTimeOffset generatedAt)
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
        var share = evaluatedWeight > 0 ? (driftedWeight / evaluatedWeight) + 0.0 : 0.0;
        DriftDecision decision;
        string reason;
        if (evaluated == 0)
        {
            decision = DriftDecision.InsufficientData;
            reason = FormattableString.Invariant($"none of the {results.Length} features has enough data to be judged");
        }
        else if (rule == DatasetDriftRule.ShareOfDriftedFeatures)
        {
            var holds = share >= driftShareThreshold;
            decision = holds ? DriftDecision.Drift : drifted + warned > 0 ? DriftDecision.Warning : DriftDecision.None;
            reason = FormattableString.Invariant(
                $"{drifted} of {evaluated} judged features drifted ({(weighted ? "weighted " : string.Empty)}share {share:G4} {(holds ? ">=" : "<")} {driftShareThreshold:G4})");
        }
        else
        {
            (decision, reason) = ApplyCorrection(results, plans, drifted, warned);
        }

        if (insufficient > 0 && evaluated > 0)
        {
            reason += FormattableString.Invariant($"; {insufficient} features had insufficient data");
        }

        return new DriftReport
        {
            GeneratedAt = generatedAt,
            DatasetDecision = decision,
            DatasetRule = rule,
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

    private (DriftDecision Decision, string Reason) ApplyCorrection(FeatureDriftResult[] results, IReadOnlyList<FeaturePlan> plans, int drifted, int warned)
    {
        var tested = new List<int>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].PValue is not null)
            {
                tested.Add(i);
            }
        }

        var pValues = tested.Select(i => results[i].PValue!.Value).ToArray();
        var adjusted = tested.Count > 0 ? MultipleTesting.Adjust(pValues, correction) : [];
        string? firstHit = null;
        for (var t = 0; t < tested.Count; t++)
        {
            var i = tested[t];
            results[i].AdjustedPValue = adjusted[t];
            var effectHolds = plans[i].Rules.KolmogorovSmirnovMinimumEffect is not { } delta
                || results[i].Get(DriftStatistic.KolmogorovSmirnov) is not { Value: { } d }
                || d >= delta;
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
}
