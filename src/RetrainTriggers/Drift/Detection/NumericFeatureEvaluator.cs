using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>Computes a numeric feature's statistics for one window: one counting pass for the binned statistics, one sort of the window for the sample statistics.</summary>
internal static class NumericFeatureEvaluator
{
    private const NumericStatistics Binned = NumericStatistics.Psi | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler;
    private const NumericStatistics Sampled = NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized | NumericStatistics.EnergyDistance | NumericStatistics.CramerVonMises;

    // Bins up to this many are counted on the stack.
    private const int MaxStackBins = 128;

    public static FeatureDriftResult Evaluate(FeaturePlan plan, NumericFeatureProfile profile, ReadOnlySpan<double> values)
    {
        var rules = plan.Rules;
        var wanted = rules.NumericStatistics;
        var bins = profile.CountArray.Length;
        var counts = bins <= MaxStackBins ? stackalloc long[bins] : new long[bins];
        var missing = (wanted & Binned) != 0 ? Binning.Count(values, profile.EdgeArray, counts) : CountNonFinite(values);
        var finite = values.Length - missing;

        var builder = new FeatureResultBuilder(plan, profile.Count, profile.MissingCount, finite, missing);
        builder.MissingRate(profile.MissingRate, values.Length);
        if (!builder.Sufficient(rules.MinimumSampleSize))
        {
            return builder.Build();
        }

        if ((wanted & Binned) != 0)
        {
            var proportions = bins <= MaxStackBins ? stackalloc double[bins] : new double[bins];
            for (var i = 0; i < bins; i++)
            {
                proportions[i] = (double)counts[i] / finite;
            }

            AddBinned(builder, rules, profile.ProportionArray, proportions);
        }

        if ((wanted & Sampled) != 0 && profile.IsSketch)
        {
            SketchFeatureEvaluator.AddSampled(builder, rules, profile, values);
        }
        else if ((wanted & Sampled) == NumericStatistics.KolmogorovSmirnov)
        {
            // KS alone: no sort of the window (the gap scan, bit-identical to the full merge).
            var ks = profile.KsTest(values, KolmogorovSmirnovAlternative.TwoSided, rules.KolmogorovSmirnovMethod);
            builder.KolmogorovSmirnov(ks.Result.Statistic, ks.Result.PValue);
        }
        else if ((wanted & Sampled) != 0)
        {
            // The window is sorted once; the reference was sorted when the profile was built.
            using var current = PooledSortedSample.Rent(values, nameof(values), 1);
            AddSampled(builder, rules, profile, current.Span);
        }

        return builder.Build();
    }

    internal static void AddBinned(FeatureResultBuilder builder, FeatureDriftRules rules, ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var wanted = rules.NumericStatistics;
        if ((wanted & NumericStatistics.Psi) != 0)
        {
            builder.Psi(Divergence.Psi(reference, current, rules.Epsilon));
        }

        if ((wanted & NumericStatistics.JensenShannon) != 0)
        {
            builder.Distance(DriftStatistic.JensenShannon, Divergence.JensenShannonDistance(reference, current), rules.JensenShannonThreshold);
        }

        if ((wanted & NumericStatistics.Hellinger) != 0)
        {
            builder.Distance(DriftStatistic.Hellinger, Divergence.Hellinger(reference, current), rules.HellingerThreshold);
        }

        if ((wanted & NumericStatistics.KullbackLeibler) != 0)
        {
            builder.Distance(DriftStatistic.KullbackLeibler, Divergence.KullbackLeibler(reference, current, rules.Epsilon), rules.KullbackLeiblerThreshold);
        }
    }

    private static void AddSampled(FeatureResultBuilder builder, FeatureDriftRules rules, NumericFeatureProfile profile, ReadOnlySpan<double> current)
    {
        var wanted = rules.NumericStatistics;
        ReadOnlySpan<double> reference = profile.SortedArray;
        if ((wanted & NumericStatistics.KolmogorovSmirnov) != 0)
        {
            var ks = KolmogorovSmirnov.Compute(reference, current, KolmogorovSmirnovAlternative.TwoSided, rules.KolmogorovSmirnovMethod);
            builder.KolmogorovSmirnov(ks.Statistic, ks.PValue);
        }

        if ((wanted & NumericStatistics.WassersteinNormalized) != 0)
        {
            var w = Wasserstein.Normalize(Wasserstein.Core(reference, current), profile.StandardDeviation);
            builder.Distance(DriftStatistic.WassersteinNormalized, w, rules.WassersteinThreshold);
        }

        if ((wanted & NumericStatistics.EnergyDistance) != 0)
        {
            builder.Distance(DriftStatistic.EnergyDistance, EnergyDistance.Core(reference, current), rules.EnergyDistanceThreshold);
        }

        if ((wanted & NumericStatistics.CramerVonMises) != 0)
        {
            if (reference.Length < CramerVonMises.MinimumSampleSize || current.Length < CramerVonMises.MinimumSampleSize)
            {
                builder.Insufficient(DriftStatistic.CramerVonMises, CramerVonMises.MinimumSampleSize);
            }
            else
            {
                var cvm = CramerVonMises.Compute(reference, current, CramerVonMisesMethod.Auto);
                builder.Test(DriftStatistic.CramerVonMises, cvm.Statistic, cvm.PValue);
            }
        }
    }

    private static long CountNonFinite(ReadOnlySpan<double> values)
    {
        long missing = 0;
        foreach (var v in values)
        {
            missing += double.IsFinite(v) ? 0 : 1;
        }

        return missing;
    }
}
