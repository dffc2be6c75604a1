using System.Runtime.CompilerServices;

namespace RetrainTriggers.MLNet.Tests.TestSupport;

/// <summary>Finds docs/evaluation.md, so tests can check the page lists what the code has.</summary>
internal static class DocsFile
{
    public static string EvaluationPage([CallerFilePath] string thisFile = "")
    {
        var directory = new FileInfo(thisFile).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RetrainTriggers.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllText(Path.Combine(directory!.FullName, "docs", "evaluation.md"));
    }
}
