using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RetrainTriggers.Tests.Docs;

/// <summary>
/// The pages (README.md, docs/**/*.md), their fenced blocks, and the compiled code regions they quote: every C# block of
/// a page is the body of a <c>// &lt;name&gt;</c> … <c>// &lt;/name&gt;</c> region of a test source, character for
/// character once the region's common indentation is removed, and a block that prints is followed on its page by a
/// <c>```text</c> block that a test compares with what the region printed (<see cref="AssertOutput"/>).
/// </summary>
internal static partial class DocSnippets
{
    private static readonly Lazy<string> Root = new(() => FindRepositoryRoot());
    private static readonly Lazy<(IReadOnlyList<Region> Regions, IReadOnlyList<string> Problems)> ScannedRegions = new(ScanRegions);
    private static readonly Lazy<IReadOnlyList<Block>> ScannedBlocks = new(ScanBlocks);

    /// <summary>The folder that holds RetrainTriggers.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Every named region of every test source under tests/ (bin and obj excluded).</summary>
    public static IReadOnlyList<Region> Regions => ScannedRegions.Value.Regions;

    /// <summary>Unbalanced, misnamed or duplicate region markers, each naming its file and line.</summary>
    public static IReadOnlyList<string> RegionProblems => ScannedRegions.Value.Problems;

    /// <summary>Every fenced block of README.md and docs/**/*.md, in page order.</summary>
    public static IReadOnlyList<Block> Blocks => ScannedBlocks.Value;

    /// <summary>The region named <paramref name="name"/>.</summary>
    public static Region GetRegion(string name) =>
        Regions.SingleOrDefault(r => r.Name == name)
        ?? throw new InvalidOperationException($"No region '// <{name}>' … '// </{name}>' in a test source under tests/.");

    /// <summary>
    /// Checks that every page block quoting region <paramref name="region"/> is followed by a <c>```text</c> block equal to
    /// <paramref name="printed"/>, and that at least one page quotes it.
    /// </summary>
    public static void AssertOutput(string region, string printed)
    {
        var body = GetRegion(region).Body;
        var quoting = Blocks.Where(b => b.Language == "csharp" && b.Content == body).ToList();
        quoting.Should().NotBeEmpty("a page must quote region '{0}'", region);
        foreach (var block in quoting)
        {
            block.Next.Should().NotBeNull("{0} prints, so a ```text block showing its output must follow it", block.Location);
            block.Next!.Language.Should().Be("text", "{0} prints, so the next block ({1}) must be a ```text block showing its output", block.Location, block.Next.Location);
            block.Next.Content.Should().Be(Normalize(printed), "{0} shows what region '{1}' prints", block.Next.Location, region);
        }
    }

    /// <summary>
    /// Redirects <see cref="Console.Out"/> until disposed; the test class must be in the
    /// <see cref="ConsoleOutputCollection"/> so that no other test writes in between.
    /// </summary>
    public static ConsoleCapture CaptureConsole() => new();

    internal static string Normalize(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// What is wrong between <paramref name="blocks"/> and <paramref name="regions"/>: a C# block that is not the body of a
    /// region, a region no page quotes, a printing block not followed by a <c>```text</c> block or whose region no test
    /// checks with <see cref="AssertOutput"/> (<paramref name="isOutputChecked"/> answers that for a region name).
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Block> blocks, IReadOnlyList<Region> regions, Func<string, bool> isOutputChecked)
    {
        var problems = new List<string>();
        var csharp = blocks.Where(b => b.Language == "csharp").ToList();
        foreach (var block in csharp)
        {
            var region = regions.FirstOrDefault(r => r.Body == block.Content);
            if (region is null)
            {
                problems.Add($"{block.Location}: this ```csharp block is not quoted from compiled code; put it between '// <name>' and '// </name>' in a test under tests/ and copy the region here verbatim.{Closest(block, regions)}");
                continue;
            }

            if (!block.Content.Contains("Console.Write", StringComparison.Ordinal))
            {
                continue;
            }

            if (block.Next?.Language != "text")
            {
                problems.Add($"{block.Location}: this block prints, so the next block must be a ```text block showing what it prints.");
            }

            if (!isOutputChecked(region.Name))
            {
                problems.Add($"{block.Location}: this block prints, so a test must call DocSnippets.AssertOutput(\"{region.Name}\", printed) for region {region.Location}.");
            }
        }

        problems.AddRange(regions.Where(r => !csharp.Exists(b => b.Content == r.Body))
            .Select(r => $"{r.Location}: region '{r.Name}' is quoted by no ```csharp block of README.md or docs/ (or the page's copy differs from it)."));
        return problems;
    }

