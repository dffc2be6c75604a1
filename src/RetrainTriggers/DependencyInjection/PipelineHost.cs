using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.DependencyInjection;

/// <summary>Builds one registered pipeline from its definition, its configuration section and the container, once; the pipeline that was validated at start is the one served.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
internal sealed class PipelineHost<TModel> : IPipelineHost, IDisposable
{
    private readonly PipelineDefinition<TModel> definition;
    private readonly IServiceProvider services;
    private TimeSpan interval = PipelineSettings.DefaultInterval;
    private readonly Lazy<(RetrainPipeline<TModel>? Pipeline, IReadOnlyList<string> Problems)> built;
    private long failedTicks;
    private Exception? lastTickError;

    public PipelineHost(PipelineDefinition<TModel> definition, IServiceProvider services)
    {
        this.definition = definition;
        this.services = services;
        built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
        Prefix = definition.ConfigurationPath ?? $"RetrainTriggers:Pipelines:{definition.Name}";
    }

    public string Name => definition.Name;

    /// <summary>Gets the configuration path that prefixes every message about this pipeline.</summary>
    public string Prefix { get; }

    /// <summary>Gets the interval of the hosted loop; reading it builds the pipeline, which reads the configured interval.</summary>
    public TimeSpan Interval
    {
        get
        {
            _ = built.Value;
            return interval;
        }
    }

    public IReadOnlyList<string> Problems => built.Value.Problems;

    public RetrainEvaluation? LastEvaluation => built.Value.Pipeline?.LastEvaluation;

    public long FailedTicks => Interlocked.Read(ref failedTicks);

    public Exception? LastTickError => Volatile.Read(ref lastTickError);

