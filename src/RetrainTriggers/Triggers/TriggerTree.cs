namespace RetrainTriggers;

/// <summary>Validates trigger names and trees: names are non-empty, contain no <c>/</c>, and are unique within one tree.</summary>
internal static class TriggerTree
{
    /// <summary>The deepest tree accepted; deeper trees are almost certainly a cycle built by a custom trigger.</summary>
    internal const int MaxDepth = 256;

    /// <summary>Throws when <paramref name="name"/> cannot be used as a trigger name.</summary>
    public static void ValidateName(string? name, string paramName)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException($"Trigger name '{name}' {problem}.", paramName);
        }
    }

    /// <summary>Says what is wrong with <paramref name="name"/> as a trigger name, or returns null when it is usable.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "must not be null, empty or whitespace"
        : name.Contains('/', StringComparison.Ordinal) ? "must not contain '/': it separates the names in a trigger path"
        : null;

    /// <summary>Throws when the tree under <paramref name="root"/> has an invalid or duplicate name.</summary>
    public static void Validate(ITrigger root, string paramName)
    {
        ArgumentNullException.ThrowIfNull(root, paramName);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var ancestors = new HashSet<ITrigger>(ReferenceEqualityComparer.Instance);
        Visit(root, string.Empty, 0, seen, ancestors, paramName);
    }

    private static void Visit(ITrigger node, string parentPath, int depth, Dictionary<string, string> seen, HashSet<ITrigger> ancestors, string paramName)
    {
        if (!ancestors.Add(node))
        {
            throw new ArgumentException(
                $"The trigger tree contains a cycle: '{node.Name}' is its own descendant under '{Short(parentPath)}'. A trigger must not contain itself.",
                paramName);
        }

        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The trigger tree is deeper than {MaxDepth} levels below '{Short(parentPath)}'.", paramName);
        }

        var name = node.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The trigger under '{(parentPath.Length == 0 ? "(root)" : parentPath)}' has the invalid name '{name}': names must be non-empty and must not contain '/'.",
                paramName);
        }

        var path = parentPath.Length == 0 ? name : parentPath + "/" + name;
        if (!seen.TryAdd(name, path))
        {
            throw new ArgumentException(
                $"Duplicate trigger name '{name}' at '{seen[name]}' and '{path}': names must be unique within one tree because they key trigger state. Give one of them a Name.",
                paramName);
        }

        var children = node.Children ?? [];
        foreach (var child in children)
        {
            if (child is null)
            {
                throw new ArgumentException($"The trigger at '{path}' has a null child.", paramName);
            }

            Visit(child, path, depth + 1, seen, ancestors, paramName);
        }

        ancestors.Remove(node);
    }

    // Paths of deep trees run to kilobytes; a message shows the start and the end.
    private static string Short(string path) =>
        path.Length <= 200 ? path : string.Concat(path.AsSpan(0, 100), "…", path.AsSpan(path.Length - 80));
}
