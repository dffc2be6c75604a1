using System.Globalization;
using System.Text.Json;
using RetrainTriggers.Drift;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Cli;

/// <summary>Reads <c>drift.json</c> into <see cref="DriftDetectorOptions"/>; keys are case-insensitive, unknown keys are errors naming their path.</summary>
/// <remarks>Ranges are checked by the detector itself when it is created, so the tool and the library accept exactly the same values.</remarks>
internal static class DriftConfigReader
{
    private static readonly string[] TopKeys = ["DatasetRule", "DriftShareThreshold", "Correction", "IgnoredFeatures", "FeatureImportances", "MaxDegreeOfParallelism", "Rules", "FeatureRules"];

    private static readonly string[] RuleKeys =
    [
        "NumericStatistics", "CategoricalStatistics", "Alpha", "PsiWarningThreshold", "PsiDriftThreshold", "KolmogorovSmirnovMinimumEffect", "KolmogorovSmirnovMethod",
        "WassersteinThreshold", "JensenShannonThreshold", "HellingerThreshold", "KullbackLeiblerThreshold", "EnergyDistanceThreshold",
        "MaxProportionChangeThreshold", "Epsilon", "MinimumSampleSize", "MissingRateWarningThreshold", "MissingRateDriftThreshold",
    ];

    /// <summary>The largest --config file read: 16 MiB, far more than any set of rules needs.</summary>
    internal const long MaxConfigBytes = 16L * 1024 * 1024;

