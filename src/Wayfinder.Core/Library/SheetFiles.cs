using Wayfinder.Decisions;
using Wayfinder.Routing;

namespace Wayfinder.Library;

/// <summary>
/// Resolves a decision's destinations to files of the packs on disk: each
/// step and hand-off found gets a <c>file</c> evidence entry (its path
/// relative to the marketplace); one that is not found gets a
/// <c>missing</c> entry, so a caller sees at once which reading is not there.
/// </summary>
public static class SheetFiles
{
    public static Decision Attach(Decision decision, PackLibrary library)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(library);
        var evidence = decision.Evidence.ToList();
        var destinations = decision.Steps.Select(s => (s.Order, s.Pack, Sheet: (string?)s.Sheet))
            .Concat(decision.Handoffs.Select(h => (h.Order, h.Pack, h.Sheet)))
            .OrderBy(d => d.Order);
        foreach (var (_, pack, sheet) in destinations)
        {
            var key = sheet is null ? pack : $"{pack}/{sheet}";
            if (sheet is not null && library.FindSheet(pack, sheet) is { } found)
            {
                evidence.Add(new Evidence(EvidenceKind.File, key, found.File));
            }
            else if (sheet is null && library.FindPack(pack) is { } whole)
            {
                evidence.Add(new Evidence(EvidenceKind.File, key, Path.GetDirectoryName(whole.Sheets.FirstOrDefault()?.File ?? "")?.Replace('\\', '/') ?? ""));
            }
            else
            {
                evidence.Add(new Evidence(EvidenceKind.Missing, key, "not among the loaded packs"));
            }
        }

        return decision with { Evidence = evidence };
    }
}
