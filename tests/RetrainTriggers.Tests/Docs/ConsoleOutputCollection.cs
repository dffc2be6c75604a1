namespace RetrainTriggers.Tests.Docs;

/// <summary>
/// Test classes whose snippets print to <see cref="Console.Out"/> (captured with <see cref="DocSnippets.CaptureConsole"/>)
/// join this collection: it runs alone, so no other test writes in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutputCollection
{
    public const string Name = "Console output";
}
