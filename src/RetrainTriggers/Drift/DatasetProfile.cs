using System.Text;
using System.Text.Json;

namespace RetrainTriggers.Drift;

/// <summary>The reference profile of a whole dataset (one profile per feature), stored beside the model as versioned JSON and checked against current windows later.</summary>
/// <remarks>
/// Features are kept in ordinal name order, so reports and documents are deterministic. The JSON document carries
/// <c>format</c> = <see cref="DocumentFormat"/> and <c>schemaVersion</c> = <see cref="CurrentSchemaVersion"/>; a
/// reader refuses any other format or version instead of guessing. Version 2 (written since sketch profiles exist) stores
/// exact samples as base64 of little-endian doubles and sketch profiles as their KLL levels; version 1 documents (exact
/// samples as JSON arrays) still load.
/// </remarks>
public sealed class DatasetProfile
{
    /// <summary>The <c>format</c> value every profile document carries.</summary>
    internal const string DocumentFormat = "retrain-triggers/dataset-profile";

    /// <summary>The schema version this library writes; it also reads version 1.</summary>
    internal const int CurrentSchemaVersion = 2;

    /// <summary>The default largest profile document the readers accept: 64 MiB (a profile of about three million values).</summary>
    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    private readonly Dictionary<string, NumericFeatureProfile> numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoricalFeatureProfile> categorical = new(StringComparer.Ordinal);
    private readonly string[] featureNames;

    /// <summary>Creates a dataset profile from per-feature profiles.</summary>
    /// <param name="numericFeatures">The numeric feature profiles.</param>
    /// <param name="categoricalFeatures">The categorical feature profiles.</param>
    /// <exception cref="ArgumentException">No feature is given, or two profiles share a name.</exception>
    public DatasetProfile(IEnumerable<NumericFeatureProfile> numericFeatures, IEnumerable<CategoricalFeatureProfile> categoricalFeatures)
    {
        ArgumentNullException.ThrowIfNull(numericFeatures);
        ArgumentNullException.ThrowIfNull(categoricalFeatures);
        foreach (var profile in numericFeatures)
        {
            ArgumentNullException.ThrowIfNull(profile, nameof(numericFeatures));
            if (!numeric.TryAdd(profile.Name, profile))
            {
                throw new ArgumentException($"Feature '{profile.Name}' is profiled twice.", nameof(numericFeatures));
            }
        }

        foreach (var profile in categoricalFeatures)
        {
            ArgumentNullException.ThrowIfNull(profile, nameof(categoricalFeatures));
            if (numeric.ContainsKey(profile.Name) || !categorical.TryAdd(profile.Name, profile))
            {
                throw new ArgumentException($"Feature '{profile.Name}' is profiled twice.", nameof(categoricalFeatures));
            }
        }

        if (numeric.Count + categorical.Count == 0)
        {
            throw new ArgumentException("A dataset profile needs at least one feature.", nameof(numericFeatures));
        }

        featureNames = [.. numeric.Keys, .. categorical.Keys];
        Array.Sort(featureNames, StringComparer.Ordinal);
    }

    /// <summary>Gets every feature name, in ordinal order.</summary>
    public IReadOnlyList<string> FeatureNames => featureNames;

    /// <summary>Gets the numeric feature profiles by name.</summary>
    public IReadOnlyDictionary<string, NumericFeatureProfile> NumericFeatures => numeric;

    /// <summary>Gets the categorical feature profiles by name.</summary>
    public IReadOnlyDictionary<string, CategoricalFeatureProfile> CategoricalFeatures => categorical;

    /// <summary>Builds the profile of every column of a reference (training) window.</summary>
    /// <param name="reference">The training data, one column per feature.</param>
    /// <param name="binning">The binning of numeric features; 10 quantile bins when <see langword="null"/>.</param>
    /// <param name="featureBinning">Per-feature binning overrides, by feature name.</param>
    /// <param name="sketch">When numeric features keep a KLL sketch instead of the sorted sample; <see cref="ProfileSketchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The dataset profile.</returns>
    /// <exception cref="ArgumentException">The window is empty, a column holds no usable value, or <paramref name="featureBinning"/> names a feature that is not a numeric column.</exception>
    public static DatasetProfile Build(
        DriftWindow reference,
        FeatureBinning? binning = null,
        IReadOnlyDictionary<string, FeatureBinning>? featureBinning = null,
        ProfileSketchOptions? sketch = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.FeatureCount == 0)
        {
            throw new ArgumentException("The reference window holds no column.", nameof(reference));
        }

        if (featureBinning is not null)
        {
            foreach (var name in featureBinning.Keys)
            {
                if (!reference.NumericColumns.ContainsKey(name))
                {
                    throw new ArgumentException($"featureBinning['{name}']: the reference window has no numeric column named '{name}'.", nameof(featureBinning));
                }
            }
        }

