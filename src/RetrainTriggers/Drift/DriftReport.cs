using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Drift;

/// <summary>The outcome of checking one window against a reference profile: every feature's result and the dataset verdict, serialisable to JSON.</summary>
public sealed class DriftReport
{
    [JsonConstructor]
    internal DriftReport()
    {
    }

    /// <summary>Gets when the report was made (from the detector's <see cref="TimeProvider"/>).</summary>
    [JsonInclude]
    public DateTimeOffset GeneratedAt { get; internal init; }

    /// <summary>Gets the dataset verdict: <see cref="DriftDecision.Drift"/> when <see cref="DatasetRule"/> holds, <see cref="DriftDecision.Warning"/> when some feature warned or drifted without it, <see cref="DriftDecision.InsufficientData"/> when no feature could be judged.</summary>
    [JsonInclude]
    public DriftDecision DatasetDecision { get; internal init; }

    /// <summary>Gets the rule the verdict used.</summary>
    [JsonInclude]
    public DatasetDriftRule DatasetRule { get; internal init; }

    /// <summary>Gets the (weighted) share of drifted features among the features that could be judged; 0 when none could.</summary>
    [JsonInclude]
    public double DriftShare { get; internal init; }

    /// <summary>Gets the share threshold of <see cref="DatasetDriftRule.ShareOfDriftedFeatures"/>.</summary>
    [JsonInclude]
    public double DriftShareThreshold { get; internal init; }

    /// <summary>Gets the correction of <see cref="DatasetDriftRule.AnyFeatureAfterCorrection"/>.</summary>
    [JsonInclude]
    public MultipleTestingMethod Correction { get; internal init; }

    /// <summary>Gets the α the dataset rule compared adjusted p-values with (the default rules' α).</summary>
    [JsonInclude]
    public double Alpha { get; internal init; }

    /// <summary>Gets whether feature importances weighted the share.</summary>
    [JsonInclude]
    public bool Weighted { get; internal init; }

    /// <summary>Gets the number of features checked.</summary>
    [JsonInclude]
    public int FeatureCount { get; internal init; }

    /// <summary>Gets the number of drifted features.</summary>
    [JsonInclude]
    public int DriftedFeatureCount { get; internal init; }

    /// <summary>Gets the number of features with a warning.</summary>
    [JsonInclude]
    public int WarningFeatureCount { get; internal init; }

    /// <summary>Gets the number of features that could not be judged.</summary>
    [JsonInclude]
    public int InsufficientDataFeatureCount { get; internal init; }

    /// <summary>Gets a one-line summary of the verdict.</summary>
    [JsonInclude]
    public string Reason { get; internal init; } = string.Empty;

    /// <summary>Gets the per-feature results, in ordinal feature order.</summary>
    [JsonInclude]
    public IReadOnlyList<FeatureDriftResult> Features { get; internal init; } = [];

    /// <summary>Gets the features whose decision is <see cref="DriftDecision.Drift"/>.</summary>
    /// <returns>The drifted features, in report order.</returns>
    internal IEnumerable<FeatureDriftResult> DriftedFeatures() => Features.Where(f => f.Decision == DriftDecision.Drift);

    /// <summary>Gets the result of <paramref name="feature"/>.</summary>
    /// <param name="feature">The feature name.</param>
    /// <returns>The feature's result.</returns>
    /// <exception cref="ArgumentException">The report has no such feature.</exception>
    public FeatureDriftResult this[string feature]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(feature);
            return Features.FirstOrDefault(f => string.Equals(f.Feature, feature, StringComparison.Ordinal))
                ?? throw new ArgumentException($"The report has no feature '{feature}'.", nameof(feature));
        }
    }

    /// <summary>Gets the short lower-case name of a statistic used in explanations and drift signals (<c>psi</c>, <c>ks</c>…).</summary>
    internal static string ShortName(DriftStatistic statistic) => statistic switch
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

    /// <summary>Explains the report, one line for the verdict, one per feature and one per statistic, indented like <c>TriggerResult.Explain()</c>.</summary>
    /// <returns>Lines like <c>[Drift] dataset: 1 of 2 judged features drifted (share 0.5 &gt;= 0.5)</c>, <c>  [Drift] age (Numeric): PSI 0.41 &gt;= 0.2</c>, <c>    psi 0.41 (warning ≥ 0.1, drift ≥ 0.2): Drift</c>.</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append('[').Append(DatasetDecision).Append("] dataset: ").Append(Reason).Append('\n');
        foreach (var feature in Features)
        {
            text.Append("  ").Append(feature.Describe()).Append('\n');
            foreach (var statistic in feature.Statistics)
            {
                text.Append("    ").Append(statistic.Describe()).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Serialises the report to JSON that people can read: valid JSON, with <c>&lt;</c>, <c>&gt;</c>, <c>≥</c> and quotes in reasons written as themselves, not as <c>\u003C</c> escapes.</summary>
    /// <returns>The JSON text.</returns>
    /// <remarks>Meant for logs, files and dashboards; do not paste the text into HTML or a script unescaped.</remarks>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, this, DriftJsonContext.Default.DriftReport);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a report from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in UTF-8 bytes; <see cref="DatasetProfile.DefaultMaxDocumentBytes"/> (64 MiB) by default.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid report, or is larger than <paramref name="maxDocumentBytes"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static DriftReport FromJson(string json, long maxDocumentBytes = DatasetProfile.DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        DocumentLimit.ThrowIfTooLarge(json, maxDocumentBytes, "drift report");
        try
        {
            return JsonSerializer.Deserialize(json, DriftJsonContext.Default.DriftReport)
                ?? throw new InvalidDataException("The drift report document is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The drift report document is corrupt: {ex.Message}", ex);
        }
    }
}
