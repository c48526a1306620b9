using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Wayfinder.Library;

namespace Wayfinder.Marketplace;

/// <summary>
/// The pieces of a compiled marketplace on disk: arrays written whole and
/// aligned, packs' cards. Every length is checked against what is left
/// of the stream when read, so a truncated or corrupt file is an
/// <see cref="InvalidDataException"/>, never a huge allocation.
/// </summary>
internal static class CacheFormat
{
    /// <summary>Arrays start at a multiple of this many bytes from the start of the file, so a mapped file can be read in place.</summary>
    public const int Alignment = 8;

    public static void Write(BinaryWriter writer, int[] values) => WriteArray<int>(writer, values);

    public static void Write(BinaryWriter writer, float[] values) => WriteArray<float>(writer, values);

    public static int[] ReadInts(BinaryReader reader) => ReadArray<int>(reader);

    public static float[] ReadFloats(BinaryReader reader) => ReadArray<float>(reader);

    /// <summary>
    /// An array where it lies in a mapped file, read in place: its count is
    /// read and checked, the stream moved past it, and nothing is copied.
    /// </summary>
    public static unsafe ReadOnlyMemory<T> Map<T>(BinaryReader reader, MappedFile file)
        where T : unmanaged
    {
        var count = ReadCount(reader, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        Skip(reader);
        var at = reader.BaseStream.Position;
        reader.BaseStream.Position = at + ((long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return file.Memory<T>(at, count);
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        while (writer.BaseStream.Position % Alignment != 0)
        {
            writer.Write((byte)0);
        }

        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Moves past the padding before an array.</summary>
    private static void Skip(BinaryReader reader)
    {
        var position = reader.BaseStream.Position;
        var aligned = (position + Alignment - 1) / Alignment * Alignment;
        if (aligned > reader.BaseStream.Length)
        {
            throw new InvalidDataException("the file ends before an array");
        }

        reader.BaseStream.Position = aligned;
    }

    /// <summary>A pack's card: its names, descriptions, root, whether it keeps a manifest and a fitted model, and its sheets' names, files and titles.</summary>
    public static void WriteCard(BinaryWriter writer, MarkdownPack card, bool hasManifest, bool hasModel)
    {
        foreach (var text in new[] { card.Id, card.Name, card.Description, card.PluginDescription, card.SkillFile, card.Root })
        {
            writer.Write(text);
        }

        writer.Write(hasManifest);
        writer.Write(hasModel);
        writer.Write(card.Sheets.Length);
        foreach (var sheet in card.Sheets)
        {
            foreach (var text in new[] { sheet.Id, sheet.File, sheet.FullPath, sheet.Title })
            {
                writer.Write(text);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteCard"/> wrote.</summary>
    public static (MarkdownPack Card, bool HasManifest, bool HasModel) ReadCard(BinaryReader reader)
    {
        var (id, name, description, plugin, skillFile, root) = (reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString());
        var hasManifest = reader.ReadBoolean();
        var hasModel = reader.ReadBoolean();
        var count = ReadCount(reader, 4);
        var sheets = ImmutableArray.CreateBuilder<MarkdownSheet>(count);
        for (var s = 0; s < count; s++)
        {
            sheets.Add(new MarkdownSheet(id, reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), []));
        }

        return (new MarkdownPack(id, name, description, skillFile, sheets.MoveToImmutable(), "", []) { PluginDescription = plugin, Root = root }, hasManifest, hasModel);
    }

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
        Skip(reader);
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
