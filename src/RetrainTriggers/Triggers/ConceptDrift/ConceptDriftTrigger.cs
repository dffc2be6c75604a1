using System.Globalization;
using System.Text.Json.Nodes;
using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers;

/// <summary>
/// Feeds the values a host recorded on a named stream to a streaming concept-drift detector and fires on the evaluation
/// whose new values contain a detection; the detector and the stream position live in the trigger state store.
/// </summary>
internal sealed class ConceptDriftTrigger : Trigger
{
    private readonly string stream;
    private readonly IValueStreamSource source;
    private readonly Func<ConceptDriftDetector> create;
    private readonly bool fireOnWarning;

    public ConceptDriftTrigger(ConceptDriftOptions options)
        : base(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.ConceptDrift, (o, path, errors) => o.Validate(path, errors)).Name ?? $"concept-drift({options.Stream})")
    {
        stream = options.Stream;
        source = options.Source!;
        create = options.Detector;
        fireOnWarning = options.FireOnWarning;
    }

    public override string Kind => TriggerKinds.ConceptDrift;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var key = context.Path;
        var saved = await context.StateStore.GetAsync(key, cancellationToken).ConfigureAwait(false);
        long position = 0;
        string? note = null;
        ConceptDriftDetector? detector = null;
        if (saved is not null)
        {
            try
            {
                var o = JsonNode.Parse(saved)!.AsObject();
                position = o["position"]!.GetValue<long>();
                detector = ConceptDriftDetector.LoadState(o["detector"]!.GetValue<string>());
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
            {
                // As every stateful node: an unreadable state restarts from scratch and says so in the reason.
                (position, detector) = (0, null);
                note = $"stored state at '{key}' was unreadable ({e.Message.Split('.')[0]}) and was reset";
            }
        }

        detector ??= create();

        var (first, values) = await source.ReadAsync(stream, position, cancellationToken).ConfigureAwait(false);
        long? driftAt = null;
        long? warningAt = null;
        for (var i = 0; i < values.Count; i++)
        {
            var level = detector.Update(values[i]);
            if (level == ConceptDriftLevel.Drift)
            {
                driftAt ??= first + i;
            }
            else if (level == ConceptDriftLevel.Warning)
            {
                warningAt ??= first + i;
            }
        }

        var next = first + values.Count;
        var state = new JsonObject { ["position"] = next, ["detector"] = detector.SaveState() };
        await context.StateStore.SetAsync(key, state.ToJsonString(), cancellationToken).ConfigureAwait(false);

        var what = $"{detector.Kind} on stream '{stream}'";
        if (next == 0)
        {
            return Result(context, TriggerOutcome.InsufficientData, TriggerStateIO.WithNote(note, $"{what}: no value recorded yet"));
        }

        if (driftAt is { } d)
        {
            return Result(context, TriggerOutcome.Fired, TriggerStateIO.WithNote(note, $"{what} detected a drift at value #{Count(d)}"), observed: d, cause: $"concept-drift@{stream}#{Count(d)}");
        }

        if (fireOnWarning && warningAt is { } w)
        {
            return Result(context, TriggerOutcome.Fired, TriggerStateIO.WithNote(note, $"{what} is in the warning zone since value #{Count(w)}"), observed: w, cause: $"concept-warning@{stream}#{Count(w)}");
        }

        var news = values.Count == 0 ? "no new value" : $"{Count(values.Count)} new value(s)";
        var zone = detector.WarningDetected ? ", in the warning zone" : string.Empty;
        return Result(context, TriggerOutcome.NotFired, TriggerStateIO.WithNote(note, $"{what}: no drift in {news} (up to value #{Count(next - 1)}{zone})"));
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
