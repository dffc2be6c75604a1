using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Telemetry;

namespace RetrainTriggers.Orchestration;

/// <summary>The retrain loop of one named model: evaluates its triggers, and when they fire runs validate → train → evaluate → decide → register → promote under single flight, cooldown, retry, timeout and an idempotent fire key, recording every step.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
/// <remarks>
/// <para>
/// Create one per model from <see cref="RetrainPipelineOptions{TModel}"/>; the options are validated in the constructor and
/// every problem is listed in one exception. A pipeline is safe for concurrent use: concurrent calls collapse into one run
/// (single flight, also across processes through the store's lease).
/// </para>
/// <para>
/// The loop's memory is the store and the registry, never the process: after a restart the pipeline continues where the
/// last one stopped, marks a run cut off by a crash <see cref="RetrainRunState.Interrupted"/>, and never trains twice for
/// one cause.
/// </para>
/// </remarks>
public sealed partial class RetrainPipeline<TModel> : IDisposable
{
    private const string EpisodeStateKey = "/retrain-episode";

    private readonly ITrigger? trigger;
    private readonly IModelTrainer<TModel> trainer;
    private readonly IModelEvaluator<TModel> evaluator;
    private readonly PromotionPolicy policy;
    private readonly IRetrainStore store;
    private readonly IDataValidator[] validators;
    private readonly ITrainingDataInspector? inspector;
    private readonly IRetrainNotifier[] notifiers;
    private readonly IDriftWindowSource? driftWindows;
    private readonly DriftDetectorOptions? driftOptions;
    private readonly TimeSpan? trainingWindow;
    private readonly TimeSpan cooldown;
    private readonly TimeSpan trainingTimeout;
    private readonly int maxTrainingAttempts;
    private readonly TimeSpan retryDelay;
    private readonly TimeSpan maxRetryDelay;
    private readonly RetrainCollisionPolicy collisionPolicy;
    private readonly TimeSpan leaseDuration;
    private readonly PostPromotionWatchOptions? watch;
    private readonly string[] watchMetrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly RetrainInstruments instruments;
    private readonly string owner;
    private readonly SemaphoreSlim flight = new(1, 1);
    private readonly object driftGate = new();
    private int queued;
    private int running;
    private RetrainEvaluation? lastEvaluation;
    private (int Version, IDriftSignalSource Source)? driftCache;

    /// <summary>Creates a pipeline.</summary>
    /// <param name="options">The pipeline's parts and guards; read once, later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem by option name.</exception>
    public RetrainPipeline(RetrainPipelineOptions<TModel> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RetrainPipelineOptionsValidator.ThrowIfInvalid(options, nameof(options));
        Name = options.Name;
        trigger = options.Trigger;
        trainer = options.Trainer!;
        evaluator = options.Evaluator!;
        policy = options.Policy!;
        Registry = options.Registry!;
        store = options.Store!;
        validators = [.. options.Validators];
        inspector = options.DataInspector;
        driftWindows = options.DriftWindows;
        driftOptions = options.DriftDetector;
        trainingWindow = options.TrainingWindow;
        cooldown = options.Cooldown;
        trainingTimeout = options.TrainingTimeout;
        maxTrainingAttempts = options.MaxTrainingAttempts;
        retryDelay = options.RetryDelay;
        maxRetryDelay = options.MaxRetryDelay;
        collisionPolicy = options.CollisionPolicy;
        leaseDuration = options.LeaseDuration;
        watch = options.Watch;
        watchMetrics = watch is null ? [] : [.. watch.Metrics];
        time = options.TimeProvider;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger("RetrainTriggers.Orchestration.RetrainPipeline");
        notifiers = options.Notifiers.Count > 0
            ? [.. options.Notifiers]
            : [new LoggingRetrainNotifier(loggerFactory.CreateLogger<LoggingRetrainNotifier>())];
        instruments = new RetrainInstruments(options.MeterFactory);
        owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        Signals = new PipelineSignals(Name, store, ChampionAsync, time);
    }

