using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift;

/// <summary>The accumulator's JSON form: two app instances (two detectors read from the same profile JSON) accumulating halves of a window and merging.</summary>
public sealed class DriftWindowAccumulatorJsonTests
{
    private const NumericStatistics AllNumeric = NumericStatistics.Psi | NumericStatistics.KolmogorovSmirnov | NumericStatistics.WassersteinNormalized
        | NumericStatistics.JensenShannon | NumericStatistics.Hellinger | NumericStatistics.KullbackLeibler | NumericStatistics.EnergyDistance | NumericStatistics.CramerVonMises;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string ProfileJson = DatasetProfile.Build(Rows(1, 5_000, shift: 0)).ToJson();

    [Theory]
    [InlineData(1_000_000L)]
    [InlineData(1_000L)]
    public void FromJson_OtherInstancesAccumulator_MergedReportsLikeOneAccumulatorOverAllBatches(long exactBelow)
    {
        var sketch = new ProfileSketchOptions { ExactBelow = exactBelow, K = 256 };
        var instanceA = Instance(ProfileJson);
        var instanceB = Instance(ProfileJson);
        var (x, c) = Window(3, 8_000, shift: 0.2);
        var onA = Add(instanceA.CreateWindowAccumulator(sketch), x, c, 0, 3_000);
        var onB = Add(instanceB.CreateWindowAccumulator(sketch), x, c, 3_000, x.Length);

        var received = DriftWindowAccumulator.FromJson(onB.ToJson(), instanceA);
        var merged = instanceA.Detect(onA.Merge(received));

        onA.BatchCount.Should().Be(4 + 6);
        var single = instanceA.Detect(Add(instanceA.CreateWindowAccumulator(sketch), x, c, 0, x.Length));
        var whole = instanceA.Detect(new DriftWindow().AddNumeric("x", x).AddCategorical("c", c));
        var inProcess = instanceA.Detect(Add(instanceA.CreateWindowAccumulator(sketch), x, c, 0, 3_000).Merge(Add(instanceB.CreateWindowAccumulator(sketch), x, c, 3_000, x.Length)));
        merged.ToJson().Should().Be(inProcess.ToJson(), "the JSON form holds the whole state, bit for bit");
        if (exactBelow > x.Length)
        {
            merged.ToJson().Should().Be(single.ToJson());
            merged.ToJson().Should().Be(whole.ToJson());
            return;
        }

        // Past ExactBelow the merged sketch is not the single accumulator's (the compactions differ), so the sketched
        // statistics differ from it, each within its bound of the exact value; the rest is identical.
        merged.ToJson().Should().NotBe(single.ToJson());
        var m = merged.Features.Single(f => f.Feature == "x");
        var e = whole.Features.Single(f => f.Feature == "x");
        foreach (var statistic in new[] { DriftStatistic.Psi, DriftStatistic.JensenShannon, DriftStatistic.Hellinger, DriftStatistic.KullbackLeibler, DriftStatistic.MissingRateChange })
        {
            m.Statistics.Single(s => s.Statistic == statistic).Should().BeEquivalentTo(e.Statistics.Single(s => s.Statistic == statistic));
        }

        foreach (var statistic in new[] { DriftStatistic.KolmogorovSmirnov, DriftStatistic.WassersteinNormalized, DriftStatistic.EnergyDistance })
        {
            var approx = m.Statistics.Single(s => s.Statistic == statistic);
            approx.ErrorBound.Should().BeGreaterThan(0);
            Math.Abs(approx.Value!.Value - e.Statistics.Single(s => s.Statistic == statistic).Value!.Value).Should().BeLessThanOrEqualTo(approx.ErrorBound!.Value, statistic.ToString());
        }

        merged.Features.Single(f => f.Feature == "c").Should().BeEquivalentTo(whole.Features.Single(f => f.Feature == "c"));
    }

