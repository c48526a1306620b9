using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wayfinder.Library;

/// <summary>What the kernel says of a file that is open.</summary>
/// <param name="Kind">Regular file, directory, FIFO, socket, device or link.</param>
/// <param name="Links">How many names (hard links) the file has.</param>
/// <param name="Size">Its length in bytes.</param>
internal readonly record struct OpenedFile(FileKind Kind, long Links, long Size);

/// <summary>The kinds of file system entry a pack may meet.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    SymbolicLink,
    Unknown,
}

/// <summary>
/// Linux system calls the pack reader needs and .NET does not offer:
/// <c>openat2</c> with <c>RESOLVE_BENEATH</c>, so the kernel itself refuses
/// any path (a symlink, a '..', a folder swapped for a link mid-read) that
/// would leave the pack root, and <c>O_NONBLOCK</c>, so opening a FIFO does
/// not wait for a writer; and <c>statx</c> on the open descriptor, so the
/// checks are of the file actually opened, not of a path looked at before.
/// </summary>
internal static partial class LinuxFiles
{
    private const long OpenAt2 = 437; // the same number on every architecture since Linux 5.6
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveBeneath = 0x08;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int EnoSys = 38;
    private const int EPerm = 1;

    private static int _unsupported;

    /// <summary>Whether the kernel can be asked to stay beneath a root (Linux 5.6 and later, on x64 or arm64).</summary>
    public static bool Supported =>
        OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && Volatile.Read(ref _unsupported) == 0;

    /// <summary>
    /// Opens <paramref name="relative"/> beneath <paramref name="root"/> for reading, without
    /// blocking and without ever resolving outside the root. Null with the reason when it cannot.
    /// </summary>
    public static SafeFileHandle? OpenBeneath(string root, string relative, out string? problem)
    {
        var rootFd = Open(root, ORdOnly | ODirectory | OCloexec, 0);
        if (rootFd < 0)
        {
            problem = $"the pack root cannot be opened ({Marshal.GetLastPInvokeErrorMessage()})";
            return null;
        }

        try
        {
            var how = new OpenHow { Flags = (ulong)(ORdOnly | ONonBlock | OCloexec | ONoCtty), Resolve = ResolveBeneath | ResolveNoMagicLinks };
            var fd = Syscall(OpenAt2, rootFd, relative, ref how, (nuint)Marshal.SizeOf<OpenHow>());
            if (fd >= 0)
            {
                problem = null;
                return new SafeFileHandle((nint)fd, ownsHandle: true);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno is EnoSys or EPerm)
            {
                // No openat2 here (an old kernel, or a sandbox that filters it): the caller falls back.
                Interlocked.Exchange(ref _unsupported, 1);
            }

            problem = errno switch
            {
                18 => "refused: it leads outside the pack root", // EXDEV
                40 => "refused: a symbolic link loop", // ELOOP
                2 => "refused: a symbolic link to nothing", // ENOENT after the entry was listed
                20 => "refused: a path through something that is not a folder", // ENOTDIR
                13 => "cannot be read: permission denied", // EACCES
                6 => "refused: a socket or a device, not a regular file", // ENXIO: a socket cannot be opened at all
                _ => $"cannot be read: {Marshal.GetPInvokeErrorMessage(errno)}",
            };
            return null;
        }
        finally
        {
            _ = Close(rootFd);
        }
    }

    /// <summary>What the kernel says of an open file.</summary>
    public static OpenedFile Describe(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[256];
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                throw new IOException($"the file cannot be examined ({Marshal.GetLastPInvokeErrorMessage()})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        // struct statx: stx_nlink at 16 (u32), stx_mode at 28 (u16), stx_size at 40 (u64).
        var links = BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Unknown,
        };
        return new OpenedFile(kind, links, size);
    }

    private static int ORdOnly => 0;

    private static int ONonBlock => 0x800;

    private static int ONoCtty => 0x100;

    private static int OCloexec => 0x80000;

    // O_DIRECTORY is the one flag used here that differs between x64 and arm64.
    private static int ODirectory => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long Syscall(long number, int dirfd, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
