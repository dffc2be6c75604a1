using System.Globalization;
using System.Text.Json;
using RetrainTriggers.Storage;

namespace RetrainTriggers.MLNet;

/// <summary>The files and folders of a registry root, the marker that makes a folder a registry, and the checks that keep the registry inside its root.</summary>
internal sealed class RegistryLayout
{
    public const int FormatVersion = 1;
    public const string LockFileName = "registry.lock";
    public const string AliasFileName = "champion";
    public const string HistoryFileName = "champion-history.jsonl";
    public const string VersionsFolderName = "versions";

    /// <summary>The infix of temporary files and folders written by earlier versions of the registry (still ignored and cleaned up).</summary>
    public const string LegacyTempMarker = ".tmp-";

    private readonly long _maxDocumentBytes;

    public RegistryLayout(string rootPath, long maxDocumentBytes)
    {
        RootPath = Path.GetFullPath(rootPath);
        MarkerPath = Path.Combine(RootPath, FileSystemModelRegistry.MarkerFileName);
        LockPath = Path.Combine(RootPath, LockFileName);
        AliasPath = Path.Combine(RootPath, AliasFileName);
        HistoryPath = Path.Combine(RootPath, HistoryFileName);
        VersionsPath = Path.Combine(RootPath, VersionsFolderName);
        _maxDocumentBytes = maxDocumentBytes;
    }

    public string RootPath { get; }

    public string MarkerPath { get; }

    public string LockPath { get; }

    public string AliasPath { get; }

    public string HistoryPath { get; }

    public string VersionsPath { get; }

    /// <summary>For tests of the creation race: runs between looking at the folder's content and looking for the marker.</summary>
    public Action? BetweenForeignChecks { get; init; }

    public string VersionFolder(int version) => Path.Combine(VersionsPath, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>True when the folder has content but no marker: not a registry.</summary>
    /// <remarks>
    /// Content is looked at before the marker: a writer creating the registry writes the marker before anything else
    /// (the lock file, its wait tickets and the temporary marker are not content), so content seen first means the
    /// marker already exists. The other order races with such a writer: no marker yet, then its first version already there.
    /// </remarks>
    public bool IsForeignFolder()
    {
        if (!HasForeignContent())
        {
            return false;
        }

        BetweenForeignChecks?.Invoke();
        return !File.Exists(MarkerPath);
    }

    /// <summary>True when the root holds anything besides what a writer that is creating the registry may already have written.</summary>
    public bool HasForeignContent()
    {
        if (!Directory.Exists(RootPath))
        {
            return false;
        }

        return Directory.EnumerateFileSystemEntries(RootPath)
            .Select(path => Path.GetFileName(path) ?? string.Empty)
            .Any(name => name != LockFileName
                && !FileLock.IsTicketOf(name, LockFileName)
                && !AtomicFile.IsTemporaryOf(name, FileSystemModelRegistry.MarkerFileName)
                && !name.StartsWith(FileSystemModelRegistry.MarkerFileName + LegacyTempMarker, StringComparison.Ordinal));
    }

    public string NotARegistryMessage() =>
        $"The folder '{RootPath}' is not a model registry: it has content but no marker file '{FileSystemModelRegistry.MarkerFileName}'. Point the registry at an empty or new folder, or at an existing registry.";

    /// <summary>Under the lock: checks the marker, creating the registry in an empty folder when asked to.</summary>
    public void EnsureRegistry(bool create)
    {
        if (File.Exists(MarkerPath))
        {
            ReadMarker();
            return;
        }

        if (HasForeignContent())
        {
            throw new InvalidOperationException(NotARegistryMessage());
        }

        if (!create)
        {
            throw new InvalidOperationException($"Registry '{RootPath}' is empty: register a version first.");
        }

        var marker = new RegistryMarkerDocument { Format = RegistryMarkerDocument.ExpectedFormat, FormatVersion = FormatVersion };
        AtomicFile.Write(MarkerPath, JsonSerializer.SerializeToUtf8Bytes(marker, RegistryJsonContext.Default.RegistryMarkerDocument));
    }

    /// <summary>Without the lock: false when the registry does not exist yet; throws when the folder is not a registry.</summary>
    public bool EnsureReadable()
    {
        if (IsForeignFolder())
        {
            throw new InvalidOperationException(NotARegistryMessage());
        }

        if (!File.Exists(MarkerPath))
        {
            return false;
        }

        ReadMarker();
        return true;
    }

    /// <summary>Reads a registry document (marker, alias, manifest) within the document size limit.</summary>
    public byte[]? ReadDocument(string path) =>
        AtomicFile.Read(path, _maxDocumentBytes, "FileSystemModelRegistryOptions.MaxDocumentBytes");

    /// <summary>Throws when <paramref name="entry"/> (a version folder or a file in one) is a link that leads outside the registry root.</summary>
    public void EnsureInsideRoot(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null)
        {
            return;
        }

        var target = entry.ResolveLinkTarget(returnFinalTarget: true);
        var resolved = target is null ? null : Path.GetFullPath(target.FullName);
        if (resolved is null || !IsUnderRoot(resolved))
        {
            throw new InvalidDataException(
                $"'{entry.FullName}' is a link to '{resolved ?? entry.LinkTarget}', outside the registry root '{RootPath}'; the registry does not follow links out of its root. Replace the link with the version's files.");
        }
    }

    /// <summary>True when <paramref name="folder"/> is a link that leads outside the root (such folders are not listed as versions).</summary>
    public bool LeadsOutsideRoot(DirectoryInfo folder)
    {
        try
        {
            EnsureInsideRoot(folder);
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private bool IsUnderRoot(string fullPath)
    {
        var root = Path.TrimEndingDirectorySeparator(RealRoot());
        return fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || fullPath == root;
    }

    private string RealRoot()
    {
        var info = new DirectoryInfo(RootPath);
        return info.LinkTarget is null ? RootPath : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? RootPath);
    }

    private void ReadMarker()
    {
        RegistryMarkerDocument? marker;
        try
        {
            var bytes = ReadDocument(MarkerPath) ?? throw new InvalidDataException($"The registry marker '{MarkerPath}' disappeared while it was read.");
            marker = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.RegistryMarkerDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The registry marker '{MarkerPath}' is not valid JSON: {ex.Message}", ex);
        }

        if (marker is null || marker.Format != RegistryMarkerDocument.ExpectedFormat)
        {
            throw new InvalidDataException($"The registry marker '{MarkerPath}' does not describe a {RegistryMarkerDocument.ExpectedFormat} folder.");
        }

        if (marker.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The registry '{RootPath}' has format version {marker.FormatVersion}; this library reads version {FormatVersion}."));
        }
    }
}