        var numericProfiles = new List<NumericFeatureProfile>(reference.NumericColumns.Count);
        foreach (var (name, values) in reference.NumericColumns)
        {
            var featureBins = featureBinning?.GetValueOrDefault(name) ?? binning;
            numericProfiles.Add(NumericFeatureProfile.Build(name, values.Span, featureBins, sketch));
        }

        var categoricalProfiles = new List<CategoricalFeatureProfile>(reference.CategoricalColumns.Count);
        foreach (var (name, values) in reference.CategoricalColumns)
        {
            categoricalProfiles.Add(CategoricalFeatureProfile.Build(name, values.Span));
        }

        return new DatasetProfile(numericProfiles, categoricalProfiles);
    }

    /// <summary>Merges the profiles of two shards of the same dataset into the profile of their union (see <see cref="NumericFeatureProfile.Merge"/>).</summary>
    /// <param name="first">The first shard's profile.</param>
    /// <param name="second">The second shard's profile.</param>
    /// <returns>The merged profile.</returns>
    /// <exception cref="ArgumentException">The shards do not profile the same features with the same kinds and binnings.</exception>
    public static DatasetProfile Merge(DatasetProfile first, DatasetProfile second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        foreach (var name in first.featureNames.Union(second.featureNames, StringComparer.Ordinal))
        {
            var inFirst = first.numeric.ContainsKey(name) ? FeatureKind.Numeric : first.categorical.ContainsKey(name) ? FeatureKind.Categorical : (FeatureKind?)null;
            var inSecond = second.numeric.ContainsKey(name) ? FeatureKind.Numeric : second.categorical.ContainsKey(name) ? FeatureKind.Categorical : (FeatureKind?)null;
            if (inFirst != inSecond)
            {
                throw new ArgumentException(
                    $"Feature '{name}' is {Describe(inFirst)} in the first profile but {Describe(inSecond)} in the second.", nameof(second));
            }
        }

        return new DatasetProfile(
            first.numeric.Values.Select(p => NumericFeatureProfile.Merge(p, second.numeric[p.Name])).ToList(),
            first.categorical.Values.Select(p => CategoricalFeatureProfile.Merge(p, second.categorical[p.Name])).ToList());

        static string Describe(FeatureKind? kind) => kind switch
        {
            null => "absent",
            FeatureKind.Numeric => "numeric",
            _ => "categorical",
        };
    }

    /// <summary>Serialises the profile to its versioned JSON document (UTF-8).</summary>
    /// <returns>The UTF-8 JSON bytes.</returns>
    internal byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(ToDocument(), DriftJsonContext.Default.DatasetProfileDocument);

    /// <summary>Serialises the profile to its versioned JSON document.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), DriftJsonContext.Default.DatasetProfileDocument);

    /// <summary>Writes the profile's JSON document to a stream.</summary>
    /// <param name="utf8Json">The destination stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the document is written.</returns>
    public Task WriteToAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return JsonSerializer.SerializeAsync(utf8Json, ToDocument(), DriftJsonContext.Default.DatasetProfileDocument, cancellationToken);
    }

    /// <summary>Reads a profile from its JSON document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in UTF-8 bytes; <see cref="DefaultMaxDocumentBytes"/> by default.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The document is larger than <paramref name="maxDocumentBytes"/>, is not valid JSON, is not a dataset profile, has another schema version, or breaks a profile invariant; the message names the problem.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static DatasetProfile FromJson(string json, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        DocumentLimit.ThrowIfTooLarge(json, maxDocumentBytes, "dataset profile");
        return FromUtf8Json(Encoding.UTF8.GetBytes(json), maxDocumentBytes);
    }

    /// <summary>Reads a profile from its UTF-8 JSON document.</summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in bytes; <see cref="DefaultMaxDocumentBytes"/> by default.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The document is larger than <paramref name="maxDocumentBytes"/>, is not valid JSON, is not a dataset profile, has another schema version, or breaks a profile invariant; the message names the problem.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    internal static DatasetProfile FromUtf8Json(ReadOnlySpan<byte> utf8Json, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        DocumentLimit.ThrowIfTooLarge(utf8Json.Length, maxDocumentBytes, "dataset profile");
        return FromDocument(DocumentHeader.Deserialize(
            utf8Json, DriftJsonContext.Default.DatasetProfileDocument, "dataset profile", DocumentFormat, 1, CurrentSchemaVersion));
    }

    /// <summary>Reads a profile's JSON document from a stream of at most <see cref="DefaultMaxDocumentBytes"/>.</summary>
    /// <param name="utf8Json">The source stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">See <see cref="FromUtf8Json(ReadOnlySpan{byte}, long)"/>.</exception>
    public static Task<DatasetProfile> ReadFromAsync(Stream utf8Json, CancellationToken cancellationToken = default) =>
        ReadFromAsync(utf8Json, DefaultMaxDocumentBytes, cancellationToken);

    /// <summary>Reads a profile's JSON document from a stream, refusing documents larger than <paramref name="maxDocumentBytes"/>.</summary>
    /// <param name="utf8Json">The source stream.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in bytes; reading stops with an error as soon as the stream holds more.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">See <see cref="FromUtf8Json(ReadOnlySpan{byte}, long)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static async Task<DatasetProfile> ReadFromAsync(Stream utf8Json, long maxDocumentBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = await DocumentLimit.ReadAsync(utf8Json, maxDocumentBytes, "dataset profile", cancellationToken).ConfigureAwait(false);
        return FromUtf8Json(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), maxDocumentBytes);
    }

    private DatasetProfileDocument ToDocument()
    {
        var features = new List<FeatureProfileDocument>(featureNames.Length);
        foreach (var name in featureNames)
        {
            if (numeric.TryGetValue(name, out var n))
            {
                features.Add(new FeatureProfileDocument
                {
                    Name = name,
                    Kind = FeatureKind.Numeric,
                    MissingCount = n.MissingCount,
                    Count = n.Count,
                    Mean = n.Mean,
                    M2 = n.M2,
                    BinningStrategy = n.Binning.Strategy,
                    BinCount = n.Binning.BinCount,
                    CustomEdges = n.Binning.Strategy == Statistics.BinningStrategy.Custom ? n.Binning.CustomEdges.ToArray() : null,
                    InnerEdges = n.EdgeArray,
                    BinCounts = n.CountArray,
                    Sample = n.IsSketch ? null : ProfileCodec.ToBase64(n.SortedArray),
                    Sketch = n.ToSketchDocument(),
                });
            }
            else
            {
                var c = categorical[name];
                features.Add(new FeatureProfileDocument
                {
                    Name = name,
                    Kind = FeatureKind.Categorical,
                    MissingCount = c.MissingCount,
                    Counts = c.Categories.ToDictionary(k => k, c.CountOf, StringComparer.Ordinal),
                    MaxCategories = c.MaxCategories,
                    OtherCount = c.MaxCategories is null ? null : c.OtherCount,
                    CountErrorBound = c.MaxCategories is null ? null : c.CountErrorBound,
                });
            }
        }

        return new DatasetProfileDocument { Format = DocumentFormat, SchemaVersion = CurrentSchemaVersion, Features = features };
    }

    private static DatasetProfile FromDocument(DatasetProfileDocument document)
    {
        if (document.Features is not { Count: > 0 })
        {
            throw new InvalidDataException("The dataset profile document is corrupt: 'features' is missing or empty.");
        }

        var numericProfiles = new List<NumericFeatureProfile>();
        var categoricalProfiles = new List<CategoricalFeatureProfile>();
        for (var i = 0; i < document.Features.Count; i++)
        {
            var f = document.Features[i];
            var path = FormattableString.Invariant($"features[{i}]");
            if (string.IsNullOrWhiteSpace(f?.Name))
            {
                throw new InvalidDataException($"{path}.name: missing.");
            }

            path = $"{path} ('{f.Name}')";
            if (f.Kind == FeatureKind.Numeric)
            {
                var sample = f.SortedSample ?? (f.Sample is null ? null : ProfileCodec.FromBase64(f.Sample, path + ".sample"));
                if ((sample is null && f.Sketch is null) || f.InnerEdges is null || f.BinCounts is null || f.Mean is null || f.M2 is null
                    || f.BinningStrategy is null || f.BinCount is null)
                {
                    throw new InvalidDataException($"{path}: a numeric feature needs sortedSample (version 1), sample or sketch (version 2), innerEdges, binCounts, mean, m2, binningStrategy and binCount.");
                }

                var binning = FeatureBinning.FromParts(f.BinningStrategy.Value, f.BinCount.Value, f.CustomEdges, path);
                if (sample is null)
                {
                    numericProfiles.Add(NumericFeatureProfile.FromStoredSketch(
                        f.Name, f.Sketch!, f.MissingCount, binning, f.InnerEdges, f.BinCounts, f.Mean.Value, f.M2.Value, path));
                    continue;
                }

                if (f.Count is not null && f.Count != sample.Length)
                {
                    throw new InvalidDataException($"{path}.count: {f.Count} does not match the {sample.Length} values of the sorted sample.");
                }

                numericProfiles.Add(NumericFeatureProfile.FromStored(
                    f.Name, sample, f.MissingCount, binning, f.InnerEdges, f.BinCounts, f.Mean.Value, f.M2.Value, path));
            }
            else
            {
                if (f.Counts is null)
                {
                    throw new InvalidDataException($"{path}: a categorical feature needs counts.");
                }

                categoricalProfiles.Add(f.MaxCategories is null
                    ? CategoricalFeatureProfile.FromStored(f.Name, f.Counts, f.MissingCount, path)
                    : CategoricalFeatureProfile.FromStoredBounded(f.Name, f.Counts, f.MissingCount, f.MaxCategories.Value, f.OtherCount ?? 0, f.CountErrorBound ?? 0, path));
            }
        }

        try
        {
            return new DatasetProfile(numericProfiles, categoricalProfiles);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The dataset profile document is corrupt: {ex.Message}", ex);
        }
    }
}
