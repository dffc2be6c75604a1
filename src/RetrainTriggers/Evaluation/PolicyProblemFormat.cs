using System.Text;

namespace RetrainTriggers.Evaluation;

/// <summary>One problem of one rule: the builder parameter it is about (<see langword="null"/> for the rule as a whole) and what is wrong with it.</summary>
/// <param name="Parameter">The parameter, as the builder method names it (<c>margin</c>); in configuration it is the key <c>Margin</c>.</param>
/// <param name="Text">What is wrong, without the parameter (<c>must be in (0, 1) (was 2)</c>); other parameters are named as <c>{lowerBound}</c>.</param>
internal readonly record struct RuleProblem(string? Parameter, string Text);

/// <summary>Words the problems of a <see cref="PromotionPolicyBuilder"/> for where the policy came from, so each names what its author wrote.</summary>
/// <remarks>
/// In code a problem names the rule's position and the method's parameter (<c>Rule 2 McNemar: alpha must be in (0, 1) (was 2).</c>);
/// in configuration it names the configuration path of the setting, like every other configuration error of the library
/// (<c>Promotion:Rules:1:Alpha must be in (0, 1) (was 2)</c>).
/// </remarks>
internal abstract class PolicyProblemFormat
{
    /// <summary>Gets the format of policies built in code.</summary>
    public static PolicyProblemFormat Code { get; } = new CodeFormat();

    /// <summary>The format of a policy read from the section at <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path of the policy section.</param>
    /// <param name="rulePaths">The configuration path of each rule given to the builder, in order; <see langword="null"/> for a rule
    /// whose settings did not parse, whose problems would only repeat the parse errors already reported.</param>
    public static PolicyProblemFormat Configuration(string path, IReadOnlyList<string?> rulePaths) => new ConfigurationFormat(path, rulePaths);

    /// <summary>Words a problem of the rule at <paramref name="index"/>, or returns <see langword="null"/> when it is not to be reported.</summary>
    public abstract string? Rule(int index, string label, RuleProblem problem);

    /// <summary>Words the problem of a rule whose metric has no known direction, or returns <see langword="null"/> when it is not to be reported.</summary>
    public abstract string? UnknownDirection(int index, string label, string metric);

    /// <summary>Words a problem of a metric declaration (<paramref name="metric"/> is <see langword="null"/> when the name is blank).</summary>
    public abstract string Declaration(string? metric, string text);

    /// <summary>Replaces every <c>{parameter}</c> in <paramref name="text"/> with <paramref name="name"/>'s spelling of it.</summary>
    private static string Render(string text, Func<string, string> name)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var rendered = new StringBuilder(text.Length);
        int at = 0;
        while (text.IndexOf('{', at) is var open and >= 0 && text.IndexOf('}', open) is var close and >= 0)
        {
            rendered.Append(text, at, open - at).Append(name(text[(open + 1)..close]));
            at = close + 1;
        }

        return rendered.Append(text, at, text.Length - at).ToString();
    }

    private static string Key(string parameter) => string.Concat(parameter[..1].ToUpperInvariant(), parameter.AsSpan(1));

    private sealed class CodeFormat : PolicyProblemFormat
    {
        public override string Rule(int index, string label, RuleProblem problem) =>
            problem.Parameter is null
                ? $"{Position(index)} {label}: {Render(problem.Text, static p => p)}."
                : $"{Position(index)} {label}: {problem.Parameter} {Render(problem.Text, static p => p)}.";

        public override string UnknownDirection(int index, string label, string metric) =>
            $"{Position(index)} {label}: metric '{metric}' has no declared direction; declare it with Metric(\"{metric}\", MetricDirection...) or use a catalog that knows it.";

        public override string Declaration(string? metric, string text) => $"Metric({metric ?? "..."}): {text}.";

        private static string Position(int index) => "Rule " + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class ConfigurationFormat(string path, IReadOnlyList<string?> rulePaths) : PolicyProblemFormat
    {
        public override string? Rule(int index, string label, RuleProblem problem) =>
            rulePaths[index] is not { } rule ? null
            : problem.Parameter is null ? $"{rule} {Render(problem.Text, Key)}"
            : $"{rule}:{Key(problem.Parameter)} {Render(problem.Text, Key)}";

        public override string? UnknownDirection(int index, string label, string metric) =>
            rulePaths[index] is not { } rule
                ? null
                : $"{rule}:Metric '{metric}' has no declared direction; declare it under {path}:Metrics (HigherIsBetter or LowerIsBetter) or use a catalog that knows it";

        public override string Declaration(string? metric, string text) => $"{path}:Metrics:{metric} {text}";
    }
}
