using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace RetrainTriggers.Tests.TestData;

/// <summary>
/// The one loader of the numeric golden files: <see cref="Reference"/> (TestData/reference-statistics, the shared
/// scipy/numpy/statsmodels cases) and <see cref="CrossCheck"/> (TestData/cross-check, written by its <c>generate.py</c>
/// with scipy 1.10.1, numpy 1.24.2 and statsmodels 0.13.5 in the same format). Both folders hold the same file names.
/// </summary>
internal static class GoldenData
{
    public const string KsFile = "ks_2samp.json";
    public const string BinnedFile = "binned_divergences.json";
    public const string CategoricalFile = "categorical.json";
    public const string ContinuousFile = "continuous_distances.json";
    public const string ProportionsFile = "proportions_ztest.json";
    public const string MultipleTestingFile = "multiple_testing.json";
    public const string McNemarFile = "mcnemar.json";

    public static readonly GoldenFolder Reference = new("reference-statistics");

    public static readonly GoldenFolder CrossCheck = new("cross-check");

    /// <summary>A JSON array of numbers as doubles: numbers as written, strings parsed invariantly, <see langword="null"/> (a generator's NaN) as NaN.</summary>
    public static double[] Doubles(this JsonElement array) => array.EnumerateArray().Select(ToDouble).ToArray();

    public static long[] Longs(this JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static string?[] Strings(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToArray();

    public static double Double(this JsonElement element, string property) => ToDouble(element.GetProperty(property));

    private static double ToDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => double.NaN,
    };
}

/// <summary>One folder of golden files; each file is parsed once per test run.</summary>
internal sealed class GoldenFolder(string folder)
{
    private readonly ConcurrentDictionary<string, JsonDocument> documents = new(StringComparer.Ordinal);

    public JsonElement Root(string file) => documents.GetOrAdd(file, f =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", folder, f)))).RootElement;

    public IEnumerable<JsonElement> Cases(string file) => Root(file).GetProperty("cases").EnumerateArray();

    public JsonElement Case(string file, string name) => Cases(file).Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Every case name of <paramref name="file"/>, for <c>[MemberData]</c>.</summary>
    public TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(file))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }
}
