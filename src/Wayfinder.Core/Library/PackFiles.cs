using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>Where an entry of a pack really leads, or why it may not be followed.</summary>
/// <param name="Path">The real path, under the root; null when refused.</param>
/// <param name="Problem">Why it was refused, in words; null when it was not.</param>
internal readonly record struct Located(string? Path, string? Problem);

/// <summary>
/// The one door through which every file of a pack is read, for loading,
/// lint, context and open alike. It reads each file once, and only regular
/// files: a FIFO, a socket, a device or a file with more than one hard link
/// is refused without blocking. The checks are made on the file actually
/// opened (on Linux the kernel resolves the path beneath the root, so a
/// swap after a check cannot lead outside), and the path checks it makes
/// itself never look at anything outside the root. Every refusal is a
/// diagnostic naming the file (and the line of a bad byte).
/// </summary>
internal static class PackFiles
{
    /// <summary>The largest pack file read, in bytes.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>The most links followed in one path: more is a loop.</summary>
    private const int MaxLinks = 40;

    /// <summary>How much of a file is searched for NUL bytes to tell a binary file.</summary>
    private const int BinaryProbe = 8000;

    /// <summary>Whether <paramref name="path"/>, as written, is <paramref name="root"/> or below it.</summary>
    public static bool IsInside(string root, string path)
    {
        var full = Path.GetFullPath(path);
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) || full == root.TrimEnd(Path.DirectorySeparatorChar) || full == root;
    }

    /// <summary>The real path of a folder given by a user (links anywhere followed): the root everything else is checked against.</summary>
    public static string RealRoot(string path)
    {
        var full = Path.GetFullPath(path);
        var top = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        return Locate(top, full).Path ?? full;
    }

    /// <summary>
    /// Follows <paramref name="path"/> from <paramref name="root"/> (a real path) one
    /// component and one link at a time, the way the kernel would, and stops at the
    /// first step that would leave the root, before looking at what lies there.
    /// </summary>
    public static Located Locate(string root, string path)
    {
        var full = Path.GetFullPath(path);
        if (!IsInside(root, full))
        {
            return new Located(null, "refused: it leads outside the pack root");
        }

        var pending = new Stack<string>(Components(Path.GetRelativePath(root, full)).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                if (!IsInside(root, current))
                {
                    return new Located(null, "refused: it leads outside the pack root");
                }

                continue;
            }

            // The link is read, never followed: whatever it points to is looked at only once it is known to be inside.
            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                if (!File.Exists(next) && !Directory.Exists(next))
                {
                    return new Located(null, links > 0 ? "refused: a symbolic link to nothing" : "no such file");
                }

                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return new Located(null, "refused: a symbolic link loop");
            }

            if (Path.IsPathRooted(target))
            {
                // Only an absolute target that is itself under the root is walked, from the root.
                var absolute = Path.GetFullPath(target);
                if (!IsInside(root, absolute))
                {
                    return new Located(null, "refused: it leads outside the pack root");
                }

                current = root;
                target = Path.GetRelativePath(root, absolute);
            }

            foreach (var piece in Components(target).Reverse())
            {
                pending.Push(piece);
            }
        }

        return new Located(current, null);
    }

    /// <summary>Whether a folder of a pack stays under <paramref name="root"/>; reports it when it does not.</summary>
    public static string? Folder(string root, string path, List<PackDiagnostic> diagnostics)
    {
        var located = Locate(root, path);
        if (located.Problem is { } problem)
        {
            diagnostics.Add(new PackDiagnostic(Path.GetFullPath(path), 1, 1, problem));
            return null;
        }

        return located.Path;
    }

    /// <summary>Reads a text file under <paramref name="root"/> (a real path), or reports why it cannot be read and returns null.</summary>
    public static string? ReadText(string root, string path, List<PackDiagnostic> diagnostics)
    {
        var bytes = ReadBytes(root, path, out var problem);
        if (bytes is null)
        {
            diagnostics.Add(new PackDiagnostic(path, 1, 1, problem!));
            return null;
        }

        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbe));
        if (probe.IndexOf((byte)0) is var nul and >= 0)
        {
            diagnostics.Add(new PackDiagnostic(path, LineAt(bytes, nul), 1, "refused: a binary file (it contains NUL bytes)"));
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                diagnostics.Add(new PackDiagnostic(path, LineAt(bytes, read), 1, $"refused: not valid UTF-8 (byte {read})"));
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

    /// <summary>A file's bytes, read once through a handle whose file was checked; null with the reason when refused.</summary>
    private static byte[]? ReadBytes(string root, string path, out string? problem)
    {
        var full = Path.GetFullPath(path);
        if (!IsInside(root, full))
        {
            problem = "refused: it leads outside the pack root";
            return null;
        }

        try
        {
            using var handle = Open(root, full, out problem);
            if (handle is null)
            {
                return null;
            }

            var opened = LinuxFiles.Supported ? LinuxFiles.Describe(handle) : new OpenedFile(FileKind.Regular, 1, RandomAccess.GetLength(handle));
            problem = Refusal(opened);
            if (problem is not null)
            {
                return null;
            }

            // Read at most one byte past the limit, so a file that grows while it is read is still refused.
            var buffer = new byte[Math.Min(opened.Size, MaxBytes) + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                problem = $"refused: over {MaxBytes} bytes; the limit is {MaxBytes} bytes (2 MiB)";
                return null;
            }

            if (total == buffer.Length)
            {
                // It grew past the size it had when opened: read no further than the limit allows.
                problem = "refused: it changed while it was read";
                return null;
            }

            return buffer[..total];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {ex.Message}";
            return null;
        }
    }

    private static string? Refusal(OpenedFile opened) => opened switch
    {
        { Kind: FileKind.Directory } => "refused: a folder, not a file",
        { Kind: FileKind.Fifo } => "refused: a named pipe (FIFO), not a regular file",
        { Kind: FileKind.Socket } => "refused: a socket, not a regular file",
        { Kind: FileKind.CharacterDevice or FileKind.BlockDevice } => "refused: a device, not a regular file",
        { Kind: not FileKind.Regular } => "refused: not a regular file",
        { Links: > 1 } => $"refused: the file has {opened.Links} hard links, so it may be a file from outside the pack under a second name",
        { Size: > MaxBytes } => $"refused: {opened.Size} bytes; the limit is {MaxBytes} bytes (2 MiB)",
        _ => null,
    };

    /// <summary>Opens a file beneath the root: through the kernel's own check where it has one, else after walking the path.</summary>
    private static SafeFileHandle? Open(string root, string full, out string? problem)
    {
        if (LinuxFiles.Supported)
        {
            var handle = LinuxFiles.OpenBeneath(root, Path.GetRelativePath(root, full), out problem);

            // A refusal stands, unless it was the kernel saying it has no openat2: then the walk below.
            if (handle is not null || LinuxFiles.Supported)
            {
                return handle;
            }
        }

        // Elsewhere: walk the path without leaving the root, then open what it leads to.
        var located = Locate(root, full);
        if (located.Problem is not null)
        {
            problem = located.Problem;
            return null;
        }

        if (Directory.Exists(located.Path))
        {
            problem = "refused: a folder, not a file";
            return null;
        }

        problem = null;
        return File.OpenHandle(located.Path!, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    private static string[] Components(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static int LineAt(byte[] bytes, int offset) => bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n') + 1;
}
