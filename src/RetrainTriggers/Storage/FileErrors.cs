namespace RetrainTriggers.Storage;

/// <summary>Recognises file-system failures that retrying cannot fix, so the stores report them at once and in their own terms.</summary>
internal static class FileErrors
{
    // errno EROFS on Linux and macOS; ERROR_WRITE_PROTECT on Windows.
    private const int ReadOnlyFileSystemErrno = 30;
    private const int WindowsWriteProtect = unchecked((int)0x80070013);

    /// <summary>Tells whether <paramref name="exception"/> says the file system is mounted read-only.</summary>
    /// <param name="exception">The failure of a file operation.</param>
    /// <returns><see langword="true"/> for a read-only file system (EROFS); <see langword="false"/> for anything else.</returns>
    public static bool IsReadOnlyFileSystem(Exception exception) =>
        exception is IOException io && io.GetType() == typeof(IOException)
        && io.HResult == (OperatingSystem.IsWindows() ? WindowsWriteProtect : ReadOnlyFileSystemErrno);

    /// <summary>Tells whether <paramref name="exception"/> means this process may not write there: denied access or a read-only file system.</summary>
    /// <param name="exception">The failure of a file operation.</param>
    /// <returns><see langword="true"/> when only a change of permissions or mount fixes it.</returns>
    public static bool IsWriteRefused(Exception exception) =>
        exception is UnauthorizedAccessException || IsReadOnlyFileSystem(exception);

    /// <summary>Says what a refused write needs, naming <paramref name="folder"/>.</summary>
    /// <param name="exception">A failure for which <see cref="IsWriteRefused"/> is <see langword="true"/>.</param>
    /// <param name="folder">The folder the store writes in.</param>
    /// <param name="whatIsCreated">What the store creates there, e.g. "its lock and temporary files".</param>
    /// <returns>A clause like <c>the folder '/x' is on a read-only file system; …</c>.</returns>
    public static string DescribeRefusal(Exception exception, string folder, string whatIsCreated) =>
        IsReadOnlyFileSystem(exception)
            ? $"the folder '{folder}' is on a read-only file system; mount it read-write or point the store at a writable folder (the store also creates {whatIsCreated} there)"
            : $"access was denied; give this process read and write access to '{folder}' (the store also creates {whatIsCreated} there)";
}
