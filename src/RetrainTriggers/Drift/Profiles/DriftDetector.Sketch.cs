using System.Buffers;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>The detector's checks against sketch profiles and bounded categorical profiles.</summary>
public sealed partial class DriftDetector
{
    /// <summary>KS in one pass, Wasserstein and energy distance over the sorted window, each with its bound; CvM is not available.</summary>
    private static void EvaluateSampledAgainstSketch(ResultBuilder builder, NumericFeatureProfile profile, ReadOnlySpan<double> values, FeatureDriftRules rules)
    {
        var wanted = rules.NumericStatistics;
        if ((wanted & NumericStatistics.KolmogorovSmirnov) != 0)
        {
            var ks = profile.KsTest(values, KsAlternative.TwoSided, rules.KsMethod);
            builder.KolmogorovSmirnov(ks.Result.Statistic, ks.Result.PValue, ks.StatisticErrorBound);
        }

        if ((wanted & (NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance)) != 0)
        {
            var rented = ContinuousSample.RentSortedFinite(values, "current", 1, out var sortedCount);
            try
            {
                ReadOnlySpan<double> sortedCurrent = rented.AsSpan(0, sortedCount);
                if ((wanted & NumericStatistics.WassersteinNormalized) != 0)
                {
                    var (w, bound) = profile.SketchWasserstein(sortedCurrent);
                    builder.Distance(DriftStatistic.WassersteinNormalized, w, rules.WassersteinThreshold, bound);
                }

                if ((wanted & NumericStatistics.EnergyDistance) != 0)
                {
                    var (e, bound) = profile.SketchEnergy(sortedCurrent);
                    builder.Distance(DriftStatistic.EnergyDistance, e, rules.EnergyDistanceThreshold, bound);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        if ((wanted & NumericStatistics.CramerVonMises) != 0)
        {
            builder.Note(FormattableString.Invariant(
                $"Cramér–von Mises not computed: the reference is a KLL sketch (k = {profile.SketchK}), and the test needs the full sample"));
        }
    }

    /// <summary>For a bounded (top-K) profile, folds window categories outside the kept ones into the other bucket and notes them.</summary>
    private static IReadOnlyDictionary<string, long> FoldTopK(ResultBuilder builder, CategoricalFeatureProfile profile, ref Dictionary<string, long> currentCounts)
    {
        if (profile.MaxCategories is null)
        {
            return profile.Counts;
        }

        currentCounts = profile.FoldWindow(currentCounts, out var folded);
        if (folded.Count > 0)
        {
            const int Shown = 10;
            builder.Note(FormattableString.Invariant(
                $"{folded.Count} window categor{(folded.Count == 1 ? "y" : "ies")} outside the reference's top {profile.MaxCategories} counted as other: {string.Join(", ", folded.Take(Shown))}{(folded.Count > Shown ? ", …" : string.Empty)}"));
        }

        return profile.CountsWithOther;
    }
}
