using System.Text.RegularExpressions;

namespace RetrainTriggers.Tests.Docs;

/// <summary>
/// Keeps README.md and docs/ from rotting: every ```csharp block is quoted verbatim from a compiled region of a test, and a
/// block that prints shows, in the ```text block that follows it, what a test saw it print.
/// </summary>
public sealed partial class DocSnippetsTests
{
    [Fact]
    public void Regions_Markers_AreBalancedNamedAndUnique()
    {
        DocSnippets.RegionProblems.Should().BeEmpty();
    }

    [Fact]
    public void Pages_EveryCSharpBlock_IsQuotedFromCompiledCodeAndEveryRegionIsQuoted()
    {
        DocSnippets.Blocks.Should().Contain(b => b.Language == "csharp" && b.Page == "README.md", "the scan must find the pages");
        DocSnippets.Regions.Should().NotBeEmpty("the scan must find the test sources");

        DocSnippets.Check(DocSnippets.Blocks, DocSnippets.Regions, OutputCheckedRegions().Contains).Should().BeEmpty();
    }

    [Fact]
    public void Check_BlockNotQuoted_NamesThePageLineAndTheClosestRegion()
    {
        var blocks = DocSnippets.ParsePage("docs/x.md", "# X\n\n```csharp\nvar a = 1;\nvar b = 3;\n```\n");
        var (regions, problems) = DocSnippets.ParseSource("tests/X.cs", "class C\n{\n    // <x-a>\n    var a = 1;\n    var b = 2;\n    // </x-a>\n}\n");

        problems.Should().BeEmpty();
        DocSnippets.Check(blocks, regions, _ => true).Should().HaveCount(2)
            .And.Contain(p => p.StartsWith("docs/x.md:3: this ```csharp block is not quoted", StringComparison.Ordinal)
                && p.Contains("region 'x-a' (tests/X.cs:3) differs at block line 2", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("tests/X.cs:3: region 'x-a' is quoted by no", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RegionIndentedAndQuoted_Passes()
    {
        var blocks = DocSnippets.ParsePage("docs/x.md", "```csharp\nif (a)\n{\n    b();\n}\n```\n");
        var (regions, _) = DocSnippets.ParseSource("tests/X.cs", "        // <x-a>\n        if (a)\n        {\n            b();\n        }\n        // </x-a>\n");

        DocSnippets.Check(blocks, regions, _ => true).Should().BeEmpty();
    }

    [Fact]
    public void Check_PrintingBlockWithoutTextBlockOrTest_IsReported()
    {
        var blocks = DocSnippets.ParsePage("docs/x.md", "```csharp\nConsole.WriteLine(1);\n```\n\n```json\n{}\n```\n");
        var (regions, _) = DocSnippets.ParseSource("tests/X.cs", "// <x-print>\nConsole.WriteLine(1);\n// </x-print>\n");

        DocSnippets.Check(blocks, regions, _ => false).Should().BeEquivalentTo(
            "docs/x.md:1: this block prints, so the next block must be a ```text block showing what it prints.",
            "docs/x.md:1: this block prints, so a test must call DocSnippets.AssertOutput(\"x-print\", printed) for region tests/X.cs:1.");
    }

    [Fact]
    public void ParseSource_BadMarkers_AreReportedWithFileAndLine()
    {
        var (regions, problems) = DocSnippets.ParseSource("tests/X.cs", "// <open-only>\n// </never-opened>\n// <Bad_Name>\n");

        regions.Should().BeEmpty();
        problems.Should().BeEquivalentTo(
            "tests/X.cs:2: '// </never-opened>' closes no open region.",
            "tests/X.cs:3: region name 'Bad_Name' must be lower-case letters, digits and '-'.",
            "tests/X.cs:1: region 'open-only' is never closed with '// </open-only>'.");
    }

    [Fact]
    public void ParsePage_TextBlockAfterCode_IsItsNextBlock()
    {
        var blocks = DocSnippets.ParsePage("README.md", "```csharp\nx();\n```\n\nprints\n\n```text\nhello  \n\n```\n");

        blocks.Should().HaveCount(2);
        blocks[0].Next.Should().BeSameAs(blocks[1]);
        blocks[1].Language.Should().Be("text");
        blocks[1].Content.Should().Be("hello\n");
    }

    private static HashSet<string> OutputCheckedRegions()
    {
        var tests = Path.Combine(DocSnippets.RepositoryRoot, "tests");
        return Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => AssertOutputCall().Matches(File.ReadAllText(file)))
            .Select(match => match.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("""DocSnippets\.AssertOutput\(\s*"(?<name>[^"]+)"\s*,""")]
    private static partial Regex AssertOutputCall();
}