    /// <summary>The named regions of one C# source, and the problems of its markers.</summary>
    public static (List<Region> Regions, List<string> Problems) ParseSource(string file, string text)
    {
        var regions = new List<Region>();
        var problems = new List<string>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var open = new List<(string Name, int Line)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = MarkerPattern().Match(lines[i]);
            if (!marker.Success)
            {
                continue;
            }

            var name = marker.Groups["name"].Value;
            if (!NamePattern().IsMatch(name))
            {
                problems.Add($"{file}:{i + 1}: region name '{name}' must be lower-case letters, digits and '-'.");
                continue;
            }

            if (marker.Groups["close"].Success)
            {
                var index = open.FindLastIndex(o => o.Name == name);
                if (index < 0)
                {
                    problems.Add($"{file}:{i + 1}: '// </{name}>' closes no open region.");
                    continue;
                }

                var begin = open[index].Line;
                open.RemoveAt(index);
                regions.Add(new Region(name, file, begin + 1, Dedent(lines[(begin + 1)..i])));
            }
            else
            {
                open.Add((name, i));
            }
        }

        problems.AddRange(open.Select(o => $"{file}:{o.Line + 1}: region '{o.Name}' is never closed with '// </{o.Name}>'."));
        return (regions, problems);
    }

    /// <summary>The fenced blocks of one Markdown page, each linked to the next.</summary>
    public static List<Block> ParsePage(string page, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = FencePattern().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var indent = fence.Groups["indent"].Value;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            var content = lines[(i + 1)..Math.Min(end, lines.Length)]
                .Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l.TrimStart());
            var block = new Block(page, i + 1, fence.Groups["language"].Value, Normalize(string.Join('\n', content)));
            if (blocks.Count > 0)
            {
                blocks[^1].Next = block;
            }

            blocks.Add(block);
            i = end;
        }

        return blocks;
    }

    private static string Closest(Block block, IReadOnlyList<Region> regions)
    {
        var expected = block.Content.Split('\n');
        var best = regions
            .Select(r => (Region: r, Lines: r.Body.Split('\n')))
            .Select(r => (r.Region, r.Lines, Same: expected.Zip(r.Lines).TakeWhile(p => p.First == p.Second).Count()))
            .Where(r => r.Same > 0)
            .OrderByDescending(r => r.Same)
            .FirstOrDefault();
        if (best.Region is null)
        {
            return string.Empty;
        }

        var line = best.Same;
        var pageLine = line < expected.Length ? expected[line] : "(end of block)";
        var codeLine = line < best.Lines.Length ? best.Lines[line] : "(end of region)";
        return $" Closest: region '{best.Region.Name}' ({best.Region.Location}) differs at block line {line + 1}: the page has \"{pageLine}\", the code has \"{codeLine}\".";
    }

    private static (IReadOnlyList<Region>, IReadOnlyList<string>) ScanRegions()
    {
        var regions = new List<Region>();
        var problems = new List<string>();
        var tests = Path.Combine(RepositoryRoot, "tests");
        var sources = Directory.EnumerateDirectories(tests)
            .Where(project => Directory.EnumerateFiles(project, "*.csproj").Any())
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(Path.GetRelativePath(tests, file)))
            .Order(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var (found, wrong) = ParseSource(Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/'), File.ReadAllText(file));
            regions.AddRange(found);
            problems.AddRange(wrong);
        }

        problems.AddRange(regions.GroupBy(r => r.Name).Where(g => g.Count() > 1)
            .Select(g => $"region '{g.Key}' is defined more than once: {string.Join(", ", g.Select(r => r.Location))}."));
        return (regions, problems);

        static bool IsBuildOutput(string path) =>
            path.Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj");
    }

    private static List<Block> ScanBlocks()
    {
        var pages = new List<string> { Path.Combine(RepositoryRoot, "README.md") };
        pages.AddRange(Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return pages.SelectMany(page => ParsePage(Path.GetRelativePath(RepositoryRoot, page).Replace('\\', '/'), File.ReadAllText(page))).ToList();
    }

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return Normalize(string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())));
    }

    private static string FindRepositoryRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? string.Empty })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RetrainTriggers.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("RetrainTriggers.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*// <(?<close>/)?(?<name>[^<>/\s]+)>\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?<indent> *)```(?<language>[A-Za-z0-9#+-]*)\s*$")]
    private static partial Regex FencePattern();

    /// <summary>A named code region of a test source.</summary>
    internal sealed record Region(string Name, string File, int Line, string Body)
    {
        public string Location => $"{File}:{Line}";

        public override string ToString() => Location;
    }

    /// <summary>A fenced block of a page; <see cref="Next"/> is the page's next fenced block.</summary>
    internal sealed class Block(string page, int line, string language, string content)
    {
        public string Page { get; } = page;

        public int Line { get; } = line;

        public string Language { get; } = language;

        public string Content { get; } = content;

        public Block? Next { get; set; }

        public string Location => $"{Page}:{Line}";

        public override string ToString() => $"```{Language} block at {Location}";
    }
}
