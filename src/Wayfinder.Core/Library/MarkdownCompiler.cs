using System.Collections.Immutable;
using Wayfinder.Library.Inference;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// What a router's Markdown compiled to: the routing pack it implies and what
/// could not be read from it. The manifest text is written only when asked
/// for (<c>wayfinder infer</c>), from the pack itself.
/// </summary>
public sealed class CompiledPack
{
    private readonly Lazy<string> _yaml;

    internal CompiledPack(RoutingPack? pack, ImmutableArray<PackDiagnostic> diagnostics, string source)
    {
        Pack = pack;
        Diagnostics = diagnostics;
        _yaml = new Lazy<string>(() => pack is null ? "" : PackYamlWriter.Write(pack, $"Inferred from {source} by Wayfinder; see docs/packs.md."));
    }

    /// <summary>The inferred routing manifest, in the built-in pack's format (docs/packs.md).</summary>
    public string Yaml => _yaml.Value;

    /// <summary>The routing pack the router's Markdown implies; null when it implies none.</summary>
    public RoutingPack? Pack { get; }

    /// <summary>What the router names but could not be read as a route (a sheet name that names no sheet, or several), with file and line.</summary>
    public ImmutableArray<PackDiagnostic> Diagnostics { get; }

    /// <summary>The manifest's YAML, the pack, and the diagnostics, in that order.</summary>
    /// <param name="yaml">The manifest as YAML.</param>
    /// <param name="pack">The routing pack; null when none could be read.</param>
    /// <param name="diagnostics">What could not be read as a route.</param>
    public void Deconstruct(out string yaml, out RoutingPack? pack, out ImmutableArray<PackDiagnostic> diagnostics) =>
        (yaml, pack, diagnostics) = (Yaml, Pack, Diagnostics);
}

/// <summary>
/// Reads a skill pack's router (SKILL.md) as the routing pack it implies, so
/// the same engine that applies the built-in pack applies it. The Markdown is
/// parsed once (<see cref="MarkdownDocument"/>) and each construct has its
/// own reader:
/// <list type="bullet">
/// <item>catalogue entries give the reading order, summaries and the words that point at each sheet (<see cref="CatalogueReader"/>);</item>
/// <item>concern blocks and their symptoms give concerns (<see cref="ConcernReader"/>);</item>
/// <item>lines that send questions to another pack give hand-offs (<see cref="HandoffReader"/>);</item>
/// <item>clarification sections give questions and their answers (<see cref="ClarificationReader"/>), and worked examples more answers or ordered routes (<see cref="ExampleReader"/>);</item>
/// <item>symptom sections (<see cref="SymptomSectionReader"/>), decision tables and scenario rows (<see cref="TableReader"/>), "situation → sheet" lines and decision trees (<see cref="ArrowReader"/>) give words and rules;</item>
/// <item>routing mistakes give negative evidence for the wrong route (<see cref="MistakeReader"/>).</item>
/// </list>
/// Everything is derived from the pack's own text; nothing is specific to one pack.
/// </summary>
public static class MarkdownCompiler
{
    /// <summary>A block naming more sheets than this is a catalog or an example, not one concern.</summary>
    internal const int MaxSheetsPerConcern = ConcernReader.MaxSheetsPerConcern;

    /// <summary>The confidence of every route of an inferred manifest: nothing calibrates it.</summary>
    internal const double UncalibratedConfidence = 0.5;

    /// <summary>A single word claimed by this many sheets or more tells none of them apart.</summary>
    internal const int MaxSheetsPerWord = ManifestBuilder.MaxSheetsPerWord;

    /// <summary>Compiles <paramref name="pack"/>'s router, handing off to the packs of <paramref name="others"/> it names.</summary>
    public static CompiledPack Compile(MarkdownPack pack, IReadOnlyList<MarkdownPack> others)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(others);
        return Compile(pack, MarkdownDocument.Parse(pack.SkillFile, pack.RouterText), others);
    }

    /// <summary>Compiles a router already parsed.</summary>
    internal static CompiledPack Compile(MarkdownPack pack, MarkdownDocument document, IReadOnlyList<MarkdownPack> others)
    {
        var draft = new Draft(pack, [.. WithNamedPacks(pack, document, others)], document);
        CatalogueReader.Read(draft);
        ConcernReader.Read(draft);
        ClarificationReader.MarkAnswers(draft);
        HandoffReader.Read(draft);
        ClarificationReader.Read(draft);
        ExampleReader.Read(draft);
        ConcernReader.Symptoms(draft);
        SymptomSectionReader.Read(draft);
        TableReader.Read(draft);
        MistakeReader.Read(draft);
        ArrowReader.Read(draft);
        var routing = new ManifestBuilder(draft, UncalibratedConfidence).Build();
        return new CompiledPack(routing, [.. draft.Diagnostics.DistinctBy(d => (d.Line, d.Column, d.Message))], Path.GetFileName(pack.SkillFile));
    }

    /// <summary>
    /// The packs <paramref name="pack"/>'s router hands questions to: those of
    /// <paramref name="others"/>, then every pack it names in a code span after
    /// "use", "route to" or "hand off to" (<c>(use `drone-design`)</c>)
    /// that is neither among them nor one of its own sheets, as a pack with no
    /// sheets known. A hand-off stays a hand-off when its pack is not on disk;
    /// without this, the words around the name were read as one of the
    /// router's own sheets.
    /// </summary>
    internal static List<MarkdownPack> WithNamedPacks(MarkdownPack pack, MarkdownDocument document, IReadOnlyList<MarkdownPack> others)
    {
        var packs = others.Where(o => o.Id != pack.Id).ToList();
        foreach (var text in document.Texts)
        {
            foreach (var code in text.Code)
            {
                var name = code.Text;
                if (!IsHandoffName(name) || !AfterVerb(text.Plain, code.Start))
                {
                    continue;
                }

                var known = name == pack.Name || PackNames.Refers(pack.Id, name)
                    || pack.Sheets.Any(s => s.Id == name || s.Id.StartsWith(name + "-", StringComparison.Ordinal) || s.Id.EndsWith("-" + name, StringComparison.Ordinal))
                    || packs.Exists(o => o.Name == name || PackNames.Refers(o.Id, name) || o.Sheets.Any(s => s.Id == name));
                if (!known)
                {
                    packs.Add(new MarkdownPack(name, name, "", "", [], "", []));
                }
            }
        }

        return packs;
    }

    /// <summary>A kebab-case name of two words or more, lower case.</summary>
    private static bool IsHandoffName(string name) =>
        name.Contains('-', StringComparison.Ordinal) && !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal)
        && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    private static readonly string[] HandoffVerbs = ["use", "route to", "hand off to"];

    /// <summary>Whether the words right before <paramref name="at"/> are "use", "route to" or "hand off to".</summary>
    private static bool AfterVerb(string plain, int at)
    {
        var before = plain[..at];
        if (before.Length == 0 || !char.IsWhiteSpace(before[^1]))
        {
            return false;
        }

        before = before.TrimEnd();
        return HandoffVerbs.Any(verb =>
            before.EndsWith(verb, StringComparison.OrdinalIgnoreCase) && Phrases.WordAt(before, before.Length - verb.Length, verb));
    }
}
