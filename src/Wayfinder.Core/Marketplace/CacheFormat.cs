using System.Runtime.InteropServices;

namespace Wayfinder.Marketplace;

/// <summary>
/// The pieces of a compiled marketplace on disk: arrays written whole,
/// strings that may be null. Every length is checked against what is left
/// of the stream when read, so a truncated or corrupt file is an
/// <see cref="InvalidDataException"/>, never a huge allocation.
/// </summary>
internal static class CacheFormat
{
    public static void Write(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static void Write(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static void Write(BinaryWriter writer, long[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static int[] ReadInts(BinaryReader reader) => ReadArray<int>(reader);

    public static float[] ReadFloats(BinaryReader reader) => ReadArray<float>(reader);

    public static long[] ReadLongs(BinaryReader reader) => ReadArray<long>(reader);

    public static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    public static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static string ReadString(BinaryReader reader) => ReadText(reader) ?? throw new InvalidDataException("a missing string");

    /// <summary>A count read from the stream, refused when the rest of the stream could not hold that many items of <paramref name="size"/> bytes.</summary>
    public static int ReadCount(BinaryReader reader, int size = 1)
    {
        var count = reader.ReadInt32();
        if (count < 0 || (reader.BaseStream.CanSeek && (long)count * size > reader.BaseStream.Length - reader.BaseStream.Position))
        {
            throw new InvalidDataException($"a count of {count} past the end of the file");
        }

        return count;
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var count = ReadCount(reader, size);
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new InvalidDataException("the file ends inside an array");
            }

            bytes = bytes[read..];
        }

        return values;
    }
}
