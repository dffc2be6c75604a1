namespace RetrainTriggers.Csv.Tests.Hardening;

/// <summary>Bad CSV inputs run in one go: each gives a <see cref="CsvDataException"/> naming the source (and line and column where known), or the documented result, at a bounded cost.</summary>
public sealed class CsvProbeBatteryTests
{
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("2E+309")]
    public void ReadWindow_NumberBeyondTheRangeOfADouble_ThrowsNamingLineAndColumn(string cell)
    {
        var act = () => CsvData.ReadWindow(new StringReader($"x\n1\n{cell}\n2\n"), "inline.csv");

        var thrown = act.Should().Throw<CsvDataException>().Which;
        thrown.Message.Should().Contain("inline.csv line 3, column 'x'").And.Contain($"'{cell}' is beyond the range of a double");
        thrown.LineNumber.Should().Be(3);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void ReadWindow_NaNAndInfinityLiterals_CountAsMissingAsDocumented(string cell)
    {
        var x = CsvData.ReadWindow(new StringReader($"x\n1\n{cell}\n2\n"), "inline.csv").NumericColumns["x"].ToArray();

        x[0].Should().Be(1);
        x[2].Should().Be(2);
        var profile = CsvData.ReadProfile(new StringReader($"x\n1\n{cell}\n2\n"), "inline.csv");
        profile.NumericFeatures["x"].MissingCount.Should().Be(1, "NaN and Infinity are missing, never a silent non-finite value in the profile");
    }

    [Fact]
    public void ReadWindow_RowOf100Megabytes_ThrowsCsvDataExceptionNamingSourceAndLimit()
    {
        var csv = "x,c\n1,a\n2," + new string('b', 100 * 1024 * 1024) + "\n";
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => CsvData.ReadWindow(new StringReader(csv), "long.csv");

        act.Should().Throw<CsvDataException>().WithMessage("long.csv*a row is longer than 16777216 characters*quote*")
            .Which.InnerException.Should().BeOfType<NotSupportedException>();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(400L * 1024 * 1024, "the parser stops at its row limit, it does not read the whole line");
    }

    [Fact]
    public void ReadWindow_HeaderWithAMillionColumns_ReadsThemAtACostLinearInTheInput()
    {
        var header = string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => "c" + i));
        var csv = header + "\n" + string.Join(",", Enumerable.Repeat("1", 1_000_000)) + "\n";
        var before = GC.GetAllocatedBytesForCurrentThread();

        var window = CsvData.ReadWindow(new StringReader(csv), "wide.csv");

        window.NumericColumns.Should().HaveCount(1_000_000);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(2L * 1024 * 1024 * 1024, "about 600 bytes per column, not a buffer per column sized for the whole file");
    }
}
