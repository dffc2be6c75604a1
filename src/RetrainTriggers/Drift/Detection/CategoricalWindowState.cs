namespace RetrainTriggers.Drift;

/// <summary>One categorical feature of an accumulated window: the count of each category seen and the missing count.</summary>
internal sealed class CategoricalWindowState(CategoricalFeatureProfile profile)
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private long missing;
    private long length;

    public void Add(ReadOnlySpan<string?> values)
    {
        length += values.Length;
        foreach (var value in values)
        {
            if (value is null)
            {
                missing++;
            }
            else
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }
    }

    public void Merge(CategoricalWindowState other)
    {
        foreach (var (category, count) in other.counts)
        {
            counts[category] = counts.GetValueOrDefault(category) + count;
        }

        missing += other.missing;
        length += other.length;
    }

    public FeatureDriftResult Evaluate(FeaturePlan plan) =>
        CategoricalFeatureEvaluator.Evaluate(plan, profile, new Dictionary<string, long>(counts, StringComparer.Ordinal), missing, length);
}
