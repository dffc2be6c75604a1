using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace RetrainTriggers.Drift;

/// <summary>One statistic computed for one feature: its value, its p-value when it is a test, each bound it was compared with (by role) and what it decided.</summary>
/// <remarks>
/// Each bound is reported under its role, so a reader sees what a decision came from: PSI has a
/// <see cref="WarningLevel"/> and a <see cref="DriftLevel"/>; a distance has a <see cref="DriftLevel"/>; a test has an
/// <see cref="Alpha"/> and, for KS with a minimum effect size, a <see cref="MinimumEffect"/>. Bounds that do not apply are
/// <see langword="null"/>.
/// </remarks>
public sealed class DriftStatisticResult
{
    [JsonConstructor]
    internal DriftStatisticResult(
        DriftStatistic statistic,
        double? value,
        double? pValue,
        DriftDecision decision,
        double? warningLevel = null,
        double? driftLevel = null,
        double? alpha = null,
        double? minimumEffect = null)
    {
        Statistic = statistic;
        Value = value;
        PValue = pValue;
        Decision = decision;
        WarningLevel = warningLevel;
        DriftLevel = driftLevel;
        Alpha = alpha;
        MinimumEffect = minimumEffect;
    }

    /// <summary>Gets which statistic this is.</summary>
    public DriftStatistic Statistic { get; }

    /// <summary>Gets the statistic's value (PSI, D, distance, χ², z…), always finite; <see langword="null"/> when <see cref="Decision"/> is <see cref="DriftDecision.InsufficientData"/>.</summary>
    public double? Value { get; }

    /// <summary>Gets the p-value for tests; <see langword="null"/> for distances.</summary>
    public double? PValue { get; }

    /// <summary>Gets what this statistic alone decided; <see cref="DriftDecision.InsufficientData"/> when the samples are too small for it.</summary>
    public DriftDecision Decision { get; }

    /// <summary>Gets the value at or above which the statistic warns (PSI, missing-rate change), if it has a warning band.</summary>
    public double? WarningLevel { get; }

    /// <summary>Gets the value at or above which the statistic decides drift (PSI, distances, missing-rate change).</summary>
    public double? DriftLevel { get; }

    /// <summary>Gets the significance level a test's p-value is compared with (<c>p &lt; α</c> is drift).</summary>
    public double? Alpha { get; }

    /// <summary>Gets the smallest KS statistic that counts as drift besides significance (the optional minimum effect size δ).</summary>
    public double? MinimumEffect { get; }

    /// <summary>Describes the statistic on one line: short name, value, p-value, bounds by role and decision.</summary>
    /// <returns>A line like <c>psi 0.231 (warning ≥ 0.1, drift ≥ 0.2): Drift</c>.</returns>
    internal string Describe()
    {
        var line = new StringBuilder(DriftReport.ShortName(Statistic));
        if (Value is { } value)
        {
            line.Append(' ').Append(Format(value));
        }

        if (PValue is { } p)
        {
            line.Append(", p ").Append(Format(p));
        }

        var bounds = new List<string>(3);
        if (WarningLevel is { } warn)
        {
            bounds.Add("warning ≥ " + Format(warn));
        }

        if (DriftLevel is { } drift)
        {
            bounds.Add("drift ≥ " + Format(drift));
        }

        if (Alpha is { } alpha)
        {
            bounds.Add("α " + Format(alpha));
        }

        if (MinimumEffect is { } effect)
        {
            bounds.Add("minimum effect " + Format(effect));
        }

        if (bounds.Count > 0)
        {
            line.Append(" (").Append(string.Join(", ", bounds)).Append(')');
        }

        return line.Append(": ").Append(Decision).ToString();
    }

    internal static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
