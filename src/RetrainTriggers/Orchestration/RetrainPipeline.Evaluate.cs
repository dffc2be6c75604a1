using System.Diagnostics;
using System.Globalization;
using RetrainTriggers.Drift;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Orchestration;

/// <summary>Trigger evaluation and the guards: fire key, duplicate cause, cooldown, single flight.</summary>
public sealed partial class RetrainPipeline<TModel>
{
    private async ValueTask<RetrainEvaluation> EvaluateCoreAsync(bool dryRun, bool busy, CancellationToken cancellationToken)
    {
        using var activity = RetrainInstruments.Source.StartActivity("retrain.evaluate");
        activity?.SetTag(RetrainInstruments.PipelineTag, Name);
        var now = time.GetUtcNow();
        if (trigger is null)
        {
            return Remember(new RetrainEvaluation
            {
                PipelineName = Name,
                EvaluatedAt = now,
                Verdict = RetrainVerdict.NotFired,
                Explanation = $"NotFired: pipeline {Name} has no triggers; it runs only by hand.",
            });
        }

        var champion = await ChampionAsync(cancellationToken).ConfigureAwait(false);
        var realState = store.GetTriggerStateStore(Name);
        ITriggerStateStore state = dryRun ? new OverlayTriggerStateStore(realState) : realState;
        var context = new TriggerContext(time, state)
        {
            Metrics = Signals.AsMetricSource(),
            DataVolume = Signals,
            RetrainHistory = Signals,
            Drift = await DriftSourceAsync(champion, cancellationToken).ConfigureAwait(false),
        };
        var result = await TriggerEvaluator.EvaluateAsync(trigger, context, cancellationToken).ConfigureAwait(false);
        var tags = PipelineTags();
        tags.Add(RetrainInstruments.TriggerKindTag, trigger.Kind);
        instruments.Evaluations.Add(1, tags);

        string? fireKey = null;
        DateTimeOffset? until = null;
        RetrainVerdict verdict;
        string why;
        if (!result.Fired)
        {
            await state.RemoveAsync(EpisodeStateKey, cancellationToken).ConfigureAwait(false);
            verdict = RetrainVerdict.NotFired;
            why = $"NotFired: the triggers of pipeline {Name} did not fire ({result.Outcome}).";
        }
        else
        {
            fireKey = await FireKeyAsync(result, state, cancellationToken).ConfigureAwait(false);
            if (busy)
            {
                verdict = RetrainVerdict.SingleFlight;
                why = $"SingleFlight: the triggers fired (fire key {fireKey}), but a run of pipeline {Name} is in progress.";
            }
            else if (await store.GetFireKeyAsync(Name, fireKey, cancellationToken).ConfigureAwait(false) is { } recorded)
            {
                verdict = RetrainVerdict.DuplicateCause;
                why = $"DuplicateCause: the triggers fired for a cause that already started run {recorded.RunId} at {recorded.RecordedAt:O} (fire key {fireKey}).";
            }
            else if (await CooldownUntilAsync(cancellationToken).ConfigureAwait(false) is { } end)
            {
                until = end;
                verdict = RetrainVerdict.SuppressedCooldown;
                why = $"SuppressedCooldown: the triggers fired (fire key {fireKey}), but pipeline {Name} cools down until {end:O}.";
            }
            else
            {
                verdict = RetrainVerdict.Run;
                why = dryRun
                    ? $"Run: the triggers fired (fire key {fireKey}); a run would start now."
                    : $"Run: the triggers fired (fire key {fireKey}); a run starts.";
            }

            if (!dryRun || busy)
            {
                var firing = tags;
                firing.Add(RetrainInstruments.OutcomeTag, OutcomeName(verdict));
                instruments.Firings.Add(1, firing);
            }
        }

        activity?.SetTag("retrain.trigger.outcome", result.Outcome.ToString());
        activity?.SetTag("retrain.verdict", verdict.ToString());
        RetrainLog.Evaluated(logger, Name, result.Outcome, verdict);
        return Remember(new RetrainEvaluation
        {
            PipelineName = Name,
            EvaluatedAt = now,
            Trigger = result,
            Verdict = verdict,
            FireKey = fireKey,
            CooldownUntil = until,
            Explanation = why + "\n" + result.Explain(),
        });
    }

