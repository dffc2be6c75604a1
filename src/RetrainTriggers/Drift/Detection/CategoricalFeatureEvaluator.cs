using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Computes a categorical feature's statistics for one window over the union of both samples' categories.</summary>
internal static class CategoricalFeatureEvaluator
{
    public static FeatureDriftResult Evaluate(FeaturePlan plan, CategoricalFeatureProfile profile, ReadOnlySpan<string?> values)
    {
        var rules = plan.Rules;
        var wanted = rules.CategoricalStatistics;
        var (currentCounts, missing) = CategoryTally.Count(values, profile.Categories.Count + 4);
        var present = values.Length - missing;
        var builder = new FeatureResultBuilder(plan, profile.Count, profile.MissingCount, present, missing);
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

        if ((wanted & CategoricalStatistics.MaxProportionChange) != 0)
        {
            builder.Distance(DriftStatistic.MaxProportionChange, divergence.MaxProportionChange, rules.MaxProportionChangeThreshold);
        }

        var union = new SortedSet<string>(profile.Categories, StringComparer.Ordinal);
        union.UnionWith(currentCounts.Keys);
        if (union.Count == 2 && (wanted & CategoricalStatistics.TwoProportionZTest) != 0)
        {
            // The two-sided test is symmetric in which category counts as "success"; take the first in ordinal order.
            var first = union.Min!;
            var z = ProportionTest.TwoProportion(profile.CountOf(first), profile.Count, currentCounts.GetValueOrDefault(first), present);
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
