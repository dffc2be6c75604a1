using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.DependencyInjection;

/// <summary>What the code said about one pipeline through <see cref="Microsoft.Extensions.DependencyInjection.RetrainPipelineBuilder{TModel}"/>; each factory is <see langword="null"/> when the code chose nothing.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
internal sealed class PipelineDefinition<TModel>(string name)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, ITrigger>? Trigger { get; set; }

    public Func<IServiceProvider, IModelTrainer<TModel>>? Trainer { get; set; }

    public Func<IServiceProvider, IModelEvaluator<TModel>>? Evaluator { get; set; }

    public Func<IServiceProvider, IModelRegistry<TModel>>? Registry { get; set; }

    public Func<IServiceProvider, IRetrainStore>? Store { get; set; }

    public Func<IServiceProvider, PromotionPolicy>? Policy { get; set; }

    public Func<IServiceProvider, ITrainingDataInspector>? DataInspector { get; set; }

    public Func<IServiceProvider, IDriftWindowSource>? DriftWindows { get; set; }

    public List<Func<IServiceProvider, IDataValidator>> Validators { get; } = [];

    public List<Func<IServiceProvider, IRetrainNotifier>> Notifiers { get; } = [];

    public MetricCatalog? Catalog { get; set; }

    public IReadOnlyCollection<string>? MetricNames { get; set; }

    public TimeSpan? Interval { get; set; }

    public string? ConfigurationPath { get; set; }

    public List<Action<RetrainPipelineOptions<TModel>>> Configure { get; } = [];
}