    public static DriftDetectorOptions Read(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists && file.Length > MaxConfigBytes)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--config {path}: the file is {file.Length} bytes, larger than the {MaxConfigBytes}-byte limit of a configuration file; it was not read."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--config {path}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            return ReadOptions(new Reader(path), document.RootElement);
        }
    }

    private static DriftDetectorOptions ReadOptions(Reader r, JsonElement root)
    {
        var options = new DriftDetectorOptions();
        foreach (var property in r.Properties(root, string.Empty, TopKeys))
        {
            var value = property.Value;
            var path = property.Name;
            switch (Canonical(property.Name, TopKeys))
            {
                case "DatasetRule":
                    options.DatasetRule = r.Enum<DatasetDriftRule>(value, path);
                    break;
                case "DriftShareThreshold":
                    options.DriftShareThreshold = r.Number(value, path);
                    break;
                case "Correction":
                    options.Correction = r.Enum<MultipleTestingMethod>(value, path);
                    break;
                case "MaxDegreeOfParallelism":
                    options.MaxDegreeOfParallelism = (int)r.Integer(value, path);
                    break;
                case "IgnoredFeatures":
                    foreach (var name in r.Strings(value, path))
                    {
                        options.IgnoredFeatures.Add(name);
                    }

                    break;
                case "FeatureImportances":
                    options.FeatureImportances = r.Properties(value, path, null).ToDictionary(p => p.Name, p => r.Number(p.Value, $"{path}:{p.Name}"), StringComparer.Ordinal);
                    break;
                case "Rules":
                    options.Rules = ReadRules(r, value, path, new FeatureDriftRules());
                    break;
                default:
                    foreach (var feature in r.Properties(value, path, null))
                    {
                        options.FeatureRules[feature.Name] = ReadRules(r, feature.Value, $"{path}:{feature.Name}", options.Rules);
                    }

                    break;
            }
        }

        return options;
    }

    private static FeatureDriftRules ReadRules(Reader r, JsonElement element, string path, FeatureDriftRules b)
    {
        var given = r.Properties(element, path, RuleKeys).ToDictionary(p => Canonical(p.Name, RuleKeys), p => p.Value, StringComparer.Ordinal);
        double Number(string key, double fallback) => given.TryGetValue(key, out var v) ? r.Number(v, $"{path}:{key}") : fallback;
        double? Nullable(string key, double? fallback) => given.TryGetValue(key, out var v) ? r.NullableNumber(v, $"{path}:{key}") : fallback;
        return new FeatureDriftRules
        {
            NumericStatistics = given.TryGetValue("NumericStatistics", out var numeric) ? r.Flags<NumericStatistics>(numeric, $"{path}:NumericStatistics") : b.NumericStatistics,
            CategoricalStatistics = given.TryGetValue("CategoricalStatistics", out var categorical) ? r.Flags<CategoricalStatistics>(categorical, $"{path}:CategoricalStatistics") : b.CategoricalStatistics,
            Alpha = Number("Alpha", b.Alpha),
            PsiWarningThreshold = Number("PsiWarningThreshold", b.PsiWarningThreshold),
            PsiDriftThreshold = Number("PsiDriftThreshold", b.PsiDriftThreshold),
            KolmogorovSmirnovMinimumEffect = Nullable("KolmogorovSmirnovMinimumEffect", b.KolmogorovSmirnovMinimumEffect),
            KolmogorovSmirnovMethod = given.TryGetValue("KolmogorovSmirnovMethod", out var method)
                ? r.Enum<KolmogorovSmirnovMethod>(method, $"{path}:KolmogorovSmirnovMethod")
                : b.KolmogorovSmirnovMethod,
            WassersteinThreshold = Number("WassersteinThreshold", b.WassersteinThreshold),
            JensenShannonThreshold = Number("JensenShannonThreshold", b.JensenShannonThreshold),
            HellingerThreshold = Number("HellingerThreshold", b.HellingerThreshold),
            KullbackLeiblerThreshold = Number("KullbackLeiblerThreshold", b.KullbackLeiblerThreshold),
            EnergyDistanceThreshold = Number("EnergyDistanceThreshold", b.EnergyDistanceThreshold),
            MaxProportionChangeThreshold = Number("MaxProportionChangeThreshold", b.MaxProportionChangeThreshold),
            Epsilon = Number("Epsilon", b.Epsilon),
            MinimumSampleSize = given.TryGetValue("MinimumSampleSize", out var size) ? (int)r.Integer(size, $"{path}:MinimumSampleSize") : b.MinimumSampleSize,
            MissingRateWarningThreshold = Nullable("MissingRateWarningThreshold", b.MissingRateWarningThreshold),
            MissingRateDriftThreshold = Nullable("MissingRateDriftThreshold", b.MissingRateDriftThreshold),
        };
    }

    private static string Canonical(string key, string[] keys) => keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    private sealed class Reader(string file)
    {
        public IEnumerable<JsonProperty> Properties(JsonElement element, string path, string[]? allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"must be a JSON object, was {element.ValueKind}");
            }

            foreach (var property in element.EnumerateObject())
            {
                if (allowed is not null && !allowed.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw Error(Join(path, property.Name), $"is not a known setting; expected one of {string.Join(", ", allowed)}");
                }
            }

            return element.EnumerateObject();
        }

        public double Number(JsonElement value, string path) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d)
            ? d
            : throw Error(path, $"must be a number, was {Show(value)}");

        public double? NullableNumber(JsonElement value, string path) => value.ValueKind == JsonValueKind.Null ? null : Number(value, path);

        public long Integer(JsonElement value, string path) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)
            ? i
            : throw Error(path, $"must be a whole number, was {Show(value)}");

        public IEnumerable<string> Strings(JsonElement value, string path) => value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(string.Create(CultureInfo.InvariantCulture, $"{path}:{i}"), "must be a string")).ToList()
            : throw Error(path, $"must be an array of names, was {Show(value)}");

        public T Enum<T>(JsonElement value, string path)
            where T : struct, System.Enum =>
            value.ValueKind == JsonValueKind.String && System.Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
                ? parsed
                : throw Error(path, $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}, was {Show(value)}");

        /// <summary>Reads a flags enum as an array of names (<c>["Psi", "KolmogorovSmirnov"]</c>) or one comma-separated string.</summary>
        public T Flags<T>(JsonElement value, string path)
            where T : struct, System.Enum
        {
            var names = value.ValueKind == JsonValueKind.String
                ? value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : Strings(value, path).ToArray();
            ulong bits = 0;
            foreach (var name in names)
            {
                if (!System.Enum.TryParse<T>(name, ignoreCase: true, out var flag) || !System.Enum.IsDefined(flag))
                {
                    throw Error(path, $"'{name}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
                }

                bits |= Convert.ToUInt64(flag, CultureInfo.InvariantCulture);
            }

            return (T)System.Enum.ToObject(typeof(T), bits);
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";

        private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();

        private UsageException Error(string path, string problem) =>
            new($"--config {file}: {(path.Length == 0 ? "the document" : path)} {problem}.");
    }
}
