using System.Collections.Immutable;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using Wayfinder.Library;
using Wayfinder.Packs;

namespace Wayfinder.Marketplace;

/// <summary>
/// Marketplaces compiled for routing, kept on disk. Each plugin (or plain
/// skill folder) is compiled alone and kept under a key: a hash of the
/// program's build and of every file below its root (path, size, time of
/// last change; links are hashed as links, never followed). A whole
/// marketplace's index is kept under the hash of its units' keys. So an
/// unchanged marketplace is read back whole, and a changed file compiles its
/// own plugin again and no other. A cache file that cannot be read or does
/// not check out is compiled again, never trusted; one that cannot be
/// written costs only the time.
/// </summary>
public sealed class MarketCache
{
    /// <summary>How many units the last load on this thread compiled from their Markdown (for tests).</summary>
    [ThreadStatic]
    internal static int Compiled;

    /// <summary>Changes whenever what a cache file holds changes.</summary>
    internal const int Format = 1;

    /// <summary>The environment variable that names the cache folder.</summary>
    public const string Variable = "WAYFINDER_CACHE";

    /// <summary>A cache in <paramref name="directory"/>, made when first written.</summary>
    /// <param name="directory">The cache folder.</param>
    public MarketCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>
    /// The cache of this user: <c>$WAYFINDER_CACHE</c>, else
    /// <c>$XDG_CACHE_HOME/wayfinder</c>, else <c>~/.cache/wayfinder</c>.
    /// </summary>
    public static MarketCache Default()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            return new MarketCache(named);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new MarketCache(Path.Join(xdg is { Length: > 0 } ? xdg : Path.Join(home.Length > 0 ? home : Path.GetTempPath(), ".cache"), "wayfinder"));
    }

    /// <summary>What the program's build is: its module's version id, so that a cache never outlives the code that wrote it.</summary>
    private static readonly string Build = typeof(MarketCache).Assembly.ManifestModule.ModuleVersionId.ToString("N") + $"/{Format}/{MarketIndex.Format}";

    /// <summary>
    /// Loads the packs of <paramref name="marketplaces"/> for routing, from
    /// the cache where it holds them. <paramref name="cache"/> null compiles
    /// everything and keeps nothing.
    /// </summary>
    internal static MarketLoad Load(IReadOnlyList<string> marketplaces, MarketCache? cache, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(marketplaces);
        var diagnostics = new List<PackDiagnostic>();
        var units = new List<(MarketUnit Unit, string Key)>();
        foreach (var folder in marketplaces)
        {
            var full = Path.GetFullPath(folder);
            if (!System.IO.Directory.Exists(full))
            {
                diagnostics.Add(new PackDiagnostic(full, 1, 1, "no such folder"));
                continue;
            }

            var market = PackFiles.RealRoot(full);
            foreach (var unit in MarketLayout.Units(market, diagnostics))
            {
                units.Add((unit, KeyOf(unit, market)));
            }
        }

        var marketKey = Hash(string.Join('\n', units.Select(u => $"{u.Unit.Name}\t{u.Unit.Description}\t{u.Key}")));
        if (cache?.ReadMarket(marketKey) is { } cached)
        {
            return Finish(cached.Index, [.. diagnostics, .. cached.Diagnostics], fromCache: true);
        }

        var documents = new List<PackDocuments>();
        var loaded = new Dictionary<int, MarkdownPack>();
        var unitDiagnostics = new List<PackDiagnostic>();
        var compiled = 0;
        Compiled = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        foreach (var (unit, key) in units)
        {
            if (cache?.ReadUnit(key) is { } kept)
            {
                documents.AddRange(kept.Documents);
                unitDiagnostics.AddRange(kept.Diagnostics);
                continue;
            }

            var found = new List<PackDiagnostic>();
            var packs = new List<MarkdownPack>();
            PackLibrary.LoadUnit(unit, found, p =>
            {
                if (p is not null)
                {
                    packs.Add(p);
                }
            });
            var read = packs.Select(PackDocuments.From).ToList();
            foreach (var pack in packs)
            {
                loaded[documents.Count + packs.IndexOf(pack)] = pack;
            }

            documents.AddRange(read);
            unitDiagnostics.AddRange(found);
            cache?.WriteUnit(key, read, found);
            compiled++;
            Compiled = compiled;
            if (progress is not null && clock.Elapsed - reported >= TimeSpan.FromSeconds(1))
            {
                reported = clock.Elapsed;
                progress.Report($"compiled {compiled} of {units.Count} plugins in {clock.Elapsed.TotalSeconds:0.0} s (kept in {cache?.Directory ?? "no cache"})");
            }
        }

        // A pack given twice (two units of one name) is loaded once: the first wins.
        var kept2 = new List<PackDocuments>();
        var keptLoaded = new Dictionary<int, MarkdownPack>();
        for (var i = 0; i < documents.Count; i++)
        {
            var card = documents[i].Card;
            if (kept2.Find(d => d.Card.Id == card.Id) is { } first)
            {
                unitDiagnostics.Add(new PackDiagnostic(card.SkillFile, 1, 1, $"pack '{card.Id}' is loaded already from {first.Card.SkillFile}; this copy is ignored"));
                continue;
            }

            if (loaded.TryGetValue(i, out var whole))
            {
                keptLoaded[kept2.Count] = whole;
            }

            kept2.Add(documents[i]);
        }

        unitDiagnostics.AddRange(PackIdentity.Conflicts([.. kept2.Select(d => d.Card)]));
        var index = MarketIndex.Build(kept2, null);
        cache?.WriteMarket(marketKey, index, unitDiagnostics);
        return Finish(index, [.. diagnostics, .. unitDiagnostics], fromCache: false, keptLoaded);
    }

    private static MarketLoad Finish(MarketIndex index, List<PackDiagnostic> diagnostics, bool fromCache, Dictionary<int, MarkdownPack>? loaded = null)
    {
        MarkdownPack? Load(int p)
        {
            if (loaded is not null && loaded.TryGetValue(p, out var whole))
            {
                return whole;
            }

            return PackLibrary.Reload(index.Packs[p], []);
        }

        return new MarketLoad(index, Load, [.. diagnostics], fromCache);
    }

    /// <summary>The key of a unit: the build, and every entry below its root by path, kind, size and time of last change.</summary>
    private static string KeyOf(MarketUnit unit, string market)
    {
        var text = new StringBuilder(Build).Append('\n').Append(unit.Root).Append('\n').Append(unit.Name).Append('\n').Append(unit.Description).Append('\n');

        // The marketplace's own listing says where plugins are: it is part of every plugin's key.
        var listing = new FileInfo(Path.Join(market, MarketLayout.Manifest));
        text.Append(listing.Exists ? $"{listing.Length}\t{listing.LastWriteTimeUtc.Ticks}\n" : "no listing\n");

        // One walk, one stat per entry, links neither followed nor recursed into.
        var entries = new FileSystemEnumerable<string>(
            unit.Root,
            (ref FileSystemEntry e) =>
            {
                var relative = Path.GetRelativePath(unit.Root, e.ToFullPath());
                return (e.Attributes & FileAttributes.ReparsePoint) != 0
                    ? $"{relative}\tlink\t{new FileInfo(e.ToFullPath()).LinkTarget}"
                    : e.IsDirectory ? $"{relative}\tfolder" : $"{relative}\t{e.Length}\t{e.LastWriteTimeUtc.UtcTicks}";
            },
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        try
        {
            foreach (var entry in entries.Order(StringComparer.Ordinal))
            {
                text.Append(entry).Append('\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            text.Append("unlisted\t").Append(Guid.NewGuid()).Append('\n');
        }

        return Hash(text.ToString());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));

    private string UnitFile(string key) => Path.Join(Directory, "packs", key + ".bin");

    private string MarketFile(string key) => Path.Join(Directory, "markets", key + ".bin");

    private (List<PackDocuments> Documents, List<PackDiagnostic> Diagnostics)? ReadUnit(string key) =>
        Read(UnitFile(key), reader =>
        {
            var count = CacheFormat.ReadCount(reader);
            var documents = new List<PackDocuments>(count);
            for (var i = 0; i < count; i++)
            {
                documents.Add(PackDocuments.Read(reader));
            }

            return (documents, ReadDiagnostics(reader));
        });

    private void WriteUnit(string key, List<PackDocuments> documents, List<PackDiagnostic> diagnostics) =>
        Write(UnitFile(key), writer =>
        {
            writer.Write(documents.Count);
            foreach (var d in documents)
            {
                d.Write(writer);
            }

            WriteDiagnostics(writer, diagnostics);
        });

    /// <summary>A marketplace's index, read in place from its mapped file; null when it is missing, from another build, or does not read back whole.</summary>
    private (MarketIndex Index, List<PackDiagnostic> Diagnostics)? ReadMarket(string key)
    {
        MappedFile? file = null;
        try
        {
            file = new MappedFile(MarketFile(key));
            using var stream = file.Stream();
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Build)
            {
                file.Dispose();
                return null;
            }

            var value = (MarketIndex.Read(reader, file), ReadDiagnostics(reader));
            if (stream.Position != stream.Length)
            {
                return null;
            }

            return value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OutOfMemoryException)
        {
            return null;
        }
    }

    private void WriteMarket(string key, MarketIndex index, List<PackDiagnostic> diagnostics) =>
        Write(MarketFile(key), writer =>
        {
            index.Write(writer);
            WriteDiagnostics(writer, diagnostics);
        });

    private static List<PackDiagnostic> ReadDiagnostics(BinaryReader reader)
    {
        var count = CacheFormat.ReadCount(reader, 10);
        var list = new List<PackDiagnostic>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new PackDiagnostic(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString()));
        }

        return list;
    }

    private static void WriteDiagnostics(BinaryWriter writer, List<PackDiagnostic> diagnostics)
    {
        writer.Write(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            writer.Write(d.File);
            writer.Write(d.Line);
            writer.Write(d.Column);
            writer.Write(d.Message);
        }
    }

    /// <summary>Reads a cache file: its header must name this build, and the rest must read whole; anything else is a miss.</summary>
    private static T? Read<T>(string file, Func<BinaryReader, T> read)
        where T : struct
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Build)
            {
                return null;
            }

            var value = read(reader);
            return stream.Position == stream.Length ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Writes a cache file whole or not at all: to a temporary file beside it, then renamed over it.</summary>
    private static void Write(string file, Action<BinaryWriter> write)
    {
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Build);
                write(writer);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done about a temporary file that cannot be removed either.
            }
        }
    }
}

/// <summary>Packs loaded for routing across: the index, how to load a pack whole, what went wrong, and whether it came from the cache.</summary>
internal sealed record MarketLoad(MarketIndex Index, Func<int, MarkdownPack?> Load, ImmutableArray<PackDiagnostic> Diagnostics, bool FromCache);
