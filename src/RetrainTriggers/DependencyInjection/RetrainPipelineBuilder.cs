using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RetrainTriggers;
using RetrainTriggers.DependencyInjection;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the parts of one named retrain pipeline registered with <c>AddPipeline</c>: triggers, trainer, evaluator, registry, store, policy, validators and notifiers.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
/// <remarks>
/// A part the builder does not choose is resolved from the container: first the keyed service registered under the
/// pipeline's name, then the unkeyed service. Settings under <c>RetrainTriggers:Pipelines:&lt;name&gt;</c> of the host's
/// configuration apply before the <see cref="Configure"/> actions, which have the last word. Everything is validated when
/// the host starts; each message names its configuration path.
/// </remarks>
public sealed class RetrainPipelineBuilder<TModel>
{
    private readonly PipelineDefinition<TModel> definition;

    internal RetrainPipelineBuilder(IServiceCollection services, PipelineDefinition<TModel> definition)
    {
        Services = services;
        this.definition = definition;
    }

    /// <summary>Gets the pipeline name.</summary>
    public string Name => definition.Name;

    /// <summary>Gets the service collection the pipeline is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses <paramref name="trigger"/> as the pipeline's trigger tree (instead of the configured <c>Triggers</c>).</summary>
    /// <param name="trigger">The root trigger.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> WithTriggers(ITrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        definition.Trigger = _ => trigger;
        return this;
    }

    /// <summary>Uses the tree <paramref name="factory"/> builds from the host's services as the pipeline's trigger tree.</summary>
    /// <param name="factory">Builds the root trigger; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> WithTriggers(Func<IServiceProvider, ITrigger> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Trigger = factory;
        return this;
    }

    /// <summary>Uses <typeparamref name="TTrainer"/>, registered as a keyed singleton under the pipeline name, as the trainer.</summary>
    /// <typeparam name="TTrainer">The trainer type; its constructor may take services and a <c>[ServiceKey] string</c> pipeline name.</typeparam>
    /// <returns>This builder.</returns>
    public RetrainPipelineBuilder<TModel> UseTrainer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTrainer>()
        where TTrainer : class, IModelTrainer<TModel>
    {
        definition.Trainer = Keyed<TTrainer>();
        return this;
    }

    /// <summary>Uses the trainer <paramref name="factory"/> creates.</summary>
    /// <param name="factory">Creates the trainer; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseTrainer(Func<IServiceProvider, IModelTrainer<TModel>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Trainer = factory;
        return this;
    }

    /// <summary>Uses <typeparamref name="TEvaluator"/>, registered as a keyed singleton under the pipeline name, to score champion and challenger.</summary>
    /// <typeparam name="TEvaluator">The evaluator type.</typeparam>
    /// <returns>This builder.</returns>
    public RetrainPipelineBuilder<TModel> UseEvaluator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TEvaluator>()
        where TEvaluator : class, IModelEvaluator<TModel>
    {
        definition.Evaluator = Keyed<TEvaluator>();
        return this;
    }

    /// <summary>Uses the evaluator <paramref name="factory"/> creates.</summary>
    /// <param name="factory">Creates the evaluator; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseEvaluator(Func<IServiceProvider, IModelEvaluator<TModel>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Evaluator = factory;
        return this;
    }

    /// <summary>Uses <typeparamref name="TRegistry"/>, registered as a keyed singleton under the pipeline name, as the model registry.</summary>
    /// <typeparam name="TRegistry">The registry type.</typeparam>
    /// <returns>This builder.</returns>
    public RetrainPipelineBuilder<TModel> UseRegistry<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRegistry>()
        where TRegistry : class, IModelRegistry<TModel>
    {
        definition.Registry = Keyed<TRegistry>();
        return this;
    }

    /// <summary>Uses the registry <paramref name="factory"/> creates.</summary>
    /// <param name="factory">Creates the registry; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseRegistry(Func<IServiceProvider, IModelRegistry<TModel>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Registry = factory;
        return this;
    }

    /// <summary>Uses the store <paramref name="factory"/> creates (instead of the configured <c>StorePath</c> or an in-memory store).</summary>
    /// <param name="factory">Creates the store; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseStore(Func<IServiceProvider, IRetrainStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Store = factory;
        return this;
    }

    /// <summary>Uses <paramref name="policy"/> to decide on promotions (instead of the configured <c>Promotion</c>).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UsePromotionPolicy(PromotionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        definition.Policy = _ => policy;
        return this;
    }

    /// <summary>Builds the promotion policy with <paramref name="configure"/>; the builder already uses the catalog of <see cref="UseMetricCatalog"/>.</summary>
    /// <param name="configure">Adds rules, e.g. <c>p =&gt; p.Superior("Accuracy", 0.01)</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UsePromotionPolicy(Action<PromotionPolicyBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        definition.Policy = _ =>
        {
            var builder = PromotionPolicy.CreateBuilder();
            if (definition.Catalog is { } catalog)
            {
                builder.UseCatalog(catalog);
            }

            configure(builder);
            return builder.Build();
        };
        return this;
    }

    /// <summary>Names the metrics the pipeline's evaluator reports, with their directions: configured policies use the directions, and a trigger on a metric the catalog does not know fails validation at start.</summary>
    /// <param name="catalog">The evaluator's metrics, e.g. <c>MlNetMetricCatalog.Catalog</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseMetricCatalog(MetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        definition.Catalog = catalog;
        return this;
    }

    /// <summary>Adds a data validator run before training, after those added before it.</summary>
    /// <param name="validator">The validator, e.g. <c>DataValidators.MinimumRows(1000)</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="validator"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseValidator(IDataValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        definition.Validators.Add(_ => validator);
        return this;
    }

    /// <summary>Uses the inspector <paramref name="factory"/> creates to summarise training data for the validators.</summary>
    /// <param name="factory">Creates the inspector; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseDataInspector(Func<IServiceProvider, ITrainingDataInspector> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.DataInspector = factory;
        return this;
    }

    /// <summary>Adds a notifier, beside every <see cref="IRetrainNotifier"/> registered in the container.</summary>
    /// <param name="factory">Creates the notifier; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseNotifier(Func<IServiceProvider, IRetrainNotifier> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.Notifiers.Add(factory);
        return this;
    }

    /// <summary>Checks the window <paramref name="factory"/>'s source returns against the champion's reference profile for drift triggers.</summary>
    /// <param name="factory">Creates the window source; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> UseDriftWindows(Func<IServiceProvider, IDriftWindowSource> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        definition.DriftWindows = factory;
        return this;
    }

    /// <summary>Sets how often the hosted monitoring loop runs the pipeline (configuration key <c>Interval</c>; 5 minutes by default).</summary>
    /// <param name="interval">The interval, positive and at most 49 days (the longest period a .NET timer accepts).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not positive or is longer than 49 days.</exception>
    public RetrainPipelineBuilder<TModel> EvaluateEvery(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, RetrainPipelineOptionsValidator.MaxTimerDuration);
        definition.Interval = interval;
        return this;
    }

    /// <summary>Reads the pipeline's settings from another configuration path than <c>RetrainTriggers:Pipelines:&lt;name&gt;</c>.</summary>
    /// <param name="sectionPath">The path in the host's <c>IConfiguration</c>, e.g. <c>"Models:Churn"</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="sectionPath"/> is empty.</exception>
    public RetrainPipelineBuilder<TModel> BindConfiguration(string sectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        definition.ConfigurationPath = sectionPath;
        return this;
    }

    /// <summary>Changes the pipeline options after configuration was applied: guards, watch, clock and anything the other methods do not cover.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public RetrainPipelineBuilder<TModel> Configure(Action<RetrainPipelineOptions<TModel>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        definition.Configure.Add(configure);
        return this;
    }

    private Func<IServiceProvider, T> Keyed<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>()
        where T : class
    {
        Services.TryAddKeyedSingleton<T>(Name);
        var name = Name;
        return services => services.GetRequiredKeyedService<T>(name);
    }
}
