namespace RetrainTriggers.Statistics;

/// <summary>Compares the category distribution of a current sample with a reference: PSI, Jensen–Shannon, Hellinger, L-infinity and chi-square.</summary>
/// <remarks>
/// <para>
/// Categories are the union of both samples' categories, sorted by Unicode code point (Python's <c>sorted</c>; this
/// differs from <see cref="StringComparer.Ordinal"/> when a character beyond U+FFFF meets one in U+E000–U+FFFF), plus an explicit
/// missing bucket (last) when either sample has missing values. Categories counted zero times in both samples are
/// dropped. Proportions are counts divided by the sample size including missing values.
/// </para>
/// <para>
/// Unseen and vanished categories give finite numbers: a category with share 0 on one side contributes
/// <c>(c - epsilon) * ln(c / epsilon)</c> (or <c>(epsilon - r) * ln(epsilon / r)</c>) to the PSI, its
/// <c>x ln(x / m)</c> term to Jensen–Shannon (0 for the empty side), <c>share / 2</c> inside Hellinger's sum, its full
/// share to L-infinity, and an ordinary column to the chi-square table (its expected counts are positive because the
/// other sample has it).
/// </para>
/// <para>
/// Without missing values this matches the numpy 1.24 / scipy 1.10 computation described in the test data's
/// <c>categorical.json</c>; the chi-square test is <see cref="ChiSquare.Homogeneity"/> with the missing bucket as a column.
/// </para>
/// </remarks>
internal static class CategoricalDivergence
{
    /// <summary>Compares two samples given as category counts.</summary>
    /// <param name="referenceCounts">The reference count per category (non-negative).</param>
    /// <param name="currentCounts">The current count per category (non-negative).</param>
    /// <param name="referenceMissing">The number of missing reference values (non-negative).</param>
    /// <param name="currentMissing">The number of missing current values (non-negative).</param>
    /// <param name="epsilon">The replacement for zero shares in the PSI (default 1e-4; must be positive).</param>
    /// <returns>The categories, counts, shares, divergences and chi-square test.</returns>
    /// <remarks>The dictionaries' own key comparers are not used: keys are merged ordinally.</remarks>
    /// <exception cref="ArgumentException">A count is negative, or a sample has no value at all (neither categories nor missing values).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A missing count is negative or <paramref name="epsilon"/> is not positive.</exception>
    public static CategoricalDivergenceResult Compute(
        IReadOnlyDictionary<string, long> referenceCounts,
        IReadOnlyDictionary<string, long> currentCounts,
        long referenceMissing = 0,
        long currentMissing = 0,
        double epsilon = Divergence.DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(referenceCounts);
        ArgumentNullException.ThrowIfNull(currentCounts);
        ArgumentOutOfRangeException.ThrowIfNegative(referenceMissing);
        ArgumentOutOfRangeException.ThrowIfNegative(currentMissing);
        Divergence.ValidateEpsilon(epsilon);
        var reference = Merge(referenceCounts, nameof(referenceCounts));
        var current = Merge(currentCounts, nameof(currentCounts));
        return Build(reference, current, referenceMissing, currentMissing, epsilon);
    }

    /// <summary>Compares two samples given as raw values, <see langword="null"/> meaning missing.</summary>
    /// <param name="reference">The reference values.</param>
    /// <param name="current">The current values.</param>
    /// <param name="epsilon">The replacement for zero shares in the PSI (default 1e-4; must be positive).</param>
    /// <returns>The categories, counts, shares, divergences and chi-square test.</returns>
    /// <remarks>Values are compared ordinally (case-sensitive); the empty string is a category, not a missing value.</remarks>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not positive.</exception>
    public static CategoricalDivergenceResult Compute(
        IEnumerable<string?> reference,
        IEnumerable<string?> current,
        double epsilon = Divergence.DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        Divergence.ValidateEpsilon(epsilon);
        var (referenceCounts, referenceMissing) = Tally(reference);
        var (currentCounts, currentMissing) = Tally(current);
        return Build(referenceCounts, currentCounts, referenceMissing, currentMissing, epsilon, nameof(reference), nameof(current));
    }

    private static CategoricalDivergenceResult Build(
        Dictionary<string, long> reference,
        Dictionary<string, long> current,
        long referenceMissing,
        long currentMissing,
        double epsilon,
        string referenceName = "referenceCounts",
        string currentName = "currentCounts")
    {
        var names = new SortedSet<string>(CodePointComparer.Instance);
        foreach (var (name, count) in reference)
        {
            if (count > 0 || current.GetValueOrDefault(name) > 0)
            {
                names.Add(name);
            }
        }

        foreach (var (name, count) in current)
        {
            if (count > 0)
            {
                names.Add(name);
            }
        }

        var hasMissing = referenceMissing > 0 || currentMissing > 0;
        var length = names.Count + (hasMissing ? 1 : 0);
        var categories = new string?[length];
        var referenceColumn = new long[length];
        var currentColumn = new long[length];
        var j = 0;
        foreach (var name in names)
        {
            categories[j] = name;
            referenceColumn[j] = reference.GetValueOrDefault(name);
            currentColumn[j] = current.GetValueOrDefault(name);
            j++;
        }

        if (hasMissing)
        {
            categories[j] = null;
            referenceColumn[j] = referenceMissing;
            currentColumn[j] = currentMissing;
        }

        ThrowIfNoValue(referenceColumn, referenceName);
        ThrowIfNoValue(currentColumn, currentName);
        return new CategoricalDivergenceResult(categories, referenceColumn, currentColumn, referenceMissing, currentMissing, epsilon);
    }

    private static void ThrowIfNoValue(long[] column, string paramName)
    {
        long total = 0;
        foreach (var c in column)
        {
            total = checked(total + c);
        }

        if (total == 0)
        {
            throw new ArgumentException("The sample is empty: it has no category count and no missing value.", paramName);
        }
    }

    private static Dictionary<string, long> Merge(IReadOnlyDictionary<string, long> counts, string paramName)
    {
        var merged = new Dictionary<string, long>(counts.Count, StringComparer.Ordinal);
        foreach (var (name, count) in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"The count of category '{name}' is negative.", paramName);
            }

            merged[name] = checked(merged.GetValueOrDefault(name) + count);
        }

        return merged;
    }

    private static (Dictionary<string, long> Counts, long Missing) Tally(IEnumerable<string?> values) =>
        CategoryTally.Count(values as string?[] ?? values.ToArray());

    /// <summary>Orders strings by Unicode code point, as Python's <c>sorted</c> does.</summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var common = Math.Min(x.Length, y.Length);
            for (var i = 0; i < common; i++)
            {
                if (x[i] != y[i])
                {
                    return CodePointRank(x[i]).CompareTo(CodePointRank(y[i]));
                }
            }

            return x.Length.CompareTo(y.Length);
        }

        // UTF-16 code-unit order equals code-point order except that surrogates (U+D800–U+DFFF, which encode
        // U+10000 and above) sort below U+E000–U+FFFF: move them above that range (the usual ICU fix-up).
        private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