    /// <summary>Gets the pipeline; throws listing every problem when it could not be built.</summary>
    public RetrainPipeline<TModel> Pipeline => built.Value.Pipeline ?? throw new InvalidOperationException(
        $"Retrain pipeline '{Name}' is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", built.Value.Problems)}");

    public ValueTask<RetrainEvaluation> RunOnceAsync(CancellationToken cancellationToken) => Pipeline.RunOnceAsync(cancellationToken);

    public void RecordTick(Exception? error)
    {
        if (error is not null)
        {
            Interlocked.Increment(ref failedTicks);
        }

        Volatile.Write(ref lastTickError, error);
    }

    public async ValueTask<RetrainRun?> GetLastRunAsync(CancellationToken cancellationToken)
    {
        var runs = await Pipeline.GetRunsAsync(new RetrainRunQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return runs.Count > 0 ? runs[0] : null;
    }

    public ValueTask<ModelVersion?> GetChampionAsync(CancellationToken cancellationToken) =>
        Pipeline.Registry.GetByAliasAsync(ModelAliases.Champion, cancellationToken);

    public void Dispose()
    {
        if (built.IsValueCreated)
        {
            built.Value.Pipeline?.Dispose();
        }
    }

    private (RetrainPipeline<TModel>?, IReadOnlyList<string>) Build()
    {
        var problems = new List<string>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var settings = new PipelineSettings();
        var configuration = services.GetService<IConfiguration>();
        if (configuration is not null)
        {
            var reader = new PipelineConfigurationReader();
            reader.Read(configuration.GetSection(Prefix), settings, definition.Catalog);
            problems.AddRange(reader.Errors);
        }

        interval = definition.Interval ?? settings.Interval ?? PipelineSettings.DefaultInterval;
        if (interval <= TimeSpan.Zero || interval > RetrainPipelineOptionsValidator.MaxTimerDuration)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}:Interval must be positive and at most 49 days (was {interval})"));
        }

        var options = new RetrainPipelineOptions<TModel> { Name = Name, TimeProvider = time };
        options.Trigger = Choose(problems, "Triggers", "WithTriggers(...)", definition.Trigger, settings.ConfiguredTrigger);
        options.Policy = Choose(problems, "Promotion", "UsePromotionPolicy(...)", definition.Policy, settings.ConfiguredPolicy);
        options.Trainer = Resolve(problems, "Trainer", "UseTrainer<T>()", definition.Trainer);
        options.Evaluator = Resolve(problems, "Evaluator", "UseEvaluator<T>()", definition.Evaluator);
        options.Registry = Resolve(problems, "Registry", "UseRegistry<T>()", definition.Registry);
        options.Store = ResolveStore(problems, settings, time);
        options.DataInspector = Resolve(problems, "DataInspector", "UseDataInspector(...)", definition.DataInspector, required: false);
        options.DriftWindows = Resolve(problems, "DriftWindows", "UseDriftWindows(...)", definition.DriftWindows, required: false);
        foreach (var validator in definition.Validators)
        {
            options.Validators.Add(validator(services));
        }

        foreach (var notifier in services.GetServices<IRetrainNotifier>().Concat(definition.Notifiers.Select(n => n(services))))
        {
            options.Notifiers.Add(notifier);
        }

        Apply(settings, options);
        options.LoggerFactory = services.GetService<ILoggerFactory>();
        options.MeterFactory = services.GetService<IMeterFactory>();
        foreach (var configure in definition.Configure)
        {
            configure(options);
        }

        CheckMetricNames(problems, settings);
        foreach (var problem in RetrainPipelineOptionsValidator.Problems(options))
        {
            if (problem == "Policy is required")
            {
                // A Promotion section whose rules failed to read has been reported rule by rule already.
                if (problems.Any(p => p.StartsWith(Prefix + ":Promotion:", StringComparison.Ordinal)))
                {
                    continue;
                }

                problems.Add($"{Prefix}:Promotion is not configured; configure the Promotion rules or call UsePromotionPolicy(...) on the pipeline");
            }
            else if (!AlreadyReported.Any(key => problem == key + " is required"))
            {
                problems.Add($"{Prefix}:{OptionPath(problem)}");
            }
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        try
        {
            return (new RetrainPipeline<TModel>(options), problems);
        }
        catch (ArgumentException ex)
        {
            return (null, [$"{Prefix}: {ex.Message}"]);
        }
    }

    /// <summary>The parts whose absence <see cref="Resolve"/> reports with a hint, so the orchestrator's plain "is required" is not repeated.</summary>
    private static readonly string[] AlreadyReported = ["Trainer", "Evaluator", "Registry", "Store"];

    private static string TypeName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>" : type.Name;

    private static void Apply(PipelineSettings settings, RetrainPipelineOptions<TModel> options)
    {
        options.Cooldown = settings.Cooldown ?? options.Cooldown;
        options.TrainingTimeout = settings.TrainingTimeout ?? options.TrainingTimeout;
        options.MaxTrainingAttempts = settings.MaxTrainingAttempts ?? options.MaxTrainingAttempts;
        options.RetryDelay = settings.RetryDelay ?? options.RetryDelay;
        options.MaxRetryDelay = settings.MaxRetryDelay ?? options.MaxRetryDelay;
        options.CollisionPolicy = settings.CollisionPolicy ?? options.CollisionPolicy;
        options.LeaseDuration = settings.LeaseDuration ?? options.LeaseDuration;
        options.TrainingWindow = settings.TrainingWindow ?? options.TrainingWindow;
        options.Watch = settings.Watch ?? options.Watch;
    }

    /// <summary>The orchestrator names options (<c>Watch.Window must be …</c>, <c>Name: …</c>); configuration paths use <c>:</c>.</summary>
    private static string OptionPath(string problem)
    {
        var end = problem.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? problem.Replace('.', ':') : problem[..end].Replace('.', ':') + problem[end..];
    }

    private T? Choose<T>(List<string> problems, string key, string method, Func<IServiceProvider, T>? code, T? configured)
        where T : class
    {
        if (code is not null && configured is not null)
        {
            problems.Add($"{Prefix}:{key} is configured and also set in code with {method}; keep one");
            return null;
        }

        if (code is null)
        {
            return configured;
        }

        try
        {
            return code(services);
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{Prefix}:{key} set with {method} is invalid: {ex.Message}");
            return null;
        }
    }

    private T? Resolve<T>(List<string> problems, string key, string method, Func<IServiceProvider, T>? code, bool required = true)
        where T : class
    {
        try
        {
            var value = code is not null ? code(services) : services.GetKeyedService<T>(Name) ?? services.GetService<T>();
            if (value is null && required)
            {
                problems.Add($"{Prefix}:{key} is not registered; call {method} on the pipeline or register an {TypeName(typeof(T))} keyed '{Name}'");
            }

            return value;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            problems.Add($"{Prefix}:{key} could not be created: {ex.Message}");
            return null;
        }
    }

    private IRetrainStore? ResolveStore(List<string> problems, PipelineSettings settings, TimeProvider time)
    {
        if (definition.Store is not null || settings.StorePath is null)
        {
            return Resolve(problems, "Store", "UseStore(...)", definition.Store, required: false) ?? new InMemoryRetrainStore(time);
        }

        if (string.IsNullOrWhiteSpace(settings.StorePath))
        {
            problems.Add($"{Prefix}:StorePath must not be empty; remove it to keep the pipeline's history in memory");
            return null;
        }

        try
        {
            return new FileRetrainStore(settings.StorePath, time);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problems.Add($"{Prefix}:StorePath '{settings.StorePath}' cannot be used: {ex.Message}");
            return null;
        }
    }

    /// <summary>A configured trigger on a metric the evaluator does not report would stay InsufficientData forever: fail at start instead.</summary>
    private void CheckMetricNames(List<string> problems, PipelineSettings settings)
    {
        if (definition.Catalog is not { } catalog || settings.TriggerSection is not { } triggers)
        {
            return;
        }

        var known = catalog.Directions.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var metric in MetricKeys(triggers))
        {
            if (metric.Value is { } name && !catalog.TryGetDirection(name, out _))
            {
                problems.Add($"{metric.Path} '{name}' is not a metric of this pipeline's evaluator; known metrics: {string.Join(", ", known)}");
            }
        }
    }

    private static IEnumerable<IConfigurationSection> MetricKeys(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "Metric", StringComparison.OrdinalIgnoreCase) && child.Value is not null)
            {
                yield return child;
            }

            foreach (var nested in MetricKeys(child))
            {
                yield return nested;
            }
        }
    }
}
