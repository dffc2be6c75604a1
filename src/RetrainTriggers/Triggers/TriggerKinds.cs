namespace RetrainTriggers;

/// <summary>The <see cref="ITrigger.Kind"/> strings of the built-in triggers.</summary>
internal static class TriggerKinds
{
    public const string Threshold = "Threshold";
    public const string Hysteresis = "Hysteresis";
    public const string Schedule = "Schedule";
    public const string Volume = "Volume";
    public const string ConceptDrift = "ConceptDrift";
    public const string FeatureImportance = "FeatureImportance";
    public const string Drift = "Drift";
    public const string Predicate = "Predicate";
    public const string Any = "Any";
    public const string All = "All";
    public const string AtLeast = "AtLeast";
    public const string Not = "Not";
    public const string Sustained = "Sustained";
    public const string Cooldown = "Cooldown";
}
