using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>How a numeric reference profile cuts its feature into bins for PSI, KL, Jensen–Shannon and Hellinger.</summary>
/// <remarks>
/// Bin edges always come from the reference alone and are frozen in the profile, so every current window is binned
/// the same way (unlike binning the combined data, whose bins move with every batch). Outer bins are open to ±∞ and
/// duplicate edges are removed, so a quantile binning of a column with heavy ties has fewer bins than asked for.
/// </remarks>
public sealed class FeatureBinning
{
    private readonly double[] customEdges;

    private FeatureBinning(BinningStrategy strategy, int binCount, double[] customEdges)
    {
        Strategy = strategy;
        BinCount = binCount;
        this.customEdges = customEdges;
    }

    /// <summary>The largest bin count a binning (and a stored profile) may declare; it bounds the cost of computing edges.</summary>
    public const int MaxBinCount = 100_000;

    /// <summary>Gets the default binning: 10 quantile bins of the reference (numpy linear / type-7 quantiles).</summary>
    internal static FeatureBinning Default { get; } = new(BinningStrategy.Quantile, 10, []);

    /// <summary>Gets how edges are chosen.</summary>
    public BinningStrategy Strategy { get; }

    /// <summary>Gets the requested number of bins (before duplicate edges are removed); for custom edges, the number of inner edges plus one.</summary>
    public int BinCount { get; }

    /// <summary>Gets the user's inner edges (sorted, distinct) for <see cref="BinningStrategy.Custom"/>; empty otherwise.</summary>
    public ReadOnlyMemory<double> CustomEdges => customEdges;

    /// <summary>Creates a binning with <paramref name="binCount"/> quantile bins of the reference.</summary>
    /// <param name="binCount">The number of bins; 2 to <see cref="MaxBinCount"/>.</param>
    /// <returns>The binning.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 2 or more than <see cref="MaxBinCount"/>.</exception>
    public static FeatureBinning Quantile(int binCount = 10)
    {
        ValidateBinCount(binCount);
        return binCount == 10 ? Default : new FeatureBinning(BinningStrategy.Quantile, binCount, []);
    }

    /// <summary>Creates a binning with <paramref name="binCount"/> equal-width bins between the reference minimum and maximum.</summary>
    /// <param name="binCount">The number of bins; 2 to <see cref="MaxBinCount"/>.</param>
    /// <returns>The binning.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 2 or more than <see cref="MaxBinCount"/>.</exception>
    public static FeatureBinning EqualWidth(int binCount = 10)
    {
        ValidateBinCount(binCount);
        return new FeatureBinning(BinningStrategy.EqualWidth, binCount, []);
    }

    /// <summary>Creates a binning with the given inner edges; outer bins are open, so <c>k</c> distinct edges give <c>k + 1</c> bins.</summary>
    /// <param name="innerEdges">The cut points, in any order; sorted and de-duplicated here, infinite edges dropped (the outer bins are open anyway).</param>
    /// <returns>The binning.</returns>
    /// <exception cref="ArgumentException"><paramref name="innerEdges"/> holds a NaN, no finite edge, or more than <see cref="MaxBinCount"/> - 1 edges.</exception>
    public static FeatureBinning Custom(params double[] innerEdges)
    {
        ArgumentNullException.ThrowIfNull(innerEdges);
        if (innerEdges.Any(double.IsNaN) || !innerEdges.Any(double.IsFinite))
        {
            throw new ArgumentException("Custom bin edges must hold at least one finite edge and no NaN.", nameof(innerEdges));
        }

        var sorted = Binning.NormalizeEdges(innerEdges, nameof(innerEdges));
        if (sorted.Length >= MaxBinCount)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"{sorted.Length} distinct custom edges give more than {MaxBinCount} bins (FeatureBinning.MaxBinCount)."),
                nameof(innerEdges));
        }

        return new FeatureBinning(BinningStrategy.Custom, sorted.Length + 1, sorted);
    }

    /// <summary>Creates a binning from its stored parts (profile documents), checking the declared bin count before anything is allocated.</summary>
    internal static FeatureBinning FromParts(BinningStrategy strategy, int binCount, double[]? customEdges, string path)
    {
        switch (strategy)
        {
            case BinningStrategy.Quantile or BinningStrategy.EqualWidth:
                if (binCount is < 2 or > MaxBinCount)
                {
                    throw new InvalidDataException(FormattableString.Invariant(
                        $"{path}.binCount: {binCount} is outside 2..{MaxBinCount} (FeatureBinning.MaxBinCount)."));
                }

                return strategy == BinningStrategy.Quantile ? Quantile(binCount) : EqualWidth(binCount);
            case BinningStrategy.Custom:
                if (customEdges is not { Length: > 0 })
                {
                    throw new InvalidDataException($"{path}.customEdges: a custom binning needs at least one edge.");
                }

                FeatureBinning custom;
                try
                {
                    custom = Custom(customEdges);
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidDataException($"{path}.customEdges: {ex.Message}", ex);
                }

                if (custom.BinCount != binCount)
                {
                    throw new InvalidDataException(FormattableString.Invariant(
                        $"{path}.binCount: {binCount} does not match the {custom.customEdges.Length} distinct custom edges ({custom.BinCount} bins)."));
                }

                return custom;
            default:
                throw new InvalidDataException($"{path}.binningStrategy: '{strategy}' is not a binning strategy.");
        }
    }

    /// <summary>Tells whether two binnings cut the same way (same strategy, bin count and custom edges).</summary>
    internal bool SameAs(FeatureBinning other) =>
        Strategy == other.Strategy && BinCount == other.BinCount && customEdges.AsSpan().SequenceEqual(other.customEdges);

    /// <summary>Describes how two binnings differ, naming the first custom edges that differ.</summary>
    internal string DescribeDifference(FeatureBinning other)
    {
        if (Strategy != BinningStrategy.Custom || other.Strategy != BinningStrategy.Custom)
        {
            return $"{this} and {other}";
        }

        var common = Math.Min(customEdges.Length, other.customEdges.Length);
        var i = 0;
        while (i < common && customEdges[i].Equals(other.customEdges[i]))
        {
            i++;
        }

        var first = i < customEdges.Length ? customEdges[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "(none)";
        var second = i < other.customEdges.Length ? other.customEdges[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "(none)";
        return FormattableString.Invariant($"{this} and {other}: edge {i} is {first} in the first and {second} in the second");
    }

    /// <summary>Computes the inner edges from a sorted reference sample.</summary>
    internal double[] ComputeInnerEdges(SortedSample reference) => Strategy switch
    {
        BinningStrategy.Quantile => Binning.QuantileEdges(reference, BinCount),
        BinningStrategy.EqualWidth => Binning.EqualWidthEdges(reference.Span, BinCount),
        _ => (double[])customEdges.Clone(),
    };

    /// <inheritdoc/>
    public override string ToString() => Strategy == BinningStrategy.Custom
        ? "Custom(" + string.Join(", ", customEdges.Take(8).Select(e => e.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            + (customEdges.Length > 8 ? FormattableString.Invariant($", … {customEdges.Length} edges)") : ")")
        : FormattableString.Invariant($"{Strategy}({BinCount})");

    private static void ValidateBinCount(int binCount, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(binCount))] string? paramName = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 2, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(binCount, MaxBinCount, paramName);
    }
}
