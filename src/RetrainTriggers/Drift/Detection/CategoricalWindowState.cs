using System.Globalization;

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

    /// <summary>The feature's document.</summary>
    public WindowFeatureDocument ToDocument(string name) => new()
    {
        Name = name,
        Kind = FeatureKind.Categorical,
        MissingCount = missing,
        Length = length,
        Counts = counts,
    };

    /// <summary>Rebuilds a feature from its document, checking that counts are non-negative and add up; <paramref name="path"/> names the feature in errors.</summary>
    public static CategoricalWindowState FromDocument(CategoricalFeatureProfile profile, WindowFeatureDocument document, string path)
    {
        if (document.Counts is null || document.Length is null)
        {
            throw new InvalidDataException($"{path}: a categorical feature needs counts and length.");
        }

        var state = new CategoricalWindowState(profile);
        if (document.MissingCount < 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.missingCount: {document.MissingCount} is negative."));
        }

        var total = document.MissingCount;
        foreach (var (category, count) in document.Counts)
        {
            if (count <= 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}.counts['{category}']: {count}, but a category is stored only once seen (count at least 1)."));
            }

            total = count > long.MaxValue - total
                ? throw new InvalidDataException($"{path}.counts: the counts overflow a 64-bit total.")
                : total + count;
            state.counts.Add(category, count);
        }

        if (document.Length.Value != total)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}.length: {document.Length.Value}, but missingCount plus the category counts is {total}."));
        }

        state.missing = document.MissingCount;
        state.length = total;
        return state;
    }

    public FeatureDriftResult Evaluate(FeaturePlan plan) =>
        CategoricalFeatureEvaluator.Evaluate(plan, profile, new Dictionary<string, long>(counts, StringComparer.Ordinal), missing, length);
}
