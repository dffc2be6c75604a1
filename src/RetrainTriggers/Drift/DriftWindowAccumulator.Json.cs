using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RetrainTriggers.Drift;

/// <content>The accumulator's versioned JSON form, so an accumulator of one app instance can be merged into another's.</content>
public sealed partial class DriftWindowAccumulator
{
    /// <summary>The default largest accumulator document <see cref="FromJson"/> accepts: 64 MiB, as for profiles (<see cref="DatasetProfile.DefaultMaxDocumentBytes"/>).</summary>
    public const long DefaultMaxDocumentBytes = DatasetProfile.DefaultMaxDocumentBytes;

    /// <summary>The <c>format</c> value every accumulator document carries.</summary>
    internal const string DocumentFormat = "retrain-triggers/window-accumulator";

    /// <summary>The schema version this library writes and reads.</summary>
    internal const int CurrentSchemaVersion = 1;

    private const string What = "window accumulator";

    // The default encoder escapes '+' (every 64th base64 character) as \u002B; the document is data, never embedded in HTML.
    private static readonly JsonTypeInfo<WindowAccumulatorDocument> WireType = new DriftJsonContext(
        new JsonSerializerOptions(DriftJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).WindowAccumulatorDocument;

    /// <summary>Serialises the accumulated window to its versioned JSON document, to merge it in another app instance with <see cref="FromJson"/> and <see cref="Merge"/>.</summary>
    /// <returns>The JSON text: per feature the bin edges and counts, the missing count, the exact values while kept (base64 of little-endian doubles) and the KLL sketch once it has compacted; per categorical feature its category counts.</returns>
    public string ToJson()
    {
        var features = new List<WindowFeatureDocument>(numeric.Count + categorical.Count);
        features.AddRange(numeric.Select(p => p.Value.ToDocument(p.Key)));
        features.AddRange(categorical.Select(p => p.Value.ToDocument(p.Key)));
        features.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var document = new WindowAccumulatorDocument
        {
            Format = DocumentFormat,
            SchemaVersion = CurrentSchemaVersion,
            BatchCount = BatchCount,
            SketchOptions = new WindowSketchOptionsDocument { K = sketch.K, ExactBelow = sketch.ExactBelow, Seed = sketch.Seed },
            Features = features,
        };
        return JsonSerializer.Serialize(document, WireType);
    }

    /// <summary>Reads an accumulator written by <see cref="ToJson"/> (in this or another app instance) and attaches it to <paramref name="detector"/>, which checks it and whose accumulators it merges with.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="detector">The detector to attach to: its reference profile must have the document's features, kinds and bin edges (the profile the writer's detector was built from).</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in UTF-8 bytes; <see cref="DefaultMaxDocumentBytes"/> by default. Below <see cref="ProfileSketchOptions.ExactBelow"/> the document grows with the values kept; past it, with the sketch's retained items only.</param>
    /// <returns>The accumulator, with the state and <see cref="BatchCount"/> of the one written.</returns>
    /// <exception cref="InvalidDataException">
    /// The document is larger than <paramref name="maxDocumentBytes"/>, is not valid JSON, is not a window accumulator, has another schema version,
    /// does not match the detector's checked features, kinds or bin edges, or breaks an invariant (negative or inconsistent counts, an invalid
    /// sketch, exact values at or past ExactBelow); the message names the JSON path and the feature.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static DriftWindowAccumulator FromJson(string json, DriftDetector detector, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(detector);
        DocumentLimit.ThrowIfTooLarge(json, maxDocumentBytes, What);
        var utf8 = Encoding.UTF8.GetBytes(json);
        DocumentLimit.ThrowIfTooLarge(utf8.Length, maxDocumentBytes, What);
        return FromDocument(
            DocumentHeader.Deserialize(utf8, DriftJsonContext.Default.WindowAccumulatorDocument, What, DocumentFormat, CurrentSchemaVersion, CurrentSchemaVersion),
            detector);
    }

    private static DriftWindowAccumulator FromDocument(WindowAccumulatorDocument document, DriftDetector detector)
    {
        var o = document.SketchOptions ?? throw new InvalidDataException("sketchOptions: missing.");
        var options = new ProfileSketchOptions { K = o.K, ExactBelow = o.ExactBelow, Seed = o.Seed };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidDataException($"sketchOptions: {ex.Message}", ex);
        }

        if (document.BatchCount < 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"batchCount: {document.BatchCount} is negative."));
        }

        var features = document.Features ?? throw new InvalidDataException("features: missing.");
        var accumulator = detector.CreateWindowAccumulator(options);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"features[{i}]");
            if (string.IsNullOrEmpty(f?.Name))
            {
                throw new InvalidDataException($"{path}.name: missing.");
            }

            path = $"{path} ('{f.Name}')";
            if (!seen.Add(f.Name))
            {
                throw new InvalidDataException($"{path}.name: the feature appears twice.");
            }

            if (accumulator.numeric.TryGetValue(f.Name, out _) && f.Kind == FeatureKind.Numeric)
            {
                accumulator.numeric[f.Name] = NumericWindowState.FromDocument(detector.Reference.NumericFeatures[f.Name], options, f, path);
            }
            else if (accumulator.categorical.ContainsKey(f.Name) && f.Kind == FeatureKind.Categorical)
            {
                accumulator.categorical[f.Name] = CategoricalWindowState.FromDocument(detector.Reference.CategoricalFeatures[f.Name], f, path);
            }
            else
            {
                var kind = accumulator.numeric.ContainsKey(f.Name) ? "numeric" : accumulator.categorical.ContainsKey(f.Name) ? "categorical" : null;
                throw new InvalidDataException(kind is null
                    ? $"{path}.name: not a checked feature of the detector's reference profile (checked: {string.Join(", ", accumulator.FeatureNames)})."
                    : $"{path}.kind: {f.Kind}, but the feature is {kind} in the detector's reference profile.");
            }
        }

        var missing = accumulator.FeatureNames.Where(n => !seen.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"features: the detector checks {string.Join(", ", missing.Select(n => "'" + n + "'"))}, which the document lacks: it was written against another reference profile or other ignored features.");
        }

        accumulator.BatchCount = document.BatchCount;
        return accumulator;
    }
}
