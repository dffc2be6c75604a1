namespace RetrainTriggers.Drift;

/// <summary>Checks that a window holds exactly the checked features of the reference, with the same kinds, before anything is computed.</summary>
internal static class DriftWindowCheck
{
    /// <exception cref="ArgumentException">A feature is missing, unknown or of the wrong kind; the message names it.</exception>
    public static void Validate(IReadOnlyList<FeaturePlan> plans, DatasetProfile reference, DriftWindow current)
    {
        foreach (var plan in plans)
        {
            if (!current.TryGetKind(plan.Name, out var kind))
            {
                throw new ArgumentException($"Feature '{plan.Name}' is in the reference profile but not in the window.", nameof(current));
            }

            if (kind != plan.Kind)
            {
                throw new ArgumentException(
                    $"Feature '{plan.Name}' is {plan.Kind} in the reference profile but {kind} in the window.", nameof(current));
            }
        }

        foreach (var name in current.NumericColumns.Keys.Concat(current.CategoricalColumns.Keys))
        {
            if (!reference.NumericFeatures.ContainsKey(name) && !reference.CategoricalFeatures.ContainsKey(name))
            {
                throw new ArgumentException($"Feature '{name}' is in the window but not in the reference profile.", nameof(current));
            }
        }
    }
}