    [Theory]
    [InlineData(1_000_000L, 256)]
    [InlineData(1_000_000L, 8)]
    [InlineData(1_000_000L, 4_096)]
    [InlineData(1_000L, 256)]
    [InlineData(0L, 256)]
    public void FromJson_ToJson_RoundTripsAndKeepsAccumulatingDeterministically(long exactBelow, int k)
    {
        var detector = Instance(ProfileJson);
        var sketch = new ProfileSketchOptions { ExactBelow = exactBelow, K = k };
        var (x, c) = Window(4, 8_000, shift: 0.1);
        var original = Add(detector.CreateWindowAccumulator(sketch), x, c, 0, 2_500);
        var json = original.ToJson();

        var copy = DriftWindowAccumulator.FromJson(json, detector);

        copy.ToJson().Should().Be(json);
        copy.BatchCount.Should().Be(original.BatchCount);
        detector.Detect(copy).ToJson().Should().Be(detector.Detect(original).ToJson());
        Add(copy, x, c, 2_500, x.Length).ToJson().Should().Be(Add(original, x, c, 2_500, x.Length).ToJson(), "the sketch's coin-flip state travels with it");
    }

    [Fact]
    public void ToJson_ExactWindow_IsCompactAndVersioned()
    {
        var detector = Instance(ProfileJson);
        var (x, c) = Window(5, 500, shift: 0);
        var json = Add(detector.CreateWindowAccumulator(), x, c, 0, x.Length).ToJson();

        json.Should().StartWith("{\"format\":\"retrain-triggers/window-accumulator\",\"schemaVersion\":1,");
        json.Should().NotContain("\n").And.NotContain(": ").And.NotContain("\\u002B", "base64's '+' is written as is");
        var numeric = JsonNode.Parse(json)!["features"]!.AsArray().Single(f => (string?)f!["name"] == "x")!;
        numeric["sketch"].Should().BeNull("a sketch that never compacted holds only the exact values and is rebuilt from them");
        numeric["exact"]!.GetValue<string>().Length.Should().Be(((x.Length * 8) + 2) / 3 * 4, "base64 of 8 bytes per value");
    }

    [Fact]
    public void ToJson_PastExactBelow_SizeDoesNotGrowWithTheWindow()
    {
        var detector = Instance(ProfileJson);
        var sketch = new ProfileSketchOptions { ExactBelow = 1_000, K = 256 };
        var (x, c) = Window(6, 400_000, shift: 0);

        var small = Add(detector.CreateWindowAccumulator(sketch), x, c, 0, 40_000).ToJson().Length;
        var large = Add(detector.CreateWindowAccumulator(sketch), x, c, 0, x.Length).ToJson().Length;

        large.Should().BeLessThan(small * 12 / 10, "ten times the rows keep about the same sketch");
    }

