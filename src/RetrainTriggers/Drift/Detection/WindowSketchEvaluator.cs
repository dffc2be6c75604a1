using RetrainTriggers.Statistics;
using RetrainTriggers.Statistics.Sketches;

namespace RetrainTriggers.Drift;

/// <summary>Checks a numeric window held as exact bin counts plus a KLL sketch (an accumulated window past its exact limit) against a profile.</summary>
internal static class WindowSketchEvaluator
{
    private const NumericStatistics Binned = NumericStatistics.Psi | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler;
    private const NumericStatistics FromSketch = NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance;

    /// <summary>Binned statistics from the exact counts; KS, Wasserstein and energy distance from the sketch (± their bounds, drift judged on value − bound); Cramér–von Mises reported as unavailable.</summary>
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

        double[] windowValues = [];
        long[] windowCumulative = [];
        if ((wanted & FromSketch) != 0)
        {
            window.SortedView(out windowValues, out windowCumulative); // once for KS, Wasserstein and energy
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
            var ks = Ks(profile, window, windowValues, windowCumulative);
            builder.KolmogorovSmirnov(ks.Result.Statistic, ks.Result.PValue, ks.StatisticErrorBound, profile.Count, window.Count);
        }

        if ((wanted & NumericStatistics.WassersteinNormalized) != 0)
        {
            var (w, bound) = Wasserstein(profile, window, windowValues, windowCumulative);
            builder.BoundedDistance(DriftStatistic.WassersteinNormalized, w, rules.WassersteinThreshold, bound);
        }

        if ((wanted & NumericStatistics.EnergyDistance) != 0)
        {
            var (e, bound) = Energy(profile, window, windowValues, windowCumulative);
            builder.BoundedDistance(DriftStatistic.EnergyDistance, e, rules.EnergyDistanceThreshold, bound);
        }

        if ((wanted & NumericStatistics.CramerVonMises) != 0)
        {
            builder.Unavailable(DriftStatistic.CramerVonMises, FormattableString.Invariant(
                $"{DriftStatistic.CramerVonMises} not computed: the accumulated window has {finite} values, at least ExactBelow = {exactBelow}, so it is kept as a KLL sketch (k = {window.K}) and the test's p-value needs the window's full sample"));
        }

        return builder.Build();
    }

    /// <summary>
    /// Normalised Wasserstein-1 between the reference (exact sorted sample or sketch) and the window's sketch, and the
    /// bound of its error against the exact value, both divided by max(σ_ref, 0.001) as the exact path divides.
    /// </summary>
    /// <remarks>
    /// Let F, G be the true CDFs of the reference and the window and F̂, Ĝ the ones the sketches hold. KLL bounds every
    /// rank query at once: |F̂ − F| ≤ ε_ref and |Ĝ − G| ≤ ε_win everywhere (99% confidence; ε = 0 for an exact side).
    /// Both are also exact outside their own [min, max]: below min both are 0, and from max on both are 1 (the sketch's
    /// retained items lie in [min, max]). Pointwise ||F̂ − Ĝ| − |F − G|| ≤ |F̂ − F| + |Ĝ − G|, so integrating,
    /// |Ŵ − W| ≤ ∫|F̂ − F| + ∫|Ĝ − G| ≤ ε_ref·(max_ref − min_ref) + ε_win·(max_win − min_win), which is at most
    /// (ε_ref + ε_win)·(the combined support's max − min).
    /// </remarks>
    internal static (double Value, double Bound) Wasserstein(NumericFeatureProfile reference, KllSketch window, double[] windowValues, long[] windowCumulative)
    {
        var distance = CdfIntegral(reference, windowValues, windowCumulative, window.Count, power: 1);
        var bound = (reference.RankErrorBound * (reference.Max - reference.Min)) + (window.RankErrorBound * (window.Max - window.Min));
        return (
            Statistics.Wasserstein.Normalize(distance, reference.StandardDeviation),
            Statistics.Wasserstein.Normalize(bound, reference.StandardDeviation));
    }

    /// <summary>
    /// Energy distance (scipy's <c>energy_distance</c> = √2·‖F − G‖₂ in one dimension) between the reference and the
    /// window's sketch, and the bound of its error against the exact value.
    /// </summary>
    /// <remarks>
    /// With F, G, F̂, Ĝ, ε_ref and ε_win as for <see cref="Wasserstein"/>, the triangle inequality of the L2 norm gives
    /// |‖F̂ − Ĝ‖₂ − ‖F − G‖₂| ≤ ‖F̂ − F‖₂ + ‖Ĝ − G‖₂ ≤ ε_ref·√(max_ref − min_ref) + ε_win·√(max_win − min_win), so
    /// |Ê − E| ≤ √2·(ε_ref·√(max_ref − min_ref) + ε_win·√(max_win − min_win)).
    /// </remarks>
    internal static (double Value, double Bound) Energy(NumericFeatureProfile reference, KllSketch window, double[] windowValues, long[] windowCumulative)
    {
        var distance = Math.Sqrt(2 * CdfIntegral(reference, windowValues, windowCumulative, window.Count, power: 2));
        var bound = Math.Sqrt(2) * ((reference.RankErrorBound * Math.Sqrt(reference.Max - reference.Min)) + (window.RankErrorBound * Math.Sqrt(window.Max - window.Min)));
        return (distance, bound);
    }

    private static double CdfIntegral(NumericFeatureProfile reference, double[] windowValues, long[] windowCumulative, long windowCount, int power) =>
        reference.SketchView is { } view
            ? SketchStatistics.CdfIntegral(view.Values, view.Cumulative, true, view.Cumulative[^1], windowValues, windowCumulative, windowCount, power)
            : SketchStatistics.CdfIntegral(reference.SortedArray, default, false, reference.SortedArray.Length, windowValues, windowCumulative, windowCount, power);

    /// <summary>
    /// Two-sided KS between the reference (its exact sorted sample or its sketch) and the window's sketch: the supremum
    /// of |F_ref − F_window| over every step of either CDF. The statistic is within the sum of both rank-error bounds of
    /// the exact one; the p-value is the asymptotic one at the estimate.
    /// </summary>
    internal static BoundedKsResult Ks(NumericFeatureProfile reference, KllSketch window, double[] windowValues, long[] windowCumulative)
    {
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
