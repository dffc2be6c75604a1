using System.Buffers;
using System.Globalization;

namespace RetrainTriggers.Statistics;

/// <summary>A seeded, deterministic paired bootstrap of the mean difference between two per-row series (percentile interval).</summary>
/// <remarks>
/// Each resample draws n row indices with replacement and averages <c>x[i] − y[i]</c> over them, so the pairing of rows is kept.
/// The interval ends are the (1 − level)/2 and (1 + level)/2 quantiles of the resampled means, numpy's default linear
/// (type 7) definition. Indices come from a SplitMix64 generator with Lemire's unbiased bounded draw, so the same seed gives
/// the same interval on every platform and runtime version (unlike <see cref="Random"/>, whose algorithm is not a contract).
/// </remarks>
public static class PairedBootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>The largest number of resamples accepted: one million (the resampled means are held in memory, 8 MB at this size).</summary>
    public const int MaxResamples = 1_000_000;

    /// <summary>The default confidence level.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20_240_601;

    /// <summary>Computes the percentile bootstrap interval of the mean of <c>x[i] − y[i]</c>.</summary>
    /// <param name="x">The first series (for example the challenger's per-row correctness as 0/1).</param>
    /// <param name="y">The second series, paired row by row with <paramref name="x"/>.</param>
    /// <param name="confidenceLevel">The confidence level, in (0, 1); 0.95 by default.</param>
    /// <param name="resamples">The number of resamples, from 1 to <see cref="MaxResamples"/>; 1000 by default.</param>
    /// <param name="seed">The generator seed; the same seed and inputs always give the same interval.</param>
    /// <returns>The observed mean difference and its interval.</returns>
    /// <exception cref="ArgumentException">The series are empty, differ in length or hold NaN or infinite values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> or <paramref name="resamples"/> is out of range.</exception>
    public static PairedBootstrapInterval MeanDifference(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        double confidenceLevel = DefaultConfidenceLevel,
        int resamples = DefaultResamples,
        ulong seed = DefaultSeed)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"x has {x.Length} rows but y has {y.Length}; a paired bootstrap needs paired rows."),
                nameof(y));
        }

        if (x.IsEmpty)
        {
            throw new ArgumentException("The series are empty; a bootstrap needs at least one row.", nameof(x));
        }

        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be in (0, 1).");
        }

        if (resamples is < 1 or > MaxResamples)
        {
            throw new ArgumentOutOfRangeException(
                nameof(resamples),
                resamples,
                string.Create(CultureInfo.InvariantCulture, $"resamples must be from 1 to {MaxResamples} (PairedBootstrap.MaxResamples)."));
        }

        int n = x.Length;
        double[] differences = ArrayPool<double>.Shared.Rent(n);
        double[] means = ArrayPool<double>.Shared.Rent(resamples);
        try
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double d = x[i] - y[i];
                if (!double.IsFinite(d))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Row {i} gives a non-finite difference ({x[i]} − {y[i]}); remove NaN and infinite values first."),
                        double.IsFinite(x[i]) ? nameof(y) : nameof(x));
                }

                differences[i] = d;
                total += d;
            }

            var random = new SplitMix64(seed);
            for (int r = 0; r < resamples; r++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += differences[random.NextIndex((uint)n)];
                }

                means[r] = sum / n;
            }

            Span<double> sorted = means.AsSpan(0, resamples);
            sorted.Sort();
            double alpha = (1 - confidenceLevel) / 2;
            return new PairedBootstrapInterval(
                total / n,
                Quantile(sorted, alpha),
                Quantile(sorted, 1 - alpha),
                confidenceLevel,
                resamples,
                seed);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(differences);
            ArrayPool<double>.Shared.Return(means);
        }
    }

    // numpy's default (linear, type 7) quantile of an already sorted span.
    internal static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        double position = probability * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + ((sorted[above] - sorted[below]) * fraction);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, fully specified, so resamples are reproducible everywhere.</summary>
    internal struct SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed) => _state = seed;

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        // Lemire's multiply-and-reject: an unbiased index in [0, bound).
        public int NextIndex(uint bound)
        {
            ulong product = (NextUInt64() >> 32) * bound;
            uint low = (uint)product;
            if (low < bound)
            {
                uint threshold = unchecked(0u - bound) % bound;
                while (low < threshold)
                {
                    product = (NextUInt64() >> 32) * bound;
                    low = (uint)product;
                }
            }

            return (int)(product >> 32);
        }
    }
}
