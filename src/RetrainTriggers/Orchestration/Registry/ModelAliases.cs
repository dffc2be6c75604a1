namespace RetrainTriggers.Orchestration;

/// <summary>Well-known alias names of a model registry.</summary>
public static class ModelAliases
{
    /// <summary>The alias of the version in service; moving it is the commit point of a promotion.</summary>
    public const string Champion = "champion";
}
