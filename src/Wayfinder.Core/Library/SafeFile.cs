using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// Reads pack files without ever leaving the pack root: a path or a link
/// that resolves outside it, a file over the size limit, a binary file or
/// invalid UTF-8 is refused with a diagnostic naming the file (and the line
/// of the first bad byte), and nothing outside the root is read.
/// </summary>
internal static class SafeFile
{
    /// <summary>The largest pack file read, in bytes.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>How much of a file is searched for NUL bytes to tell a binary file.</summary>
    private const int BinaryProbe = 8000;

    /// <summary>Whether <paramref name="path"/> (after following links) stays under <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string path)
    {
        var full = Path.GetFullPath(path);
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) || full == root;
    }

    /// <summary>The real location of a file system entry: itself, or the final target of its links.</summary>
    public static string Resolve(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null)
        {
            return entry.FullName;
        }

        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? entry.FullName;
        }
        catch (IOException)
        {
            // A link loop: treat as leaving the root.
            return Path.DirectorySeparatorChar + "<link loop>";
        }
    }

    /// <summary>Whether an entry, its links followed, stays under <paramref name="root"/>; reports it when not.</summary>
    public static bool StaysInside(string root, FileSystemInfo entry, List<PackDiagnostic> diagnostics)
    {
        if (!IsInside(root, entry.FullName) || !IsInside(root, Resolve(entry)))
        {
            diagnostics.Add(new PackDiagnostic(entry.FullName, 1, 1, $"refused: it leads outside the pack root {root}"));
            return false;
        }

        return true;
    }

    /// <summary>Reads a text file under <paramref name="root"/>, or reports why it cannot be read and returns null.</summary>
    public static string? ReadText(string root, FileInfo file, List<PackDiagnostic> diagnostics)
    {
        if (!StaysInside(root, file, diagnostics))
        {
            return null;
        }

        long length;
        try
        {
            length = new FileInfo(Resolve(file)).Length;
        }
        catch (IOException ex)
        {
            diagnostics.Add(new PackDiagnostic(file.FullName, 1, 1, $"cannot be read: {ex.Message}"));
            return null;
        }

        if (length > MaxBytes)
        {
            diagnostics.Add(new PackDiagnostic(file.FullName, 1, 1, $"refused: {length} bytes; the limit is {MaxBytes} bytes (2 MiB)"));
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new PackDiagnostic(file.FullName, 1, 1, $"cannot be read: {ex.Message}"));
            return null;
        }

        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbe));
        if (probe.IndexOf((byte)0) is var nul and >= 0)
        {
            diagnostics.Add(new PackDiagnostic(file.FullName, LineAt(bytes, nul), 1, "refused: a binary file (it contains NUL bytes)"));
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                diagnostics.Add(new PackDiagnostic(file.FullName, LineAt(bytes, read), 1, $"refused: not valid UTF-8 (byte {read})"));
                return null;
            }

            var text = new string(chars, 0, written);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int LineAt(byte[] bytes, int offset) => bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n') + 1;
}
