using System.Buffers.Binary;
using System.IO.Compression;

namespace Wayfinder.Browser.Tests;

/// <summary>
/// Just enough of PNG to read back a browser's screenshot: 8-bit RGB or RGBA,
/// not interlaced, every scanline filter. Anything else is refused by name.
/// </summary>
internal sealed class Png
{
    private Png(int width, int height, uint[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Each pixel as 0xRRGGBBAA, row by row.</summary>
    public uint[] Pixels { get; }

    public static Png Decode(byte[] file)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at + 8 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (depth, colour, interlace) = (data[8], data[9], data[12]);
                channels = colour switch
                {
                    2 => 3,
                    6 => 4,
                    _ => throw new InvalidDataException($"colour type {colour} is not read here"),
                };
                if (depth != 8 || interlace != 0)
                {
                    throw new InvalidDataException($"bit depth {depth}, interlace {interlace} are not read here");
                }
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new Png(width, height, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static uint[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new uint[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            raw.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(current);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0, up = previous[i], corner = i >= channels ? previous[i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, corner),
                    _ => throw new InvalidDataException($"scanline filter {filter}"),
                };
                current[i] = (byte)(current[i] + predicted);
            }

            for (var x = 0; x < width; x++)
            {
                var p = x * channels;
                var alpha = channels == 4 ? current[p + 3] : (byte)255;
                pixels[(y * width) + x] = ((uint)current[p] << 24) | ((uint)current[p + 1] << 16) | ((uint)current[p + 2] << 8) | alpha;
            }

            (previous, current) = (current, previous);
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
