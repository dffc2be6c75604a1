using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RetrainTriggers.DependencyInjection;
using RetrainTriggers.Hosting;
using RetrainTriggers.Orchestration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds retrain pipelines and their hosted monitoring loop to the services of <c>AddRetrainTriggers()</c>.</summary>
public static class RetrainTriggersBuilderExtensions
{
    /// <summary>
    /// Registers the retrain pipeline <paramref name="name"/>: a keyed singleton <see cref="RetrainPipeline{TModel}"/> built from
    /// <paramref name="configure"/>'s choices and the configuration section <c>RetrainTriggers:Pipelines:&lt;name&gt;</c>,
    /// validated when the host starts. Calling it again with the same name adds to the same pipeline.
    /// </summary>
    /// <typeparam name="TModel">The host's model type.</typeparam>
    /// <param name="builder">The builder returned by <c>AddRetrainTriggers()</c>.</param>
    /// <param name="name">The pipeline name: ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>; it keys the store and the services.</param>
    /// <param name="configure">Chooses the pipeline's parts, e.g. <c>p =&gt; p.UseTrainer&lt;ChurnTrainer&gt;()</c>.</param>
    /// <returns>The same builder, for further pipelines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid pipeline name, or is registered with another model type.</exception>
    public static RetrainTriggersBuilder AddPipeline<TModel>(this RetrainTriggersBuilder builder, string name, Action<RetrainPipelineBuilder<TModel>> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        PipelineNames.Validate(name, nameof(name));
        var services = builder.Services;
        var catalog = Catalog(services);
        PipelineDefinition<TModel> definition;
        if (catalog.TryGet(name, out var model, out var existing))
        {
            definition = existing as PipelineDefinition<TModel> ?? throw new ArgumentException(
                $"Retrain pipeline '{name}' is already registered for model type {model.Name}, not {typeof(TModel).Name}.", nameof(name));
        }
        else
        {
            definition = new PipelineDefinition<TModel>(name);
            catalog.Add(name, typeof(TModel), definition);
            services.AddKeyedSingleton(name, (sp, _) => new PipelineHost<TModel>(definition, sp));
            services.AddKeyedSingleton<IPipelineHost>(name, (sp, key) => sp.GetRequiredKeyedService<PipelineHost<TModel>>(key));
            services.AddKeyedSingleton(name, (sp, key) => sp.GetRequiredKeyedService<PipelineHost<TModel>>(key).Pipeline);
            services.AddOptions<PipelineStartupCheck>(name).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineStartupCheck>, PipelineStartupValidator>());
        }

        configure(new RetrainPipelineBuilder<TModel>(services, definition));
        return builder;
    }

    /// <summary>
    /// Adds a hosted service that runs every registered pipeline on its interval (<c>RunOnceAsync</c> on a
    /// <see cref="PeriodicTimer"/> of the container's <see cref="TimeProvider"/>): once at start, then once per interval,
    /// never two ticks of one pipeline at a time; an exception in a tick is logged and counted and the next tick runs; on
    /// shutdown a run in progress is cancelled and recorded <see cref="RetrainRunState.Cancelled"/>. Idempotent.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddRetrainTriggers()</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static RetrainTriggersBuilder AddHostedMonitoring(this RetrainTriggersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var catalog = Catalog(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetrainMonitoringService>(sp => new RetrainMonitoringService(catalog, sp)));
        return builder;
    }

    private static PipelineCatalog Catalog(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PipelineCatalog) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is PipelineCatalog found)
            {
                return found;
            }
        }

        var catalog = new PipelineCatalog();
        services.AddSingleton(catalog);
        return catalog;
    }
}
