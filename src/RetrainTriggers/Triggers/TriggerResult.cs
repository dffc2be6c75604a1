using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetrainTriggers;

/// <summary>The explainable answer of one trigger node: outcome, what was observed against which threshold, why, and the children's answers.</summary>
public sealed class TriggerResult
{
    /// <summary>The default largest document <see cref="FromJson"/> accepts: 64 MiB, as for profiles (<see cref="Drift.DatasetProfile.DefaultMaxDocumentBytes"/>).</summary>
    public const long DefaultMaxDocumentBytes = Drift.DatasetProfile.DefaultMaxDocumentBytes;

    /// <summary>Gets the trigger's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the trigger's kind (<c>Threshold</c>, <c>Any</c>…).</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the outcome.</summary>
    public required TriggerOutcome Outcome { get; init; }

    /// <summary>Gets the node's path in its tree (names joined by <c>/</c>).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Gets the observed value the decision was made on, when there is one.</summary>
    public double? ObservedValue { get; init; }

    /// <summary>Gets the threshold the observed value was compared with, when there is one.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets a one-line reason, e.g. <c>accuracy 0.82 &lt; 0.85</c>.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Gets a stable identity of why the node fired, or <see langword="null"/> when it did not fire or its kind has none.</summary>
    /// <remarks>
    /// The same for every evaluation of one episode and different for the next, so a host can fire once per episode:
    /// <c>schedule@2026-03-01T02:00:00Z</c> (the occurrence), <c>breach@…</c> (when a threshold, hysteresis or drift
    /// breach began; it ends when the signal recovers), <c>volume@…|rows=…</c> (the retrain growth is measured from).
    /// Sustained and Cooldown pass their child's cause; Any, All and AtLeast join their fired children's
    /// <c>path=cause</c> with <c>;</c>; Not and predicates have none.
    /// </remarks>
    public string? Cause { get; init; }

    /// <summary>Gets when the result was computed.</summary>
    public DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Gets the results of the child triggers, in declaration order.</summary>
    public IReadOnlyList<TriggerResult> Children { get; init; } = [];

    /// <summary>Gets a value indicating whether the outcome is <see cref="TriggerOutcome.Fired"/>.</summary>
    [JsonIgnore]
    public bool Fired => Outcome == TriggerOutcome.Fired;

    /// <summary>Reads a result written by <see cref="ToJson"/>; the size is checked before the document is parsed.</summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="maxDocumentBytes">The largest document accepted, in UTF-8 bytes; <see cref="DefaultMaxDocumentBytes"/> by default.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is empty or not a trigger result.</exception>
    /// <exception cref="InvalidDataException">The document is larger than <paramref name="maxDocumentBytes"/>; the message names the limit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDocumentBytes"/> is not positive.</exception>
    public static TriggerResult FromJson(string json, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Drift.DocumentLimit.ThrowIfTooLarge(json, maxDocumentBytes, "trigger result");
        try
        {
            return JsonSerializer.Deserialize(json, TriggerJsonContext.Default.TriggerResult)
                ?? throw new ArgumentException("The JSON document is null, not a trigger result.", nameof(json));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The JSON document is not a trigger result: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>Writes this result (and its children) as compact JSON through the source-generated <see cref="TriggerJsonContext"/>.</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, TriggerJsonContext.Default.TriggerResult);

    /// <summary>Explains the whole tree, one node per line, children indented under their parent; a cause shows on the node it starts at.</summary>
    /// <returns>Lines like <c>[Fired] any(a,b) (Any): any of 2: accuracy 0.8 &lt; 0.85</c>.</returns>
    public string Explain()
    {
        var builder = new StringBuilder();
        Append(this, 0, builder);
        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Describes this node on one line: outcome, name, kind, reason and, when set, the cause.</summary>
    /// <returns>The line; see <see cref="Explain"/> for the whole tree.</returns>
    public override string ToString() => Line(Cause is not null);

    private string Line(bool withCause) => withCause
        ? string.Create(CultureInfo.InvariantCulture, $"[{Outcome}] {Name} ({Kind}): {Reason} [cause {Cause}]")
        : string.Create(CultureInfo.InvariantCulture, $"[{Outcome}] {Name} ({Kind}): {Reason}");

    /// <summary>Copies this result with <paramref name="cause"/>, which is kept only when the node fired.</summary>
    internal TriggerResult WithCause(string? cause) => new()
    {
        Name = Name,
        Kind = Kind,
        Outcome = Outcome,
        Path = Path,
        ObservedValue = ObservedValue,
        Threshold = Threshold,
        Reason = Reason,
        EvaluatedAt = EvaluatedAt,
        Children = Children,
        Cause = Fired ? cause : null,
    };

    private static void Append(TriggerResult node, int depth, StringBuilder builder)
    {
        // A cause built from the children's (Any, Sustained…) would repeat the lines below it, so it shows where it starts.
        var ownCause = node.Cause is not null && !node.Children.Any(child => child.Cause is not null);
        builder.Append(' ', depth * 2).Append(node.Line(ownCause)).Append('\n');
        foreach (var child in node.Children)
        {
            Append(child, depth + 1, builder);
        }
    }
}
