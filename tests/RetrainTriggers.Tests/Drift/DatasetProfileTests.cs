using System.Text;
using System.Text.Json.Nodes;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift;

public class DatasetProfileTests
{
    private static DriftWindow TrainingWindow(int seed, int n)
    {
        var random = new Random(seed);
        var wide = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Values whose shortest round-trip text is long, to prove exact double round-trips.
            wide[i] = random.NextDouble() * 1e-300 * (i % 2 == 0 ? 1 : 1e300) + (i % 7 == 0 ? Math.PI * 1e15 : 0);
        }

        return new DriftWindow()
            .AddNumeric("age", DriftTestData.WithMissing(DriftTestData.Normal(seed, n, 40, 12), every: 25))
            .AddNumeric("wide", wide)
            .AddNumeric("flag", DriftTestData.Binary(n, 0.3))
            .AddCategorical("city", DriftTestData.Categories(seed, n, ("Paris", 3), ("Oslo", 2), (null, 0.5), ("Zürich", 1)));
    }

    [Fact]
    public void Build_Window_ProfilesEveryColumnInOrdinalOrder()
    {
        var profile = DatasetProfile.Build(TrainingWindow(1, 500), featureBinning: new Dictionary<string, FeatureBinning> { ["age"] = FeatureBinning.EqualWidth(4) });

        profile.FeatureNames.Should().Equal("age", "city", "flag", "wide");
        profile.NumericFeatures.Keys.Should().BeEquivalentTo("age", "flag", "wide");
        profile.CategoricalFeatures["city"].Count.Should().BeGreaterThan(0);
        profile.NumericFeatures["age"].Binning.Strategy.Should().Be(RetrainTriggers.Statistics.BinningStrategy.EqualWidth);
        profile.NumericFeatures["age"].InnerEdges.Length.Should().Be(3);
        profile.NumericFeatures["flag"].InnerEdges.ToArray().Should().Equal(RetrainTriggers.Statistics.Binning.QuantileEdges(DriftTestData.Binary(500, 0.3), 10));
    }

    [Fact]
    public void Build_BinningForUnknownFeature_ThrowsNamingIt()
    {
        var act = () => DatasetProfile.Build(TrainingWindow(1, 50), featureBinning: new Dictionary<string, FeatureBinning> { ["city"] = FeatureBinning.Default });

        act.Should().Throw<ArgumentException>().WithParameterName("featureBinning").WithMessage("*city*");
    }

    [Fact]
    public void Constructor_DuplicateFeature_Throws()
    {
        var n = NumericFeatureProfile.Build("x", [1.0, 2.0]);
        var c = CategoricalFeatureProfile.Build("x", ["a"]);

        var act = () => new DatasetProfile([n], [c]);

        act.Should().Throw<ArgumentException>().WithMessage("*'x'*twice*");
    }

    [Fact]
    public void Json_RoundTrip_IsBitExact()
    {
        var profile = DatasetProfile.Build(
            TrainingWindow(2, 2000), featureBinning: new Dictionary<string, FeatureBinning> { ["flag"] = FeatureBinning.Custom(0.5) });

        var json = profile.ToJson();
        var back = DatasetProfile.FromJson(json);

        back.FeatureNames.Should().Equal(profile.FeatureNames);
        foreach (var (name, expected) in profile.NumericFeatures)
        {
            var actual = back.NumericFeatures[name];
            actual.SortedSample.Values.ToArray().Should().Equal(expected.SortedSample.Values.ToArray());
            actual.InnerEdges.ToArray().Should().Equal(expected.InnerEdges.ToArray());
            actual.BinCounts.ToArray().Should().Equal(expected.BinCounts.ToArray());
            BitConverter.DoubleToInt64Bits(actual.Mean).Should().Be(BitConverter.DoubleToInt64Bits(expected.Mean));
            BitConverter.DoubleToInt64Bits(actual.M2).Should().Be(BitConverter.DoubleToInt64Bits(expected.M2));
            actual.MissingCount.Should().Be(expected.MissingCount);
            actual.Binning.SameAs(expected.Binning).Should().BeTrue();
        }

        back.CategoricalFeatures["city"].Counts.Should().Equal(profile.CategoricalFeatures["city"].Counts);
        back.CategoricalFeatures["city"].MissingCount.Should().Be(profile.CategoricalFeatures["city"].MissingCount);
        back.ToJson().Should().Be(json);
    }

    [Fact]
    public async Task Stream_RoundTrip_ReadsWhatWasWritten()
    {
        var profile = DatasetProfile.Build(TrainingWindow(3, 300));
        using var stream = new MemoryStream();

        await profile.WriteToAsync(stream);
        stream.Position = 0;
        var back = await DatasetProfile.ReadFromAsync(stream);

        back.ToJson().Should().Be(profile.ToJson());
        Encoding.UTF8.GetString(profile.ToUtf8Json()).Should().Be(profile.ToJson());
    }

    [Fact]
    public void Json_Document_CarriesFormatAndVersion()
    {
        var node = JsonNode.Parse(DatasetProfile.Build(TrainingWindow(4, 100)).ToJson())!;

        node["format"]!.GetValue<string>().Should().Be(DatasetProfile.DocumentFormat);
        node["schemaVersion"]!.GetValue<int>().Should().Be(1);
        node["features"]![0]!["kind"]!.GetValue<string>().Should().Be("Numeric");
    }

    [Fact]
    public void FromJson_OtherSchemaVersion_ThrowsNamingVersion()
    {
        var node = JsonNode.Parse(DatasetProfile.Build(TrainingWindow(5, 100)).ToJson())!;
        node["schemaVersion"] = 2;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage("*schema version 2*reads version 1*");
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"features\":[]}", "*'format' is missing*")]
    [InlineData("{\"format\":\"something-else\",\"schemaVersion\":1}", "*'something-else'*")]
    [InlineData("{\"format\":\"retrain-triggers/dataset-profile\",\"features\":[]}", "*(missing)*")]
    [InlineData("[1,2]", "*not a JSON object*")]
    [InlineData("{\"format\":\"retrain-triggers/dataset-profile\",\"schemaVersion\":1,\"features\":[{\"name\":", "*corrupt*")]
    [InlineData("{\"format\":\"retrain-triggers/dataset-profile\",\"schemaVersion\":1,\"features\":[]}", "*'features' is missing or empty*")]
    [InlineData("{\"format\":\"retrain-triggers/dataset-profile\",\"schemaVersion\":1,\"features\":[{\"name\":\"x\",\"kind\":\"Numeric\"}]}", "*'x'*needs sortedSample*")]
    [InlineData("{\"format\":\"retrain-triggers/dataset-profile\",\"schemaVersion\":1,\"features\":[{\"name\":\"x\",\"kind\":\"Tensor\"}]}", "*corrupt*")]
    public void FromJson_BadDocument_ThrowsNamingProblem(string json, string message)
    {
        var act = () => DatasetProfile.FromJson(json);

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Theory]
    [InlineData("binCounts", "*binCounts*")]
    [InlineData("sortedSample", "*sortedSample*ascending*")]
    [InlineData("innerEdges", "*innerEdges*")]
    [InlineData("count", "*count*does not match*")]
    public void FromJson_TamperedNumericFeature_ThrowsNamingField(string field, string message)
    {
        var node = JsonNode.Parse(DatasetProfile.Build(TrainingWindow(6, 200)).ToJson())!;
        var age = node["features"]![0]!;
        switch (field)
        {
            case "binCounts":
                age["binCounts"]![0] = age["binCounts"]![0]!.GetValue<long>() + 1;
                break;
            case "sortedSample":
                age["sortedSample"]![0] = 1e9;
                break;
            case "innerEdges":
                age["innerEdges"]![0] = age["innerEdges"]![0]!.GetValue<double>() - 0.5;
                break;
            default:
                age["count"] = 3;
                break;
        }

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage("*'age'*").WithMessage(message);
    }

    [Fact]
    public void Merge_TwoShards_EqualsWholeDataProfile()
    {
        var whole = TrainingWindow(7, 3000);
        DriftWindow Slice(int start, int length)
        {
            var w = new DriftWindow();
            foreach (var (name, values) in whole.NumericColumns)
            {
                w.AddNumeric(name, values.Slice(start, length));
            }

            foreach (var (name, values) in whole.CategoricalColumns)
            {
                w.AddCategorical(name, values.Slice(start, length));
            }

            return w;
        }

        var merged = DatasetProfile.Merge(DatasetProfile.Build(Slice(0, 1200)), DatasetProfile.Build(Slice(1200, 1800)));
        var expected = DatasetProfile.Build(whole);

        merged.FeatureNames.Should().Equal(expected.FeatureNames);
        foreach (var (name, e) in expected.NumericFeatures)
        {
            var m = merged.NumericFeatures[name];
            m.SortedSample.Values.ToArray().Should().Equal(e.SortedSample.Values.ToArray());
            m.InnerEdges.ToArray().Should().Equal(e.InnerEdges.ToArray());
            m.BinCounts.ToArray().Should().Equal(e.BinCounts.ToArray());
            m.MissingCount.Should().Be(e.MissingCount);
            m.Mean.Should().BeApproximately(e.Mean, 1e-12 * Math.Max(Math.Abs(e.Mean), e.StandardDeviation));
            m.M2.Should().BeApproximately(e.M2, 1e-12 * e.M2);
        }

        merged.CategoricalFeatures["city"].Counts.Should().Equal(expected.CategoricalFeatures["city"].Counts);
    }

    [Fact]
    public void Merge_DifferentFeatureSets_ThrowsNamingFeature()
    {
        var a = new DatasetProfile([NumericFeatureProfile.Build("x", [1.0])], []);
        var b = new DatasetProfile([NumericFeatureProfile.Build("x", [1.0])], [CategoricalFeatureProfile.Build("y", ["q"])]);

        var act = () => DatasetProfile.Merge(a, b);

        act.Should().Throw<ArgumentException>().WithMessage("*'y'*absent in the first*categorical in the second*");
    }

    private static JsonNode NumericDocument(int seed = 9)
    {
        var profile = new DatasetProfile([NumericFeatureProfile.Build("age", DriftTestData.Normal(seed, 200, 40, 10))], []);
        return JsonNode.Parse(profile.ToJson())!;
    }

    [Theory]
    [InlineData(2_000_000_000)]
    [InlineData(FeatureBinning.MaxBinCount + 1)]
    [InlineData(1)]
    public void FromJson_DeclaredBinCountOutOfRange_ThrowsNamingBinCountBeforeAllocating(int binCount)
    {
        var node = NumericDocument();
        node["features"]![0]!["binCount"] = binCount;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage($"features[0] ('age').binCount: {binCount} is outside 2..*");
    }

    [Fact]
    public void FromJson_CustomBinCountNotMatchingEdges_ThrowsNamingBinCount()
    {
        var profile = new DatasetProfile([NumericFeatureProfile.Build("age", DriftTestData.Normal(1, 100), FeatureBinning.Custom(-1, 0, 1))], []);
        var node = JsonNode.Parse(profile.ToJson())!;
        node["features"]![0]!["binCount"] = 2_000_000_000;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage("*('age').binCount: 2000000000 does not match the 3 distinct custom edges*");
    }

    [Fact]
    public void FromJson_LargerThanTheLimit_ThrowsNamingTheLimit()
    {
        var json = NumericDocument().ToJsonString();

        var act = () => DatasetProfile.FromJson(json, maxDocumentBytes: 1000);

        act.Should().Throw<InvalidDataException>().WithMessage("*dataset profile document is*larger than the limit of 1000 bytes (maxDocumentBytes)*");
        DatasetProfile.DefaultMaxDocumentBytes.Should().Be(64 * 1024 * 1024);
    }

    [Fact]
    public async Task ReadFromAsync_StreamLargerThanTheLimit_StopsReadingAndThrows()
    {
        var stream = new CountingStream(200_000);

        var act = () => DatasetProfile.ReadFromAsync(stream, maxDocumentBytes: 1000);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*more than 1000 bytes*");
        stream.Position.Should().BeLessThan(200_000, "reading stops once the limit is passed");
    }

    [Theory]
    [InlineData("missingCount", 9223372036854775807L, "*('age').missingCount: 9223372036854775807 is out of range*")]
    [InlineData("missingCount", -1L, "*('age').missingCount: -1 is out of range*")]
    public void FromJson_CountsOutOfRange_ThrowsNamingField(string field, long value, string message)
    {
        var node = NumericDocument();
        node["features"]![0]![field] = value;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Theory]
    [InlineData("mean", 1.0)]
    [InlineData("m2", 1.0)]
    public void FromJson_MomentsInconsistentWithTheSample_ThrowsNamingField(string field, double offset)
    {
        var node = NumericDocument();
        node["features"]![0]![field] = node["features"]![0]![field]!.GetValue<double>() + offset;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage($"*('age').{field}: * does not match*");
    }

    [Fact]
    public void FromJson_CategoricalCountsOverflowingTheTotal_ThrowsNamingFeature()
    {
        var profile = new DatasetProfile([], [CategoricalFeatureProfile.Build("plan", ["a", "b"])]);
        var node = JsonNode.Parse(profile.ToJson())!;
        node["features"]![0]!["missingCount"] = long.MaxValue;

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage("*('plan'): the category counts and missingCount add up to more than*");
    }

    [Fact]
    public void FromJson_UnsortedSample_ThrowsNamingSortedSample()
    {
        var node = NumericDocument();
        var sample = node["features"]![0]!["sortedSample"]!.AsArray();
        (sample[0], sample[1]) = (sample[1]!.DeepClone(), sample[0]!.DeepClone());

        var act = () => DatasetProfile.FromJson(node.ToJsonString());

        act.Should().Throw<InvalidDataException>().WithMessage("*('age').sortedSample: value 1 is not finite or not in ascending order*");
    }

    /// <summary>An endless stream of spaces that records how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
