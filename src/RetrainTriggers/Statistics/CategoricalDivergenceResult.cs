namespace RetrainTriggers.Statistics;

/// <summary>The category shares and divergences of a current categorical sample against a reference (see <see cref="CategoricalDivergence"/>).</summary>
/// <remarks>
/// All per-category lists are parallel to <see cref="Categories"/>. Missing values are a category of their own (the
/// last, <see langword="null"/>), so a change in the missing rate moves every statistic, the chi-square test included.
/// </remarks>
internal sealed class CategoricalDivergenceResult
{
    internal CategoricalDivergenceResult(
        string?[] categories,
        long[] referenceCounts,
        long[] currentCounts,
        long referenceMissing,
        long currentMissing,
        double epsilon)
    {
        Categories = categories;
        ReferenceCounts = referenceCounts;
        CurrentCounts = currentCounts;
        ReferenceMissing = referenceMissing;
        CurrentMissing = currentMissing;
        Epsilon = epsilon;

        var referenceProportions = new double[categories.Length];
        var currentProportions = new double[categories.Length];
        Binning.Proportions(referenceCounts, referenceProportions);
        Binning.Proportions(currentCounts, currentProportions);
        ReferenceProportions = referenceProportions;
        CurrentProportions = currentProportions;
        Psi = Divergence.Psi(referenceProportions, currentProportions, epsilon);
        JensenShannonDistance = Divergence.JensenShannonDistance(referenceProportions, currentProportions);
        Hellinger = Divergence.Hellinger(referenceProportions, currentProportions);
        MaxProportionChange = Divergence.MaxProportionChange(referenceProportions, currentProportions);
        ChiSquare = Statistics.ChiSquare.Homogeneity(referenceCounts, currentCounts);
    }

    /// <summary>
    /// Gets the categories: the union of both samples' categories in code-point order, followed by <see langword="null"/>
    /// for the missing bucket when <see cref="HasMissingBucket"/> is <see langword="true"/>.
    /// </summary>
    public IReadOnlyList<string?> Categories { get; }

    /// <summary>Gets a value indicating whether either sample has missing values, so the last category is the missing bucket.</summary>
    public bool HasMissingBucket => ReferenceMissing > 0 || CurrentMissing > 0;

    /// <summary>Gets the reference count per category (parallel to <see cref="Categories"/>).</summary>
    public IReadOnlyList<long> ReferenceCounts { get; }

    /// <summary>Gets the current count per category (parallel to <see cref="Categories"/>).</summary>
    public IReadOnlyList<long> CurrentCounts { get; }

    /// <summary>Gets the number of missing reference values.</summary>
    public long ReferenceMissing { get; }

    /// <summary>Gets the number of missing current values.</summary>
    public long CurrentMissing { get; }

    /// <summary>Gets the reference share of each category; the denominator includes missing values.</summary>
    public IReadOnlyList<double> ReferenceProportions { get; }

    /// <summary>Gets the current share of each category; the denominator includes missing values.</summary>
    public IReadOnlyList<double> CurrentProportions { get; }

    /// <summary>Gets the value that replaced zero shares in <see cref="Psi"/>.</summary>
    internal double Epsilon { get; }

    /// <summary>Gets the population stability index over the categories (<see cref="Divergence.Psi"/>).</summary>
    public double Psi { get; }

    /// <summary>Gets the Jensen–Shannon distance in natural-log units (<see cref="Divergence.JensenShannonDistance"/>).</summary>
    public double JensenShannonDistance { get; }

    /// <summary>Gets the Hellinger distance (<see cref="Divergence.Hellinger"/>).</summary>
    public double Hellinger { get; }

    /// <summary>Gets the largest absolute change of any category's share (<see cref="Divergence.MaxProportionChange"/>).</summary>
    public double MaxProportionChange { get; }

    /// <summary>Gets the chi-square homogeneity test over the 2×k table of counts (<see cref="Statistics.ChiSquare.Homogeneity"/>).</summary>
    public ChiSquareResult ChiSquare { get; }
}
