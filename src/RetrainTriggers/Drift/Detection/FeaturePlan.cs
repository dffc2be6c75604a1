namespace RetrainTriggers.Drift;

/// <summary>Everything a <see cref="DriftDetector"/> fixes per feature at construction: the reference profile, the rules and the weight.</summary>
internal sealed record FeaturePlan(string Name, NumericFeatureProfile? Numeric, CategoricalFeatureProfile? Categorical, FeatureDriftRules Rules, double Weight)
{
    public FeatureKind Kind => Numeric is not null ? FeatureKind.Numeric : FeatureKind.Categorical;
}
