using System.Diagnostics;
using System.Net.Sockets;

namespace Wayfinder.Core.Tests.Support;

/// <summary>File system entries .NET cannot make itself: FIFOs, sockets and hard links, made with the system's own tools.</summary>
internal static class Posix
{
    public static void MakeFifo(string path) => Run("mkfifo", path);

    public static void HardLink(string existing, string link) => Run("ln", existing, link);

    /// <summary>A Unix domain socket bound at <paramref name="path"/>; dispose it to close it.</summary>
    public static Socket BindSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed: {error}");
        }
    }
}
