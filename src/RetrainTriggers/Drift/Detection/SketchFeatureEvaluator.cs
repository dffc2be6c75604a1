using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>The detector's checks against sketch profiles and bounded (top-K) categorical profiles.</summary>
internal static class SketchFeatureEvaluator
{
    /// <summary>KS in one pass, Wasserstein and energy distance over the sorted window, each with its bound; CvM is not available.</summary>
    public static void AddSampled(FeatureResultBuilder builder, FeatureDriftRules rules, NumericFeatureProfile profile, ReadOnlySpan<double> values)
    {
        var wanted = rules.NumericStatistics;
        if ((wanted & NumericStatistics.KolmogorovSmirnov) != 0)
        {
            var ks = profile.KsTest(values, KolmogorovSmirnovAlternative.TwoSided, rules.KolmogorovSmirnovMethod);
            var finite = 0L;
            foreach (var value in values)
            {
                finite += double.IsFinite(value) ? 1 : 0;
            }

            builder.KolmogorovSmirnov(ks.Result.Statistic, ks.Result.PValue, ks.StatisticErrorBound, profile.Count, finite);
        }

        if ((wanted & (NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance)) != 0)
        {
            using var current = PooledSortedSample.Rent(values, nameof(values), 1);
            if ((wanted & NumericStatistics.WassersteinNormalized) != 0)
            {
                var (w, bound) = profile.SketchWasserstein(current.Span);
                builder.BoundedDistance(DriftStatistic.WassersteinNormalized, w, rules.WassersteinThreshold, bound);
            }

            if ((wanted & NumericStatistics.EnergyDistance) != 0)
            {
                var (e, bound) = profile.SketchEnergy(current.Span);
                builder.BoundedDistance(DriftStatistic.EnergyDistance, e, rules.EnergyDistanceThreshold, bound);
            }
        }

        if ((wanted & NumericStatistics.CramerVonMises) != 0)
        {
            builder.Note(FormattableString.Invariant(
                $"Cramér–von Mises not computed: the reference is a KLL sketch (k = {profile.SketchK}), and the test needs the full sample"));
        }
    }

    /// <summary>For a bounded (top-K) profile, folds window categories outside the kept ones into the other bucket and notes them.</summary>
    public static (IReadOnlyDictionary<string, long> Reference, Dictionary<string, long> Current) FoldTopK(FeatureResultBuilder builder, CategoricalFeatureProfile profile, Dictionary<string, long> currentCounts)
    {
        if (profile.MaxCategories is null)
        {
            return (profile.Counts, currentCounts);
        }

        var folded = profile.FoldWindow(currentCounts, out var names);
        if (names.Count > 0)
        {
            const int Shown = 10;
            builder.Note(FormattableString.Invariant(
                $"{names.Count} window categor{(names.Count == 1 ? "y" : "ies")} outside the reference's top {profile.MaxCategories} counted as other: {string.Join(", ", names.Take(Shown))}{(names.Count > Shown ? ", …" : string.Empty)}"));
        }

        return (profile.CountsWithOther, folded);
    }
}
