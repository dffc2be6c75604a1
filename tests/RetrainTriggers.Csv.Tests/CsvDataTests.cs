using RetrainTriggers.Drift;

namespace RetrainTriggers.Csv.Tests;

public sealed class CsvDataTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rt-csv-tests-" + Guid.NewGuid().ToString("N"));

    public CsvDataTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadWindow_QuotedFieldsSpacesAndInvariantNumbers_ReadsValues()
    {
        var window = CsvData.ReadWindow(new StringReader("x, label\n1.5e3 ,\"a, b\"\n-0.25,\"say \"\"hi\"\"\"\n 7 , plain \n"), "inline.csv");

        window.NumericColumns["x"].ToArray().Should().Equal(1500, -0.25, 7);
        window.CategoricalColumns["label"].ToArray().Should().Equal("a, b", "say \"hi\"", "plain");
    }

    [Fact]
    public void ReadWindow_EmptyCellsAndMissingTokens_AreMissing()
    {
        var options = new CsvDataOptions();
        options.MissingValues.Add("NA");
        var window = CsvData.ReadWindow(new StringReader("x,c\n1,a\n,\nNA,NA\n4,\"\"\n"), "inline.csv", options);

        var x = window.NumericColumns["x"].ToArray();
        x[0].Should().Be(1);
        double.IsNaN(x[1]).Should().BeTrue();
        double.IsNaN(x[2]).Should().BeTrue();
        x[3].Should().Be(4);
        window.CategoricalColumns["c"].ToArray().Should().Equal("a", null, null, null);
    }

    [Fact]
    public void ReadWindow_TextInNumericColumnAfterInference_ThrowsNamingLineAndColumn()
    {
        var path = Write("late.csv", "id,score\n1,0.5\n2,0.7\n3,0.1\n4,0.9\n5,0.3\n6,abc\n");
        var options = new CsvDataOptions { InferenceRowCount = 5 };

        var act = () => CsvData.ReadWindow(path, options);

        var error = act.Should().Throw<CsvDataException>().Which;
        error.LineNumber.Should().Be(7);
        error.Column.Should().Be("score");
        error.SourceName.Should().Be(path);
        error.Message.Should().Contain($"{path} line 7, column 'score'").And.Contain("'abc' is not a number").And.Contain("categorical");
    }

    [Fact]
    public void ReadWindow_TextWithinInferenceRows_InfersCategorical()
    {
        var window = CsvData.ReadWindow(new StringReader("code,empty\n10,\n20,\nx1,\n"), "inline.csv");

        window.CategoricalColumns.Keys.Should().BeEquivalentTo("code", "empty");
    }

    [Fact]
    public void ReadWindow_ColumnKindsOverride_ReadsNumbersAsCategories()
    {
        var options = new CsvDataOptions();
        options.ColumnKinds["zip"] = FeatureKind.Categorical;

        var window = CsvData.ReadWindow(new StringReader("zip,n\n01067,1\n10115,2\n"), "inline.csv", options);

        window.CategoricalColumns["zip"].ToArray().Should().Equal("01067", "10115");
        window.NumericColumns["n"].ToArray().Should().Equal(1, 2);
    }

    [Fact]
    public void ReadWindow_ReferenceFeatureMissingFromHeader_ThrowsNamingFileLineAndColumn()
    {
        var reference = CsvData.ReadProfile(new StringReader("a,b\n1,x\n2,y\n"), "train.csv");
        var path = Write("current.csv", "a,c\n1,x\n");

        var act = () => CsvData.ReadWindow(path, reference);

        var error = act.Should().Throw<CsvDataException>().Which;
        error.LineNumber.Should().Be(1);
        error.Column.Should().Be("b");
        error.Message.Should().StartWith($"{path} line 1, column 'b': the header has no such column; it has: a, c");
    }

    [Fact]
    public void ReadWindow_WithReference_UsesProfiledKinds()
    {
        var options = new CsvDataOptions();
        options.ColumnKinds["a"] = FeatureKind.Categorical;
        var reference = CsvData.ReadProfile(new StringReader("a,b\n1,2\n2,3\n"), "train.csv", options);
        var path = Write("current.csv", "b,a,extra\n5,1,z\n");

        var window = CsvData.ReadWindow(path, reference);

        window.CategoricalColumns.Keys.Should().Equal("a");
        window.NumericColumns.Keys.Should().Equal("b");
    }

    [Fact]
    public void ReadWindow_WrongFieldCount_ThrowsNamingLine()
    {
        var act = () => CsvData.ReadWindow(new StringReader("a,b\n1,2\n3,4,5\n"), "rows.csv");

        act.Should().Throw<CsvDataException>().Which.Message.Should().Be("rows.csv line 3: 3 fields, but the header has 2; check the separator and quotes on this line.");
    }

    [Fact]
    public void ReadWindow_BlankLines_AreSkipped()
    {
        var window = CsvData.ReadWindow(new StringReader("a,b\n1,2\n\n3,4\n"), "rows.csv");

        window.NumericColumns["a"].ToArray().Should().Equal(1, 3);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("a,a\n1,2\n", "the header names this column twice (columns 1 and 2)")]
    [InlineData("a,,c\n1,2,3\n", "column 2 of the header has no name")]
    public void ReadWindow_BadHeader_ThrowsNamingLineOne(string text, string expected)
    {
        var act = () => CsvData.ReadWindow(new StringReader(text), "h.csv");

        act.Should().Throw<CsvDataException>().Which.Message.Should().StartWith("h.csv line 1").And.Contain(expected);
    }

    [Fact]
    public void ReadWindow_UnknownSelectedColumn_ThrowsListingTheHeader()
    {
        var options = new CsvDataOptions { Columns = ["a", "nope"] };

        var act = () => CsvData.ReadWindow(new StringReader("a,b\n1,2\n"), "c.csv", options);

        act.Should().Throw<CsvDataException>().Which.Message.Should().Be("c.csv line 1, column 'nope': the header has no such column; it has: a, b.");
    }

    [Fact]
    public void ReadWindow_KindForUnknownColumn_Throws()
    {
        var options = new CsvDataOptions();
        options.ColumnKinds["typo"] = FeatureKind.Categorical;

        var act = () => CsvData.ReadWindow(new StringReader("a,b\n1,2\n"), "c.csv", options);

        act.Should().Throw<CsvDataException>().Which.Column.Should().Be("typo");
    }

    [Fact]
    public void ReadProfile_EqualsProfileBuiltFromTheSameColumns()
    {
        var random = new Random(7);
        var lines = new List<string> { "x,group" };
        var xs = new double[500];
        var groups = new string?[500];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = Math.Round(random.NextDouble() * 100, 3);
            groups[i] = i % 17 == 0 ? null : ((char)('a' + random.Next(4))).ToString();
            lines.Add(FormattableString.Invariant($"{xs[i]},{groups[i]}"));
        }

        var path = Write("train.csv", string.Join('\n', lines));
        var expected = DatasetProfile.Build(new DriftWindow().AddNumeric("x", xs).AddCategorical("group", groups));

        var profile = CsvData.ReadProfile(path);

        profile.ToJson().Should().Be(expected.ToJson());
    }

    [Fact]
    public void ReadProfile_ColumnWithoutValues_ThrowsNamingTheColumn()
    {
        var act = () => CsvData.ReadProfile(new StringReader("a,b\n1,\n2,\n"), "t.csv");

        act.Should().Throw<CsvDataException>().Which.Message.Should().StartWith("t.csv: Feature 'b'");
    }

    [Fact]
    public void ReadProfile_MissingFile_ThrowsFileNotFound()
    {
        var act = () => CsvData.ReadProfile(Path.Combine(folder, "absent.csv"));

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void ReadProfile_Progress_ReportsBytesUpToTheFileLength()
    {
        var path = Write("big.csv", "a\n" + string.Join('\n', Enumerable.Range(0, 40_000)));
        var reports = new List<long>();
        var options = new CsvDataOptions { Progress = new SyncProgress(reports.Add) };

        CsvData.ReadProfile(path, options);

        reports.Should().NotBeEmpty();
        reports[^1].Should().Be(new FileInfo(path).Length);
    }

    [Fact]
    public void InferColumnKinds_FirstRows_GivesDeclaredAndInferredKinds()
    {
        var path = Write("k.csv", "n,t,zip\n1,a,10115\n2,b,01067\n");
        var options = new CsvDataOptions();
        options.ColumnKinds["zip"] = FeatureKind.Categorical;

        var kinds = CsvData.InferColumnKinds(path, options);

        kinds.Should().Equal(new Dictionary<string, FeatureKind>
        {
            ["n"] = FeatureKind.Numeric,
            ["t"] = FeatureKind.Categorical,
            ["zip"] = FeatureKind.Categorical,
        });
    }

    [Fact]
    public void ReadWindow_SemicolonSeparator_SplitsOnIt()
    {
        var window = CsvData.ReadWindow(new StringReader("a;b\n1,5;x\n"), "s.csv", new CsvDataOptions { Separator = ';' });

        window.CategoricalColumns["a"].ToArray().Should().Equal("1,5");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
