using System.Diagnostics;
using System.Text.RegularExpressions;
using RetrainTriggers.Cli.Tests.TestSupport;

namespace RetrainTriggers.Cli.Tests;

/// <summary>Opens HTML reports in headless Chromium (Debian's <c>chromium</c>, installed by .ci/run): no console errors, one chart per feature, a screenshot kept as a test artifact.</summary>
[Collection(DemoRun.Collection)]
public sealed partial class BrowserTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Report_InHeadlessChromium_RendersOneChartPerFeatureWithoutConsoleErrors()
    {
        var reference = Path.Combine(CliHarness.Samples, "reference.csv");
        var current = Path.Combine(CliHarness.Samples, "current.csv");
        var target = cli.PathOf("samples-report.html");
        cli.Run("drift", "--reference", reference, "--current", current, "--output", target).ExitCode.Should().Be(CliApp.ExitDrift);

        var (dom, log) = Chromium("--dump-dom", target);

        ConsoleMessages(log).Should().BeEmpty();
        ChartPattern().Matches(dom).Count.Should().Be(6, "the samples have six features");
        dom.Should().Contain("Dataset: Drift");
        Screenshot(target, "samples-report.png");
    }

    [Fact]
    public void DemoReport_InHeadlessChromium_RendersEveryChartWithoutConsoleErrors()
    {
        var run = DemoRun.Default;
        run.Result.ExitCode.Should().Be(CliApp.ExitNoDrift, run.Result.Error);

        var (dom, log) = Chromium("--dump-dom", run.HtmlPath);

        ConsoleMessages(log).Should().BeEmpty();
        var reports = dom.Split("<section class=\"day\"").Length - 1;
        reports.Should().BeGreaterThan(2);
        ChartPattern().Matches(dom).Count.Should().Be(5 * reports, "each drift report draws one chart for each of the five features");
        dom.Should().Contain("ROLLED BACK");
        Screenshot(run.HtmlPath, "demo-report.png");
    }

    [Fact]
    public void Report_HostileNames_RunNoScriptInChromium()
    {
        var target = HtmlReportTests.WriteHostileReport(cli);

        var (dom, log) = Chromium("--dump-dom", target);

        ConsoleMessages(log).Should().BeEmpty();
        dom.Should().NotContain("<script");
        ChartPattern().Matches(dom).Count.Should().Be(3);
        Screenshot(target, "hostile-names-report.png");
    }

    [Fact]
    public void ConsoleMessages_PageThatLogsAnError_IsDetected()
    {
        var page = cli.Write("bad.html", "<!DOCTYPE html><html><body><script>console.error('broken')</script></body></html>");

        var (_, log) = Chromium("--dump-dom", page);

        ConsoleMessages(log).Should().ContainSingle().Which.Should().Contain("broken");
    }

    private static string FindChromium()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(
            $"chromium was not found{(ci ? " on CI: .ci/run must install it" : "")}; install it with `apt-get install -y chromium` to run the browser tests.");
    }

    private (string Output, string Log) Chromium(string mode, string page, params string[] extra)
    {
        var profile = cli.PathOf("chromium-profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(FindChromium())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
            $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
        }.Concat(extra).Append(mode).Append(new Uri(page).AbsoluteUri))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s.");
        }

        process.ExitCode.Should().Be(0, error.Result);
        return (output.Result, error.Result);
    }

    private void Screenshot(string page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.Delete(path);
        Chromium($"--screenshot={path}", page, "--window-size=1100,2600");
        new FileInfo(path).Length.Should().BeGreaterThan(10_000, "the screenshot shows the report");
    }

    private static List<string> ConsoleMessages(string log) => [.. log.Split('\n').Where(l => ConsolePattern().IsMatch(l))];

    [GeneratedRegex(":CONSOLE[:(]")]
    private static partial Regex ConsolePattern();

    [GeneratedRegex("<svg class=\"chart [a-z]+\"")]
    private static partial Regex ChartPattern();
}
