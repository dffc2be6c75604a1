namespace RetrainTriggers.Cli;

/// <summary>Where the tool writes and what it knows about the terminal, so tests can run commands in process.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal, bool NoColor)
{
    public static CliConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Gets whether output to standard output may be coloured: only on a terminal, and never when NO_COLOR is set.</summary>
    public bool ColourOut => OutIsTerminal && !NoColor;

    /// <summary>Gets whether progress may be shown: only when standard error is a terminal.</summary>
    public bool ShowProgress => ErrorIsTerminal;
}
