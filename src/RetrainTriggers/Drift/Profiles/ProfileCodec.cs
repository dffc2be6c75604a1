using System.Buffers.Binary;

namespace RetrainTriggers.Drift;

/// <summary>Compact encodings used by profile documents (schema version 2): doubles as base64 of little-endian IEEE 754 bits.</summary>
internal static class ProfileCodec
{
    /// <summary>Encodes doubles as base64 of their little-endian bytes (10.7 characters per value, exact round trip).</summary>
    public static string ToBase64(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes <see cref="ToBase64"/>; the path names the field in the error.</summary>
    public static double[] FromBase64(string text, string path)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{path}: not valid base64.", ex);
        }

        if (bytes.Length % sizeof(double) != 0)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole number of 8-byte doubles.");
        }

        var values = new double[bytes.Length / sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        }

        return values;
    }
}
