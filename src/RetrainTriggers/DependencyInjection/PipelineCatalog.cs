namespace RetrainTriggers.DependencyInjection;

/// <summary>The pipelines registered in one service collection, by name, with their model types; registered once as an instance so later <c>AddPipeline</c> calls find it.</summary>
internal sealed class PipelineCatalog
{
    private readonly Dictionary<string, (Type Model, object Definition)> pipelines = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => pipelines.Keys;

    public bool TryGet(string name, out Type model, out object definition)
    {
        if (pipelines.TryGetValue(name, out var entry))
        {
            (model, definition) = entry;
            return true;
        }

        (model, definition) = (typeof(object), new object());
        return false;
    }

    public void Add(string name, Type model, object definition) => pipelines.Add(name, (model, definition));
}
