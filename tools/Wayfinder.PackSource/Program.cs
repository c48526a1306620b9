using Wayfinder.Packs;

// wayfinder-pack-source MANIFEST OUTPUT [--class NAME] [--check]
// Writes OUTPUT (C# that constructs the pack of MANIFEST); with --check, only says whether OUTPUT is what MANIFEST writes (exit 1 when not).
if (args.Length < 2 || args[0].StartsWith('-') || args[1].StartsWith('-'))
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Wayfinder.PackSource -- MANIFEST OUTPUT [--class NAME] [--check]");
    return 2;
}

var manifest = args[0];
var output = args[1];
var check = args.Contains("--check");
var at = Array.IndexOf(args, "--class");
var className = at >= 0 && at + 1 < args.Length ? args[at + 1] : Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(output));
var pack = PackLoader.Load(File.ReadAllText(manifest), manifest);
var source = PackSourceWriter.Write(pack, className, Path.GetFileName(manifest));
if (check)
{
    var same = File.Exists(output) && File.ReadAllText(output) == source;
    Console.Error.WriteLine(same ? $"{output} is what {manifest} writes" : $"{output} differs from what {manifest} writes: run without --check to write it");
    return same ? 0 : 1;
}

File.WriteAllText(output, source);
Console.Error.WriteLine($"wrote {output} from {manifest}");
return 0;
