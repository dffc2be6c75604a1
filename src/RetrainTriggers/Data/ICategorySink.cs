namespace RetrainTriggers.Data;

/// <summary>Where categorical cells go: a row-by-row column (windows) or a category count (profiles).</summary>
internal interface ICategorySink
{
    void Add(ReadOnlySpan<char> value);

    void Add(string? value);

    void AddMissing();
}
