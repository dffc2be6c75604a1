using System.Globalization;
using System.Text;

namespace RetrainTriggers.Drift;

/// <summary>The size bound of every profile and report reader: checked before a document is parsed, so an oversized input costs no more than reading the limit.</summary>
internal static class DocumentLimit
{
    public static void Validate(long maxDocumentBytes) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDocumentBytes);

    public static void ThrowIfTooLarge(string json, long maxDocumentBytes, string what)
    {
        Validate(maxDocumentBytes);

        // Each UTF-16 unit is at most 3 UTF-8 bytes: only count exactly when the quick bound does not settle it.
        if ((long)json.Length * 3 > maxDocumentBytes)
        {
            ThrowIfTooLarge(Encoding.UTF8.GetByteCount(json), maxDocumentBytes, what);
        }
    }

    public static void ThrowIfTooLarge(long length, long maxDocumentBytes, string what)
    {
        Validate(maxDocumentBytes);
        if (length > maxDocumentBytes)
        {
            throw TooLarge(length.ToString(CultureInfo.InvariantCulture), maxDocumentBytes, what);
        }
    }

    /// <summary>Reads a whole stream, failing as soon as it holds more than <paramref name="maxDocumentBytes"/>.</summary>
    public static async Task<MemoryStream> ReadAsync(Stream stream, long maxDocumentBytes, string what, CancellationToken cancellationToken)
    {
        Validate(maxDocumentBytes);
        var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxDocumentBytes)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
                throw TooLarge("more than " + maxDocumentBytes.ToString(CultureInfo.InvariantCulture), maxDocumentBytes, what);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    private static InvalidDataException TooLarge(string size, long maxDocumentBytes, string what) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The {what} document is {size} bytes, larger than the limit of {maxDocumentBytes} bytes (maxDocumentBytes); raise the limit only for documents you trust."));
}
