using System.Globalization;
using System.Text.Json;
using RetrainTriggers.Storage;

namespace RetrainTriggers.MLNet;

/// <summary>The aliases (the champion and any other: current version, earlier versions for rollback, the change that set it) and their append-only history.</summary>
/// <remarks>
/// The alias is replaced atomically (temporary file, flush, rename): that is the commit point of a promotion or rollback.
/// The history line is appended after it; a crash (or an I/O error) between the two is repaired on the next write, because
/// the alias carries its own change record, and readers add that record when the history lacks it. Data files are never
/// opened exclusively, so readers and the writer never make each other fail.
/// </remarks>
internal sealed class ChampionJournal
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;

    private readonly RegistryLayout _layout;
    private readonly long _maxHistoryBytes;

    public ChampionJournal(RegistryLayout layout, long maxHistoryBytes)
    {
        _layout = layout;
        _maxHistoryBytes = maxHistoryBytes;
    }

    public const string AliasesFolderName = "aliases";

    /// <summary>The alias a history entry moved (entries without one are the champion's).</summary>
    public static string AliasOf(ChangeDocument change) => change.Alias ?? Orchestration.ModelAliases.Champion;

    /// <summary>Where an alias lives: the champion in <c>champion</c> (as always), any other in <c>aliases/&lt;name&gt;</c>.</summary>
    public string AliasPath(string alias)
    {
        if (alias == Orchestration.ModelAliases.Champion)
        {
            return _layout.AliasPath;
        }

        if (alias is "." or "..")
        {
            throw new ArgumentException($"Alias '{alias}' is not a valid alias name.", nameof(alias));
        }

        return Path.Combine(_layout.RootPath, AliasesFolderName, alias);
    }

    public AliasDocument? ReadAlias() => ReadAlias(Orchestration.ModelAliases.Champion);

    public AliasDocument? ReadAlias(string name)
    {
        var path = AliasPath(name);
        byte[]? bytes;
        AliasDocument? alias;
        try
        {
            bytes = _layout.ReadDocument(path);
            if (bytes is null)
            {
                return null;
            }

            alias = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.AliasDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The alias '{name}' file '{path}' is corrupt: {ex.Message}", ex);
        }

        if (alias is null || alias.FormatVersion != RegistryLayout.FormatVersion || alias.Version <= 0 || alias.Change is null || !IsValid(alias.Change)
            || (alias.PreviousVersions?.Any(v => v <= 0) ?? false))
        {
            throw new InvalidDataException($"The alias '{name}' file '{path}' is corrupt: it does not name a version and the change that set it.");
        }

        return alias;
    }

    /// <summary>Under the lock: replaces the champion alias atomically. After this returns the change has happened.</summary>
    public void SwitchAlias(AliasDocument alias) => SwitchAlias(Orchestration.ModelAliases.Champion, alias);

    /// <summary>Under the lock: replaces an alias atomically. After this returns the change has happened.</summary>
    public void SwitchAlias(string name, AliasDocument alias)
    {
        var path = AliasPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(alias, RegistryJsonContext.Default.AliasDocument));
    }

    /// <summary>Every alias's document (the champion first), for merging changes a crash kept out of the history.</summary>
    public List<AliasDocument> ReadAllAliases()
    {
        var all = new List<AliasDocument>();
        if (ReadAlias() is { } champion)
        {
            all.Add(champion);
        }

        var folder = Path.Combine(_layout.RootPath, AliasesFolderName);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.') && ReadAlias(name) is { } alias)
                {
                    all.Add(alias);
                }
            }
        }

        return all;
    }

    /// <summary>Reads the history, ignoring a torn final line from a writer that crashed (or is still appending).</summary>
    public List<ChangeDocument> ReadHistory(out long validLength)
    {
        var changes = new List<ChangeDocument>();
        validLength = 0;
        var bytes = AtomicFile.Read(_layout.HistoryPath, _maxHistoryBytes, "FileSystemModelRegistryOptions.MaxHistoryBytes");
        if (bytes is null)
        {
            return changes;
        }

        var start = 0;
        var line = 0;
        while (start < bytes.Length)
        {
            line++;
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var complete = newline >= 0;
            var end = complete ? newline : bytes.Length;
            var segment = new ReadOnlySpan<byte>(bytes, start, end - start);
            ChangeDocument? change = null;
            try
            {
                change = segment.Trim((byte)'\r').IsEmpty ? null : JsonSerializer.Deserialize(segment, RegistryJsonContext.Default.ChangeDocument);
            }
            catch (JsonException) when (!complete)
            {
                // A torn final line; the alias still has that change.
                break;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException(
                    string.Create(CultureInfo.InvariantCulture, $"The champion history '{_layout.HistoryPath}' is corrupt at line {line}: {ex.Message}"), ex);
            }

            if (change is not null)
            {
                if (!IsValid(change) || (changes.Count > 0 && change.Sequence <= changes[^1].Sequence))
                {
                    throw new InvalidDataException(
                        string.Create(CultureInfo.InvariantCulture, $"The champion history '{_layout.HistoryPath}' is corrupt at line {line}: an invalid or out-of-order entry."));
                }

                changes.Add(change);
            }

            if (!complete)
            {
                // A complete JSON object without its newline: keep it, and let the next append add the newline.
                validLength = bytes.Length;
                break;
            }

            start = newline + 1;
            validLength = start;
        }

        return changes;
    }

    /// <summary>The history as readers see it: every change, including an alias's own when its history line is not written yet.</summary>
    public List<ChangeDocument> ReadFullHistory()
    {
        // The aliases first: every change up to an alias's is in the history by the time the history is read,
        // except the alias's own when its writer crashed (or is still running) before appending it.
        var pending = ReadAllAliases();
        var changes = ReadHistory(out _);
        AddMissing(changes, pending);
        return changes;
    }

    /// <summary>Under the lock: trims a torn tail and appends the aliases' changes a crash kept out of the history.</summary>
    /// <returns>The sequence number of the last change.</returns>
    public long RepairHistory()
    {
        var changes = ReadHistory(out var validLength);
        if (File.Exists(_layout.HistoryPath))
        {
            using var stream = new FileStream(_layout.HistoryPath, FileMode.Open, FileAccess.ReadWrite, Shared);
            if (stream.Length > validLength)
            {
                stream.SetLength(validLength);
            }

            if (validLength > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n')
                {
                    stream.WriteByte((byte)'\n');
                }
            }

            stream.Flush(flushToDisk: true);
        }

        var written = changes.Count;
        AddMissing(changes, ReadAllAliases());
        for (var i = written; i < changes.Count; i++)
        {
            AppendHistory(changes[i]);
        }

        return changes.Count == 0 ? 0 : changes[^1].Sequence;
    }

    private static void AddMissing(List<ChangeDocument> changes, List<AliasDocument> aliases)
    {
        var last = changes.Count == 0 ? 0 : changes[^1].Sequence;
        foreach (var change in aliases.Select(a => a.Change!).Where(c => c.Sequence > last).OrderBy(c => c.Sequence))
        {
            changes.Add(change);
        }
    }

    /// <summary>Under the lock, after the alias switched: appends the change; a failure is left for the next write to repair.</summary>
    /// <returns><see langword="true"/> when the line was written.</returns>
    public bool TryAppendHistory(ChangeDocument change)
    {
        try
        {
            AppendHistory(change);
            return true;
        }
        catch (IOException)
        {
            // The change already happened (the alias says so); readers merge it and the next writer appends it.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool IsValid(ChangeDocument change) =>
        change.Sequence > 0 && change.Version > 0 && change.Reason is not null && change.Actor is not null && Enum.IsDefined(change.Kind);

    private void AppendHistory(ChangeDocument change)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            JsonSerializer.Serialize(writer, change, RegistryJsonContext.Default.ChangeDocument);
        }

        buffer.WriteByte((byte)'\n');
        using var stream = new FileStream(_layout.HistoryPath, FileMode.Append, FileAccess.Write, Shared);
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        stream.Flush(flushToDisk: true);
    }
}