    [Theory]
    [InlineData("truncated", "The window accumulator document is corrupt: *")]
    [InlineData("format", "The document is not a window accumulator: 'format' is 'retrain-triggers/dataset-profile'*")]
    [InlineData("version", "Unsupported window accumulator schema version 2: this library reads version 1.")]
    [InlineData("batch-count", "batchCount: -1 is negative.")]
    [InlineData("sketch-options", "sketchOptions: ProfileSketchOptions.K must be between 8 and 65535.*")]
    [InlineData("duplicate", "features[2] ('x').name: the feature appears twice.")]
    [InlineData("kind", "features[1] ('x').kind: Categorical, but the feature is numeric in the detector's reference profile.")]
    [InlineData("missing-feature", "features: the detector checks 'c', which the document lacks*")]
    [InlineData("negative-bin-count", "features[1] ('x').binCounts[0]: -1 is negative.")]
    [InlineData("bin-count-sum", "features[1] ('x').binCounts: they add up to *, but the window holds * finite values (the sketch's count).")]
    [InlineData("negative-missing", "features[1] ('x').missingCount: -1 is negative.")]
    [InlineData("exact-missing", "features[1] ('x').exact: holds * missing (NaN or ±∞) values, but missingCount is *.")]
    [InlineData("exact-too-long", "features[1] ('x').exact: holds * finite values, at least sketchOptions.exactBelow = 100: *")]
    [InlineData("exact-dropped-early", "features[1] ('x').exact: missing with * finite values, below sketchOptions.exactBelow = 1000000: *")]
    [InlineData("exact-bins", "features[1] ('x').binCounts: they differ from the exact values' counts in the reference's bins.")]
    [InlineData("exact-sketch", "features[1] ('x').sketch: count *, but the exact values have *")]
    [InlineData("sketch-k", "features[1] ('x').sketch.k: 256, but sketchOptions.k is 512.")]
    [InlineData("sketch-levels", "features[1] ('x').sketch.levelSizes: 63 levels, at most 62 allowed.")]
    [InlineData("sketch-capacity", "features[1] ('x').sketch: 8 items in 1 level(s), at least the capacity 8 of a sketch with k = 8*")]
    [InlineData("sketch-not-finite", "features[1] ('x').sketch: item 0 is not finite*")]
    [InlineData("category-negative", "features[0] ('c').counts['a']: -1, but a category is stored only once seen*")]
    [InlineData("category-length", "features[0] ('c').length: *, but missingCount plus the category counts is *.")]
    public void FromJson_BadDocument_ThrowsNamingThePathAndFeature(string @case, string message)
    {
        var detector = Instance(ProfileJson);

        var read = () => DriftWindowAccumulator.FromJson(BadDocument(@case, detector), detector);

        read.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void FromJson_LargerThanTheLimit_ThrowsBeforeParsing()
    {
        var detector = Instance(ProfileJson);
        var (x, c) = Window(7, 300, shift: 0);
        var json = Add(detector.CreateWindowAccumulator(), x, c, 0, x.Length).ToJson();

        var read = () => DriftWindowAccumulator.FromJson(json, detector, maxDocumentBytes: 1_000);
        var zero = () => DriftWindowAccumulator.FromJson(json, detector, maxDocumentBytes: 0);

        read.Should().Throw<InvalidDataException>().WithMessage("The window accumulator document is * bytes, larger than the limit of 1000 bytes (maxDocumentBytes)*");
        zero.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("maxDocumentBytes");
        DriftWindowAccumulator.FromJson(json, detector, maxDocumentBytes: json.Length).BatchCount.Should().Be(1);
    }

    [Fact]
    public void FromJson_DetectorOfAnotherReference_ThrowsNamingWhatDiffers()
    {
        var (x, c) = Window(8, 2_000, shift: 0);
        var json = Add(Instance(ProfileJson).CreateWindowAccumulator(), x, c, 0, x.Length).ToJson();
        var otherProfile = Instance(DatasetProfile.Build(Rows(9, 5_000, shift: 1)).ToJson());
        var ignoring = new DriftDetector(DatasetProfile.FromJson(ProfileJson), new DriftDetectorOptions { IgnoredFeatures = { "c" } });

        var edges = () => DriftWindowAccumulator.FromJson(json, otherProfile);
        var unknown = () => DriftWindowAccumulator.FromJson(json, ignoring);

        edges.Should().Throw<InvalidDataException>().WithMessage("features[1] ('x').innerEdges: not the reference profile's bin edges (inner edge 0 is * vs *, document vs reference)*");
        unknown.Should().Throw<InvalidDataException>().WithMessage("features[0] ('c').name: not a checked feature of the detector's reference profile (checked: x).");
    }

    [Fact]
    public void FromJson_NullArguments_Throw()
    {
        var detector = Instance(ProfileJson);

        var json = () => DriftWindowAccumulator.FromJson(null!, detector);
        var noDetector = () => DriftWindowAccumulator.FromJson("{}", null!);

        json.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("json");
        noDetector.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("detector");
    }

    private static string BadDocument(string @case, DriftDetector detector)
    {
        var (x, c) = Window(10, 3_000, shift: 0);
        var sketched = new ProfileSketchOptions { ExactBelow = 1_000, K = 256 };
        var exact = new ProfileSketchOptions { ExactBelow = 1_000_000, K = 256 };
        var baseOptions = @case.StartsWith("exact-", StringComparison.Ordinal) && @case != "exact-dropped-early" ? exact : sketched;
        if (@case == "sketch-capacity")
        {
            // 7 finite values in a k = 8 sketch (capacity 8): one more item is a sketch that should have compacted.
            var tiny = Add(detector.CreateWindowAccumulator(new ProfileSketchOptions { ExactBelow = 0, K = 8 }), x[1..8], c[1..8], 0, 7).ToJson();
            var t = JsonNode.Parse(tiny)!;
            var s = t["features"]![1]!["sketch"]!;
            var items = Decode((string)s["items"]!);
            s["items"] = Encode([.. items, items[0]]);
            s["levelSizes"] = new JsonArray(8);
            s["count"] = 8;
            var counts = t["features"]![1]!["binCounts"]!.AsArray();
            counts[^1] = (long)counts[^1]! + 1;
            return t.ToJsonString();
        }

        var json = Add(detector.CreateWindowAccumulator(baseOptions), x, c, 0, x.Length).ToJson();
        if (@case == "truncated")
        {
            return json[..(json.Length / 2)];
        }

        var root = JsonNode.Parse(json)!;
        var features = root["features"]!.AsArray();
        var cat = features[0]!;
        var num = features[1]!;
        var bins = num["binCounts"]!.AsArray();
        switch (@case)
        {
            case "format": root["format"] = "retrain-triggers/dataset-profile"; break;
            case "version": root["schemaVersion"] = 2; break;
            case "batch-count": root["batchCount"] = -1; break;
            case "sketch-options": root["sketchOptions"]!["k"] = 3; break;
            case "duplicate": features.Add(num.DeepClone()); break;
            case "kind": num["kind"] = "Categorical"; break;
            case "missing-feature": features.RemoveAt(0); break;
            case "negative-bin-count":
                var first = (long)bins[0]!;
                bins[0] = -1;
                bins[1] = (long)bins[1]! + first + 1;
                break;
            case "bin-count-sum": bins[0] = (long)bins[0]! + 1; break;
            case "negative-missing": num["missingCount"] = -1; break;
            case "exact-missing": num["missingCount"] = (long)num["missingCount"]! + 1; break;
            case "exact-too-long": root["sketchOptions"]!["exactBelow"] = 100; break;
            case "exact-dropped-early": root["sketchOptions"]!["exactBelow"] = 1_000_000; break;
            case "exact-bins":
                bins[0] = (long)bins[0]! - 1;
                bins[1] = (long)bins[1]! + 1;
                break;
            case "exact-sketch":
                // The stored sketch (it compacted: 3 000 values, k = 256) claims a larger max than the exact values have.
                num["sketch"]!["max"] = (double)num["sketch"]!["max"]! + 1;
                break;
            case "sketch-k": root["sketchOptions"]!["k"] = 512; break;
            case "sketch-levels":
                var levels = num["sketch"]!["levelSizes"]!.AsArray();
                while (levels.Count < 63)
                {
                    levels.Add(0);
                }

                break;
            case "sketch-not-finite":
                var items = Decode((string)num["sketch"]!["items"]!);
                items[0] = double.NaN;
                num["sketch"]!["items"] = Encode(items);
                break;
            case "category-negative": cat["counts"]!["a"] = -1; break;
            case "category-length": cat["length"] = (long)cat["length"]! + 1; break;
            default: throw new ArgumentOutOfRangeException(nameof(@case), @case, "unknown case");
        }

        return root.ToJsonString();
    }

    private static double[] Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return [.. Enumerable.Range(0, bytes.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)))];
    }

    private static string Encode(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    private static DriftDetector Instance(string profileJson) => new(
        DatasetProfile.FromJson(profileJson),
        new DriftDetectorOptions { Rules = new FeatureDriftRules { NumericStatistics = AllNumeric }, MaxDegreeOfParallelism = 1 },
        new FakeTimeProvider(Now));

    private static DriftWindowAccumulator Add(DriftWindowAccumulator accumulator, double[] x, string?[] c, int from, int to)
    {
        for (var start = from; start < to; start += 997)
        {
            var end = Math.Min(start + 997, to);
            accumulator.Add(new DriftWindow().AddNumeric("x", x.AsMemory(start..end)).AddCategorical("c", c.AsMemory(start..end)));
        }

        return accumulator;
    }

    private static DriftWindow Rows(int seed, int rows, double shift)
    {
        var (x, c) = Window(seed, rows, shift);
        return new DriftWindow().AddNumeric("x", x).AddCategorical("c", c);
    }

    private static (double[] X, string?[] C) Window(int seed, int rows, double shift) => (
        DriftTestData.WithMissing(DriftTestData.Normal(seed, rows, mean: shift), 89),
        DriftTestData.Categories(seed + 1, rows, ("a", 1), ("b", 2 + shift), ("d", 0.2), (null, 0.1)));
}
