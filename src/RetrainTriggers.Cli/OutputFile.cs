using System.Text;

namespace RetrainTriggers.Cli;

/// <summary>Writes a result file whole or not at all: a temporary file beside it, then a rename.</summary>
internal static class OutputFile
{
    public static void Write(string option, string path, string content) => Write(option, path, Encoding.UTF8.GetBytes(content));

    public static void Write(string option, string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{option} {path}: the folder {folder} does not exist.");
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a folder; give a file name.");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
