namespace RetrainTriggers.Statistics;

/// <summary>The bins and divergences of a current numeric sample against a reference sample (see <see cref="BinnedDivergence"/>).</summary>
/// <remarks>
/// Counts and proportions have one entry per bin, <c>InnerEdges.Count + 1</c> in all; proportions are over finite
/// values only, and the excluded (non-finite) values are reported separately so a missing-rate change stays visible.
/// </remarks>
internal sealed class BinnedDivergenceResult
{
    internal BinnedDivergenceResult(
        double[] innerEdges,
        long[] referenceCounts,
        long[] currentCounts,
        double[] referenceProportions,
        double[] currentProportions,
        long referenceExcluded,
        long currentExcluded,
        double epsilon)
    {
        InnerEdges = innerEdges;
        ReferenceCounts = referenceCounts;
        CurrentCounts = currentCounts;
        ReferenceProportions = referenceProportions;
        CurrentProportions = currentProportions;
        ReferenceExcluded = referenceExcluded;
        CurrentExcluded = currentExcluded;
        Epsilon = epsilon;
        Psi = Divergence.Psi(referenceProportions, currentProportions, epsilon);
        KullbackLeibler = Divergence.KullbackLeibler(referenceProportions, currentProportions, epsilon);
        JensenShannonDistance = Divergence.JensenShannonDistance(referenceProportions, currentProportions);
        Hellinger = Divergence.Hellinger(referenceProportions, currentProportions);
        MaxProportionChange = Divergence.MaxProportionChange(referenceProportions, currentProportions);
    }

    /// <summary>Gets the strictly increasing inner edges; the bins are <c>(-inf, e1), [e1, e2), ..., [ek, +inf)</c>.</summary>
    public IReadOnlyList<double> InnerEdges { get; }

    /// <summary>Gets the finite reference values per bin (<c>InnerEdges.Count + 1</c> entries).</summary>
    public IReadOnlyList<long> ReferenceCounts { get; }

    /// <summary>Gets the finite current values per bin.</summary>
    public IReadOnlyList<long> CurrentCounts { get; }

    /// <summary>Gets the reference proportions: counts divided by the number of finite reference values (no smoothing).</summary>
    public IReadOnlyList<double> ReferenceProportions { get; }

    /// <summary>Gets the current proportions: counts divided by the number of finite current values (no smoothing).</summary>
    public IReadOnlyList<double> CurrentProportions { get; }

    /// <summary>Gets the number of non-finite reference values (NaN, ±inf) left out of the bins.</summary>
    public long ReferenceExcluded { get; }

    /// <summary>Gets the number of non-finite current values (NaN, ±inf) left out of the bins.</summary>
    public long CurrentExcluded { get; }

    /// <summary>Gets the value that replaced zero proportions in <see cref="Psi"/> and <see cref="KullbackLeibler"/>.</summary>
    internal double Epsilon { get; }

    /// <summary>Gets the population stability index (<see cref="Divergence.Psi"/>).</summary>
    public double Psi { get; }

    /// <summary>Gets KL(reference ‖ current) in nats (<see cref="Divergence.KullbackLeibler"/>).</summary>
    public double KullbackLeibler { get; }

    /// <summary>Gets the Jensen–Shannon distance in natural-log units (<see cref="Divergence.JensenShannonDistance"/>).</summary>
    public double JensenShannonDistance { get; }

    /// <summary>Gets the Hellinger distance (<see cref="Divergence.Hellinger"/>).</summary>
    public double Hellinger { get; }

    /// <summary>Gets the largest absolute change of any bin's proportion (<see cref="Divergence.MaxProportionChange"/>).</summary>
    public double MaxProportionChange { get; }
}
