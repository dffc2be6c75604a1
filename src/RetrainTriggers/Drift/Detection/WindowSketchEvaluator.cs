using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>Checks a numeric window held as exact bin counts plus a KLL sketch (an accumulated window past its exact limit) against a profile.</summary>
internal static class WindowSketchEvaluator
{
    private const NumericStatistics Binned = NumericStatistics.Psi | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler;

    /// <summary>Binned statistics from the exact counts, KS from the sketch (± the bound), the other sample statistics reported as unavailable.</summary>
    public static FeatureDriftResult Evaluate(FeaturePlan plan, NumericFeatureProfile profile, ReadOnlySpan<long> counts, long missing, KllSketch window, long exactBelow)
    {
        var rules = plan.Rules;
        var wanted = rules.NumericStatistics;
        var finite = window.Count;
        var builder = new FeatureResultBuilder(plan, profile.Count, profile.MissingCount, finite, missing);
        builder.MissingRate(profile.MissingRate, finite + missing);
        if (!builder.Sufficient(rules.MinimumSampleSize))
        {
            return builder.Build();
        }

        if ((wanted & Binned) != 0)
        {
            var proportions = new double[counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                proportions[i] = (double)counts[i] / finite;
            }

            NumericFeatureEvaluator.AddBinned(builder, rules, profile.ProportionArray, proportions);
        }

        if ((wanted & NumericStatistics.KolmogorovSmirnov) != 0)
        {
            var ks = Ks(profile, window);
            builder.KolmogorovSmirnov(ks.Result.Statistic, ks.Result.PValue, ks.StatisticErrorBound, profile.Count, window.Count);
        }

        foreach (var (flag, statistic) in new[]
        {
            (NumericStatistics.WassersteinNormalized, DriftStatistic.WassersteinNormalized),
            (NumericStatistics.EnergyDistance, DriftStatistic.EnergyDistance),
            (NumericStatistics.CramerVonMises, DriftStatistic.CramerVonMises),
        })
        {
            if ((wanted & flag) != 0)
            {
                builder.Unavailable(statistic, FormattableString.Invariant(
                    $"{statistic} not computed: the accumulated window has {finite} values, at least ExactBelow = {exactBelow}, so it is kept as a KLL sketch (k = {window.K}) and the statistic needs the window's full sample"));
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Two-sided KS between the reference (its exact sorted sample or its sketch) and the window's sketch: the supremum
    /// of |F_ref − F_window| over every step of either CDF. The statistic is within the sum of both rank-error bounds of
    /// the exact one; the p-value is the asymptotic one at the estimate.
    /// </summary>
    internal static BoundedKsResult Ks(NumericFeatureProfile reference, KllSketch window)
    {
        window.SortedView(out var windowValues, out var windowCumulative);
        double[] referenceValues;
        long[]? referenceCumulative;
        long n;
        if (reference.SketchView is { } view)
        {
            (referenceValues, referenceCumulative) = view;
            n = referenceCumulative[^1];
        }
        else
        {
            referenceValues = reference.SortedArray;
            referenceCumulative = null;
            n = referenceValues.Length;
        }

        double m = window.Count;
        double maxS = 0, maxAt = 0, minS = 0, minAt = 0;
        int i = 0, j = 0;
        while (i < referenceValues.Length || j < windowValues.Length)
        {
            var x = Math.Min(
                i < referenceValues.Length ? referenceValues[i] : double.PositiveInfinity,
                j < windowValues.Length ? windowValues[j] : double.PositiveInfinity);
            while (i < referenceValues.Length && referenceValues[i] <= x)
            {
                i++;
            }

            while (j < windowValues.Length && windowValues[j] <= x)
            {
                j++;
            }

            double f = referenceCumulative is null ? (double)i / n : i == 0 ? 0 : (double)referenceCumulative[i - 1] / n;
            double g = j == 0 ? 0 : windowCumulative[j - 1] / m;
            double d = f - g;
            if (d > maxS)
            {
                (maxS, maxAt) = (d, x);
            }
            else if (-d > minS)
            {
                (minS, minAt) = (-d, x);
            }
        }

        bool less = minS > maxS;
        double statistic = Math.Clamp(less ? minS : maxS, 0.0, 1.0);
        int n1 = (int)Math.Min(n, int.MaxValue);
        int n2 = (int)Math.Min(window.Count, int.MaxValue);
        double p = KolmogorovSmirnov.PValue(n1, n2, ref statistic, KolmogorovSmirnovAlternative.TwoSided, KolmogorovSmirnovMethod.Asymptotic, out var used);
        var result = new KolmogorovSmirnovResult(statistic, p, used, less ? minAt : maxAt, less ? -1 : 1);
        return new BoundedKsResult(result, window.RankErrorBound + reference.RankErrorBound);
    }
}
