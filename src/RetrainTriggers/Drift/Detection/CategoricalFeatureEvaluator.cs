using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Computes a categorical feature's statistics for one window over the union of both samples' categories.</summary>
internal static class CategoricalFeatureEvaluator
{
    public static FeatureDriftResult Evaluate(FeaturePlan plan, CategoricalFeatureProfile profile, ReadOnlySpan<string?> values)
    {
        var (tally, missing) = CategoryTally.Count(values, profile.Categories.Count + 4);
        return Evaluate(plan, profile, tally, missing, values.Length);
    }

    /// <summary>Evaluates already-counted window categories (<paramref name="tally"/> is not kept; the caller may pass its own copy).</summary>
    public static FeatureDriftResult Evaluate(FeaturePlan plan, CategoricalFeatureProfile profile, Dictionary<string, long> tally, long missing, long length)
    {
        var rules = plan.Rules;
        var wanted = rules.CategoricalStatistics;
        var present = length - missing;
        var builder = new FeatureResultBuilder(plan, profile.Count, profile.MissingCount, present, missing);
        builder.MissingRate(profile.MissingRate, length);
        if (!builder.Sufficient(rules.MinimumSampleSize))
        {
            return builder.Build();
        }

        var (referenceCounts, currentCounts) = SketchFeatureEvaluator.FoldTopK(builder, profile, tally);

        // Categories = union of both samples (ordinal order) plus an explicit missing bucket when either side has missing values.
        var divergence = CategoricalDivergence.Compute(referenceCounts, currentCounts, profile.MissingCount, missing, rules.Epsilon);
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

        if ((wanted & CategoricalStatistics.MaxProportionChange) != 0)
        {
            builder.Distance(DriftStatistic.MaxProportionChange, divergence.MaxProportionChange, rules.MaxProportionChangeThreshold);
        }

        var union = new SortedSet<string>(referenceCounts.Keys, StringComparer.Ordinal);
        union.UnionWith(currentCounts.Keys);
        if (union.Count == 2 && (wanted & CategoricalStatistics.TwoProportionZTest) != 0)
        {
            // The two-sided test is symmetric in which category counts as "success"; take the first in ordinal order.
            var first = union.Min!;
            var z = ProportionTest.TwoProportion(referenceCounts.GetValueOrDefault(first), profile.Count, currentCounts.GetValueOrDefault(first), present);
            builder.Test(DriftStatistic.TwoProportionZTest, z.Statistic, z.PValue);
        }
        else if ((wanted & CategoricalStatistics.ChiSquare) != 0)
        {
            if (divergence.Categories.Count >= 2)
            {
                builder.Test(DriftStatistic.ChiSquare, divergence.ChiSquare.Statistic, divergence.ChiSquare.PValue);
            }
            else
            {
                builder.Insufficient(DriftStatistic.ChiSquare, 2, "categories");
            }
        }

        return builder.Build();
    }
}
