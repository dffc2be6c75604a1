using System.Text.RegularExpressions;
using RetrainTriggers.Cli.Tests.TestSupport;

namespace RetrainTriggers.Cli.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>A report whose column names, category values and file name are hostile HTML.</summary>
    internal static string WriteHostileReport(CliHarness cli)
    {
        var rows = string.Concat(Enumerable.Range(0, 120).Select(i =>
            FormattableString.Invariant($"{i * 0.5},\"{(i % 3 == 0 ? "say \"\"hi\"\" & <b>bye</b>" : i % 3 == 1 ? "Tom & Jerry's" : "</svg><script>alert(2)</script>")}\",{i % 7}\n")));
        var reference = cli.Write("ref&<x>.csv", "\"<script>alert(1)</script>\",\"cat \"\"q\"\" & a\",plain\n" + rows);
        var target = cli.PathOf("report.html");
        var result = cli.Run("drift", "--reference", reference, "--current", reference, "--output", target);
        result.ExitCode.Should().Be(0, result.Error);
        return target;
    }

    [Fact]
    public void Render_HostileNames_EscapesEveryUserString()
    {
        var html = File.ReadAllText(WriteHostileReport(cli));

        html.Should().NotContain("<script").And.NotContain("<b>bye").And.NotContain("</svg><script");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Should().Contain("say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;");
        html.Should().Contain("Tom &amp; Jerry&#39;s");
        html.Should().Contain("ref&amp;&lt;x&gt;.csv");
    }

    [Fact]
    public void Render_EveryFeature_HasOneChartAndTheVerdictComesFirst()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 21, rows: 800, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 22, rows: 800, shift: 1);
        var target = cli.PathOf("r.html");

        cli.Run("drift", "--reference", reference, "--current", current, "--format", "html", "--output", target).ExitCode.Should().Be(CliApp.ExitDrift);

        var html = File.ReadAllText(target);
        ChartPattern().Matches(html).Count.Should().Be(5);
        ChartPattern().Matches(html).Count(m => m.Value.Contains("histogram", StringComparison.Ordinal)).Should().Be(3);
        html.IndexOf("Dataset: Drift", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("<section class=\"feature\"", StringComparison.Ordinal));
        html.Should().Contain("Rules used");
        ExternalReference().IsMatch(html).Should().BeFalse("the report is self-contained");
    }

    [GeneratedRegex("<svg class=\"chart [a-z]+\"")]
    private static partial Regex ChartPattern();

    [GeneratedRegex("(src|href)\\s*=\\s*\"(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