    /// <summary>Gets the pipeline name.</summary>
    public string Name { get; }

    /// <summary>Gets the pipeline's durable signals: record metrics, labeled rows and drift here.</summary>
    public PipelineSignals Signals { get; }

    /// <summary>Gets the pipeline's model registry.</summary>
    public IModelRegistry<TModel> Registry { get; }

    /// <summary>Gets the most recent evaluation made by this instance, or <see langword="null"/> before the first (for health checks).</summary>
    public RetrainEvaluation? LastEvaluation => Volatile.Read(ref lastEvaluation);

    /// <summary>Gets a value indicating whether this instance is running a retrain now.</summary>
    public bool IsRunning => Volatile.Read(ref running) != 0;

    /// <summary>Gets or sets the source of jitter in [0, 1) for retry back-off; tests replace it.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>Evaluates the triggers and the guards without side effects (no trigger state, fire key or run is written): the dry run.</summary>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>What would happen now, with the explanation.</returns>
    public ValueTask<RetrainEvaluation> EvaluateAsync(CancellationToken cancellationToken = default) =>
        EvaluateCoreAsync(dryRun: true, IsRunning, cancellationToken);

    /// <summary>Checks the post-promotion watch, evaluates the triggers, and when they fire and the guards allow, runs the retrain to its end.</summary>
    /// <param name="cancellationToken">Cancels the evaluation and the run; a cancelled run is recorded <see cref="RetrainRunState.Cancelled"/>.</param>
    /// <returns>The evaluation, with the run when one was started.</returns>
    public async ValueTask<RetrainEvaluation> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (!await EnterFlightAsync(cancellationToken).ConfigureAwait(false))
        {
            return await EvaluateCoreAsync(dryRun: true, busy: true, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var lease = await store.TryAcquireLeaseAsync(Name, owner, leaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return await EvaluateCoreAsync(dryRun: true, busy: true, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await RecoverCoreAsync(lease, cancellationToken).ConfigureAwait(false);
                await CheckWatchCoreAsync(lease, cancellationToken).ConfigureAwait(false);
                var evaluation = await EvaluateCoreAsync(dryRun: false, busy: false, cancellationToken).ConfigureAwait(false);
                if (evaluation.Verdict != RetrainVerdict.Run)
                {
                    return evaluation;
                }

                var run = await ExecuteRunAsync(lease, isManual: false, FiredReason(evaluation.Trigger!), evaluation.FireKey, evaluation.Trigger, cancellationToken)
                    .ConfigureAwait(false);
                return Remember(evaluation with { Run = run });
            }
            finally
            {
                await store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            flight.Release();
        }
    }

    /// <summary>Starts a retrain by hand, under the same guards as a trigger-fired one (single flight and, unless bypassed, cooldown); audited in the run history with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why; kept in the run and the registry.</param>
    /// <param name="bypassCooldown">Whether to run even while the pipeline is cooling down.</param>
    /// <param name="cancellationToken">Cancels the run; it is recorded <see cref="RetrainRunState.Cancelled"/>.</param>
    /// <returns>The evaluation of the request, with the run when one was started.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public async ValueTask<RetrainEvaluation> RetrainNowAsync(string reason, bool bypassCooldown = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!await EnterFlightAsync(cancellationToken).ConfigureAwait(false))
        {
            return Manual(RetrainVerdict.SingleFlight, $"SingleFlight: a run of pipeline {Name} is in progress; the manual request '{reason}' was dropped.");
        }

        try
        {
            var lease = await store.TryAcquireLeaseAsync(Name, owner, leaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return Manual(RetrainVerdict.SingleFlight, $"SingleFlight: another instance holds the lease of pipeline {Name}; the manual request '{reason}' was dropped.");
            }

            try
            {
                await RecoverCoreAsync(lease, cancellationToken).ConfigureAwait(false);
                if (!bypassCooldown && await CooldownUntilAsync(cancellationToken).ConfigureAwait(false) is { } until)
                {
                    return Manual(RetrainVerdict.SuppressedCooldown, $"SuppressedCooldown: pipeline {Name} cools down until {until:O}; the manual request '{reason}' was not run.", until);
                }

                var run = await ExecuteRunAsync(lease, isManual: true, reason, fireKey: null, trigger: null, cancellationToken).ConfigureAwait(false);
                return Remember(Manual(RetrainVerdict.Run, $"Run: started by hand: {reason}") with { Run = run });
            }
            finally
            {
                await store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            flight.Release();
        }
    }

    /// <summary>Checks the post-promotion watch now: rolls back when the new champion's live metrics are worse than the previous champion's baseline by more than the margin.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The rolled-back run, or <see langword="null"/> when nothing was rolled back (also when a run holds the pipeline).</returns>
    public ValueTask<RetrainRun?> CheckWatchAsync(CancellationToken cancellationToken = default) =>
        UnderLeaseAsync(CheckWatchCoreAsync, null, cancellationToken);

    /// <summary>Marks the runs left <see cref="RetrainRunState.Running"/> by a dead process <see cref="RetrainRunState.Interrupted"/> (also done before every run).</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>The runs that were closed, or an empty list (also when a run holds the pipeline).</returns>
    public ValueTask<IReadOnlyList<RetrainRun>> RecoverAsync(CancellationToken cancellationToken = default) =>
        UnderLeaseAsync(RecoverCoreAsync, [], cancellationToken);

    /// <summary>Gets runs from the pipeline's history, newest first.</summary>
    /// <param name="query">The filters and limit, or <see langword="null"/> for the last 50 runs.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runs.</returns>
    public ValueTask<IReadOnlyList<RetrainRun>> GetRunsAsync(RetrainRunQuery? query = null, CancellationToken cancellationToken = default) =>
        store.QueryRunsAsync(Name, query ?? new RetrainRunQuery(), cancellationToken);

    /// <summary>Releases the pipeline's meter (when it created its own); runs in progress are not stopped — cancel them through their token.</summary>
    public void Dispose()
    {
        instruments.Dispose();
        flight.Dispose();
    }

    private static string FiredReason(TriggerResult result) =>
        string.IsNullOrWhiteSpace(result.Reason) ? $"trigger {result.Path} fired" : $"{result.Path}: {result.Reason}";

    private async ValueTask<bool> EnterFlightAsync(CancellationToken cancellationToken)
    {
        if (await flight.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (collisionPolicy != RetrainCollisionPolicy.QueueOne || Interlocked.CompareExchange(ref queued, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            Volatile.Write(ref queued, 0);
        }
    }

    private async ValueTask<T> UnderLeaseAsync<T>(Func<RetrainLease, CancellationToken, ValueTask<T>> action, T whenBusy, CancellationToken cancellationToken)
    {
        if (!await flight.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return whenBusy;
        }

        try
        {
            var lease = await store.TryAcquireLeaseAsync(Name, owner, leaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return whenBusy;
            }

            try
            {
                return await action(lease, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            flight.Release();
        }
    }

    private RetrainEvaluation Manual(RetrainVerdict verdict, string explanation, DateTimeOffset? cooldownUntil = null) => new()
    {
        PipelineName = Name,
        EvaluatedAt = time.GetUtcNow(),
        Verdict = verdict,
        CooldownUntil = cooldownUntil,
        Explanation = explanation,
    };

    private RetrainEvaluation Remember(RetrainEvaluation evaluation)
    {
        Volatile.Write(ref lastEvaluation, evaluation);
        return evaluation;
    }

    private TagList PipelineTags()
    {
        var tags = default(TagList);
        tags.Add(RetrainInstruments.PipelineTag, Name);
        return tags;
    }
}
