using System.Globalization;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>The invariant-culture wording and number formats every report format shares.</summary>
internal static class ReportText
{
    public static string Number(double value) => double.IsFinite(value)
        ? value.ToString(Math.Abs(value) is >= 1e-4 and < 1e6 or 0 ? "0.####" : "0.###e+0", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);

    public static string PValue(double? p) => p switch
    {
        null => "",
        < 1e-4 => ((double)p).ToString("0.##e+0", CultureInfo.InvariantCulture),
        _ => ((double)p).ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string Percent(double share) => double.IsFinite(share) ? share.ToString("0.#%", CultureInfo.InvariantCulture) : "n/a";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Decision(DriftDecision decision) => decision switch
    {
        DriftDecision.Drift => "Drift",
        DriftDecision.Warning => "Warning",
        DriftDecision.InsufficientData => "Insufficient data",
        _ => "No drift",
    };

    public static string Kind(FeatureKind kind) => kind == FeatureKind.Numeric ? "numeric" : "categorical";

    /// <summary>Gets the short lower-case name of a statistic, as the library's explanations write it.</summary>
    public static string Statistic(DriftStatisticResult s) => s.Statistic switch
    {
        DriftStatistic.Psi => "psi",
        DriftStatistic.KolmogorovSmirnov => "ks",
        DriftStatistic.WassersteinNormalized => "wasserstein_norm",
        DriftStatistic.JensenShannon => "js",
        DriftStatistic.Hellinger => "hellinger",
        DriftStatistic.KullbackLeibler => "kl",
        DriftStatistic.EnergyDistance => "energy",
        DriftStatistic.CramerVonMises => "cvm",
        DriftStatistic.MaxProportionChange => "max_proportion_change",
        DriftStatistic.ChiSquare => "chi2",
        DriftStatistic.TwoProportionZTest => "ztest",
        _ => "missing_rate",
    };

    public static double ReferenceMissingRate(FeatureDriftResult f) => Rate(f.ReferenceMissingCount, f.ReferenceCount);

    public static double CurrentMissingRate(FeatureDriftResult f) => Rate(f.CurrentMissingCount, f.CurrentCount);

    /// <summary>Gets the headline in one phrase: <c>ks 0.31 (p 1.2e-9)</c>.</summary>
    public static string Headline(FeatureDriftResult f)
    {
        var h = f.Headline();
        if (h is null)
        {
            return "";
        }

        var value = h.Value is { } v ? Number(v) : "n/a";
        return h.PValue is { } p ? $"{Statistic(h)} {value} (p {PValue(p)})" : $"{Statistic(h)} {value}";
    }

    /// <summary>Gets the bounds a statistic was judged by, each named by its role.</summary>
    public static string Bounds(DriftStatisticResult s)
    {
        var parts = new List<string>(4);
        if (s.WarningLevel is { } warning)
        {
            parts.Add($"warning ≥ {Number(warning)}");
        }

        if (s.DriftLevel is { } drift)
        {
            parts.Add($"drift ≥ {Number(drift)}");
        }

        if (s.Alpha is { } alpha)
        {
            parts.Add($"α {Number(alpha)}");
        }

        if (s.MinimumEffect is { } effect)
        {
            parts.Add($"minimum effect {Number(effect)}");
        }

        return string.Join(", ", parts);
    }

    private static double Rate(long missing, long present) => missing + present == 0 ? double.NaN : (double)missing / (missing + present);
}
