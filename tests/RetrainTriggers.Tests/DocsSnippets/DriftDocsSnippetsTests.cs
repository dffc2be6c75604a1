using System.Text.RegularExpressions;
using RetrainTriggers.Drift.Streaming;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.DocsSnippets;

// docs/drift.md quotes the regions between the <...> markers verbatim; the tests run them and check the page still
// contains them character for character.
public class DriftDocsSnippetsTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public void TwoSampleTests_Snippet_RunsAndGivesScipysNumbers()
    {
        // <two-sample-tests>
        double[] reference = [0.61, 1.32, 0.18, 0.95, 1.04, 0.42, 0.77, 1.21, 0.33, 0.88];
        double[] current = [1.12, 1.85, 0.97, 1.64, 1.30, 2.02, 1.41, 0.89, 1.77, 1.56];

        MannWhitneyResult u = MannWhitney.Test(reference, current);          // scipy mannwhitneyu, method auto
        TTestResult welch = TTest.Welch(reference, current);                  // scipy ttest_ind(equal_var=False)
        AndersonDarlingResult ad = AndersonDarling.KSample([reference, current]);
        KuiperResult v = Kuiper.TwoSample(reference, current);
        FisherExactResult fisher = FisherExact.Test(8, 2, 1, 5);             // [[8, 2], [1, 5]]

        bool shifted = u.PValue < 0.05 && welch.PValue < 0.05;               // both see the shift
        bool bounded = ad.PValueStatus != AndersonDarlingPValueStatus.Interpolated; // p is only a bound then
        // </two-sample-tests>

        u.Method.Should().Be(MannWhitneyMethod.Asymptotic);
        u.Statistic.Should().Be(10, "10 of the 100 (reference, current) pairs have the reference value larger");
        welch.Statistic.Should().BeNegative();
        shifted.Should().BeTrue();
        bounded.Should().Be(ad.SignificanceLevel is 0.25 or 0.001);
        v.Statistic.Should().Be(v.DPlus + v.DMinus);
        fisher.PValue.Should().BeApproximately(0.034965034965034975, 1e-12, "scipy's value for this table (fisher_exact.json)");
        DocsShouldQuote("two-sample-tests");
    }

    [Fact]
    public void MultipleTesting_Snippet_RunsAndMatchesStatsmodels()
    {
        // <multiple-testing>
        double[] p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];
        MultipleTestingResult holm = MultipleTesting.Correct(p, MultipleTestingMethod.Holm, alpha: 0.05);
        MultipleTestingResult bky = MultipleTesting.Correct(p, MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli, alpha: 0.05);

        // holm.CorrectedPValues: 0.008, 0.056, 0.234, ... (running max of (m - i + 1) * p(i)); holm.Reject: only the first.
        // bky.Reject: the first two (two-stage: BH at alpha / (1 + alpha) estimates m0 = 6, then BH at alpha' * 8 / 6).
        // </multiple-testing>

        holm.CorrectedPValues[0].Should().BeApproximately(0.008, 1e-15);
        holm.CorrectedPValues[1].Should().BeApproximately(0.056, 1e-15);
        holm.CorrectedPValues[2].Should().BeApproximately(0.234, 1e-15);
        holm.Reject.Should().Equal(true, false, false, false, false, false, false, false);
        bky.Reject.Take(3).Should().Equal(true, true, false);
        DocsShouldQuote("multiple-testing");
    }

    [Fact]
    public void ConceptDrift_Snippet_DetectsTheRiseAndSurvivesARestart()
    {
        var random = new Random(7);
        var errors = Enumerable.Range(0, 2000).Select(i => random.NextDouble() < (i < 1000 ? 0.1 : 0.4)).ToArray();
        int? detectedAt = null;

        // <concept-drift>
        var detector = new Adwin(delta: 0.002);                         // River's defaults
        for (var i = 0; i < errors.Length; i++)
        {
            if (detector.Update(errors[i] ? 1 : 0) == ConceptDriftLevel.Drift)
            {
                detectedAt ??= i;                                          // first detection
            }
        }

        string saved = detector.SaveState();                             // JSON: parameters + window
        var restored = ConceptDriftDetector.LoadState(saved);            // continues exactly where it left off
        // </concept-drift>

        detectedAt.Should().BeInRange(1000, 1300);
        restored.Should().BeOfType<Adwin>().Which.Width.Should().Be(detector.Width);
        DocsShouldQuote("concept-drift");
    }

    private static void DocsShouldQuote(string region)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "drift.md")).ReplaceLineEndings("\n");
        page.Should().Contain("```csharp\n" + Region(region) + "\n```", "docs/drift.md quotes the {0} snippet verbatim", region);
    }

    private static string Region(string name)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "RetrainTriggers.Tests", "DocsSnippets", "DriftDocsSnippetsTests.cs"))
            .ReplaceLineEndings("\n");
        var match = Regex.Match(source, $"\n(?<indent> *)// <{name}>\n(?<body>.*?)\n *// </{name}>", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the region {0} must exist", name);
        var indent = match.Groups["indent"].Value.Length;
        var lines = match.Groups["body"].Value.Split('\n').Select(line => line.Length >= indent ? line[indent..] : line.TrimStart());
        return string.Join('\n', lines);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RetrainTriggers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RetrainTriggers.sln not found above " + AppContext.BaseDirectory);
    }
}