    private static string OutcomeName(RetrainVerdict verdict) => verdict switch
    {
        RetrainVerdict.Run => "fired",
        RetrainVerdict.SuppressedCooldown => "suppressed_cooldown",
        RetrainVerdict.DuplicateCause => "duplicate_cause",
        RetrainVerdict.SingleFlight => "single_flight",
        _ => "not_fired",
    };

    /// <summary>The cause identity the trigger tree reports; <see langword="null"/> when the tree reports none.</summary>
    /// <remarks>Reads <c>TriggerResult.Cause</c> where the trigger layer provides it.</remarks>
    private static string? CauseOf(TriggerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return null;
    }

    /// <summary>
    /// The fire key: pipeline, root path and the cause identity. When the tree reports no cause, the episode is
    /// tracked here: it starts at the first fired evaluation after a non-fired one and lasts while the root fires.
    /// </summary>
    private async ValueTask<string> FireKeyAsync(TriggerResult result, ITriggerStateStore state, CancellationToken cancellationToken)
    {
        var cause = CauseOf(result);
        if (cause is null)
        {
            var episode = await state.GetAsync(EpisodeStateKey, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                episode = "episode@" + result.EvaluatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                await state.SetAsync(EpisodeStateKey, episode, cancellationToken).ConfigureAwait(false);
            }

            cause = episode;
        }
        else
        {
            await state.RemoveAsync(EpisodeStateKey, cancellationToken).ConfigureAwait(false);
        }

        return $"{Name}|{result.Path}|{cause}";
    }

    /// <summary>When the cooldown after the latest run ends, or <see langword="null"/> when the pipeline is not cooling down.</summary>
    /// <remarks>A clock that jumps back keeps the pipeline cooling down: the end is measured from the recorded run, not from now.</remarks>
    private async ValueTask<DateTimeOffset?> CooldownUntilAsync(CancellationToken cancellationToken)
    {
        if (cooldown <= TimeSpan.Zero)
        {
            return null;
        }

        var last = await store.QueryRunsAsync(Name, new RetrainRunQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        if (last.Count == 0)
        {
            return null;
        }

        var run = last[0];
        var end = (run.CompletedAt ?? run.StartedAt) + cooldown;
        return time.GetUtcNow() < end ? end : null;
    }

    /// <summary>The champion in service, when it went into service, and the labeled-row mark of the run that trained it.</summary>
    private async ValueTask<ChampionInfo?> ChampionAsync(CancellationToken cancellationToken)
    {
        var version = await Registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var history = await Registry.GetAliasHistoryAsync(ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        var since = version.RegisteredAt;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Version == version.Version)
            {
                since = history[i].ChangedAt;
                break;
            }
        }

        var run = await store.GetRunAsync(Name, version.RunId, cancellationToken).ConfigureAwait(false);
        return new ChampionInfo(version, since, run?.LabeledRowMark);
    }

    /// <summary>The drift source for this evaluation: the champion's reference profile against the current window, or the recorded drift signals.</summary>
    private async ValueTask<IDriftSignalSource> DriftSourceAsync(ChampionInfo? champion, CancellationToken cancellationToken)
    {
        if (driftWindows is null || champion is null || !champion.Version.HasReferenceProfile)
        {
            return Signals;
        }

        var version = champion.Version.Version;
        lock (driftGate)
        {
            if (driftCache is { } cached && cached.Version == version)
            {
                return cached.Source;
            }
        }

        var profile = await Registry.LoadReferenceProfileAsync(version, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return Signals;
        }

        var source = new MeasuredDriftSource(
            new ProfileDriftSignalSource(new DriftDetector(profile, driftOptions, time), driftWindows),
            instruments,
            PipelineTags());
        lock (driftGate)
        {
            driftCache = (version, source);
        }

        return source;
    }

    /// <summary>Records the dataset drift score of every check in <c>retrain.drift.score</c>.</summary>
    private sealed class MeasuredDriftSource(IDriftSignalSource inner, RetrainInstruments instruments, TagList tags) : IDriftSignalSource
    {
        public async ValueTask<DriftSignal?> GetDriftAsync(string? feature, CancellationToken cancellationToken = default)
        {
            var signal = await inner.GetDriftAsync(feature, cancellationToken).ConfigureAwait(false);
            if (feature is null && signal?.Score is { } score && double.IsFinite(score))
            {
                instruments.DriftScore.Record(score, tags);
            }

            return signal;
        }
    }
}
