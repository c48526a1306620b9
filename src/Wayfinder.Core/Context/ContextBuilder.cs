using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Text;

namespace Wayfinder.Context;

/// <summary>One section handed to the reader: where it is, how long, and its text.</summary>
public sealed record ContextSection(
    string Pack,
    string Sheet,
    string HeadingPath,
    string File,
    int StartLine,
    int EndLine,
    int Tokens,
    string Text)
{
    /// <summary>When the decision asks a question first: the answer whose route this section follows; null otherwise.</summary>
    public string? Branch { get; init; }
}

/// <summary>The sections chosen for a question under a token budget, in route order.</summary>
/// <param name="Decision">The routing decision the sections follow.</param>
/// <param name="Budget">The budget, in tokens.</param>
/// <param name="Tokens">The tokens used by the sections.</param>
/// <param name="Encoding">The tokenizer's encoding (o200k_base).</param>
/// <param name="Sections">The sections, in route order and, within a sheet, in the sheet's order.</param>
/// <param name="Missing">Destinations of the route whose sheets are not loaded.</param>
public sealed record ContextResult(
    Decision Decision,
    int Budget,
    int Tokens,
    string Encoding,
    ImmutableArray<ContextSection> Sections,
    ImmutableArray<string> Missing);

/// <summary>
/// Picks the sections that best answer a question and packs them under a
/// token budget: whole Markdown sections only (never cut in a code block).
/// Every section of every loaded sheet is scored for the question
/// (<see cref="SectionIndex.ScoreForContext"/>: BM25, headings counted twice,
/// and the section's own heading as a field of its own); a section of
/// one of the route's destinations weighs more, the earlier the destination
/// the more. The first destination's best section comes first; then the best
/// sections, wherever they are, while they fit. They are given in route order
/// (each destination's sections in its sheet's order), then the sections
/// beyond the route, best first; nothing appears twice. When the decision is
/// a clarifying question, the question comes with the sections of the answer
/// the question's words lean to (down its path), or, when they lean nowhere,
/// of its likeliest answer by sections, or of its two likeliest with half the
/// budget each when neither stands out, each section marked with its answer;
/// an answer that only leads to a further question is followed to that
/// question's likeliest answer.
/// </summary>
public static class ContextBuilder
{
    /// <summary>The default budget, in tokens.</summary>
    public const int DefaultBudget = 4000;

    /// <summary>How much more a section of the route's first destination weighs than one beyond the route (the k-th destination: this divided by k).</summary>
    internal const double RouteBoost = 1.0;

    /// <summary>How many sections in a row may be too long for what is left of the budget before the rest are not tried.</summary>
    internal const int MaxMisfits = 64;

    /// <summary>An answer stands out, and takes the whole budget, when its best section scores this much more than the next answer's.</summary>
    internal const double BranchLead = 1.25;

    /// <summary>
    /// How many further questions an answer is followed through to reach sheets
    /// (an answer that only asks again has none of its own, so it would never be
    /// the likeliest: on train and dev, +2 and +2.7 points right sheet, +1 and
    /// +2.7 first section from a right sheet).
    /// </summary>
    internal const int FollowUps = 1;

    /// <summary>The sections of <paramref name="library"/> that best answer <paramref name="question"/> under <paramref name="budget"/> tokens, the route's destinations first; a clarifying question gets no branch sections (give the answer callback for them).</summary>
    /// <param name="question">The question as asked.</param>
    /// <param name="decision">How it was routed.</param>
    /// <param name="library">The packs whose sections may be given.</param>
    /// <param name="budget">The most tokens of section text.</param>
    /// <param name="counter">Counts the tokens.</param>
    public static ContextResult Build(string question, Decision decision, PackLibrary library, int budget, TokenCounter counter) =>
        Build(question, decision, library, budget, counter, answer: null);

    /// <summary>
    /// As <see cref="Build(string, Decision, PackLibrary, int, TokenCounter)"/>;
    /// <paramref name="answer"/> routes the question again with more answers
    /// (after those already given, in order), so a clarifying question's
    /// answers can be followed to their sections.
    /// </summary>
    public static ContextResult Build(string question, Decision decision, PackLibrary library, int budget, TokenCounter counter, Func<IReadOnlyList<string>, Decision>? answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);

        var index = SectionIndex.Of(library);
        var scores = index.ScoreForContext(question);
        if (decision.Question is { } asked && answer is not null)
        {
            return Branches(question, decision, asked, library, index, scores, budget, counter, answer);
        }

        var missing = ImmutableArray.CreateBuilder<string>();
        var (sections, used) = Pick(decision, library, index, scores, budget, counter, missing, branch: null);
        return new ContextResult(decision, budget, used, TokenCounter.Encoding, sections, missing.ToImmutable());
    }

    /// <summary>
    /// The sections of the answer the question's words lean to (<see cref="ClarifyingQuestion.Leaning"/>);
    /// with no lean, of the answer whose sheets hold the best section, or of the two best with half the budget each.
    /// </summary>
    private static ContextResult Branches(string question, Decision decision, ClarifyingQuestion asked, PackLibrary library, SectionIndex index, double[] scores, int budget, TokenCounter counter, Func<IReadOnlyList<string>, Decision> answer)
    {
        var taken = new List<(QuestionChoice Choice, Decision Decision, double Best)>();
        if (asked.Leaning.Count > 0 && asked.Options.FirstOrDefault(o => o.Answer == asked.Leaning[0]) is { } leaned)
        {
            // The router's own reading leans to an answer, down its path: that branch takes the whole
            // budget (train 92.0 / 61.0 / 78.0 to 95.0 / 63.0 / 82.0, dev 90.7 / 60.0 / 86.7 to
            // 90.7 / 61.3 / 88.0, right sheet / right section / first right; sharing the budget with
            // the next branch by sections gained nothing on dev).
            var (routed, best) = Follow([.. asked.Leaning], answer, library, index, scores);
            taken.Add((leaned, routed, best));
        }
        else
        {
            var branches = new List<(QuestionChoice Choice, Decision Decision, double Best)>();
            foreach (var choice in asked.Options)
            {
                var (routed, best) = Follow([choice.Answer], answer, library, index, scores);
                branches.Add((choice, routed, best));
            }

            var ranked = branches.Select((b, i) => (b, i)).OrderByDescending(x => x.b.Best).ThenBy(x => x.i).Select(x => x.b).ToList();
            taken = ranked.Count > 1 && ranked[0].Best < BranchLead * ranked[1].Best ? ranked.Take(2).ToList() : ranked.Take(1).ToList();
        }

        var share = taken.Count == 0 ? budget : budget / taken.Count;
        var all = ImmutableArray.CreateBuilder<ContextSection>();
        var missing = ImmutableArray.CreateBuilder<string>();
        var used = 0;
        var seen = new HashSet<(string, int)>();
        foreach (var (choice, routed, _) in taken)
        {
            var (sections, tokens) = Pick(routed, library, index, scores, share, counter, missing, choice.Answer, seen);
            all.AddRange(sections);
            used += tokens;
        }

        return new ContextResult(decision, budget, used, TokenCounter.Encoding, all.ToImmutable(), [.. missing.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Where <paramref name="answers"/> lead, and the best score of a section on
    /// that route; when they lead only to a further question, its likeliest
    /// answer's route instead (up to <see cref="FollowUps"/> questions deep).
    /// </summary>
    private static (Decision Routed, double Best) Follow(List<string> answers, Func<IReadOnlyList<string>, Decision> answer, PackLibrary library, SectionIndex index, double[] scores)
    {
        var routed = answer(answers);
        var best = Best(routed, library, index, scores);
        if (answers.Count <= FollowUps && routed.Status == DecisionStatus.Clarify && routed.Question is { } further)
        {
            foreach (var next in further.Options)
            {
                var (deeper, score) = Follow([.. answers, next.Answer], answer, library, index, scores);
                if (score > best)
                {
                    (routed, best) = (deeper, score);
                }
            }
        }

        return (routed, best);
    }

    /// <summary>The best score of a section of one of a route's sheets (0 for a route with none).</summary>
    private static double Best(Decision routed, PackLibrary library, SectionIndex index, double[] scores)
    {
        var onRoute = new bool[index.SheetCount];
        foreach (var sheet in Destinations(routed, library).SelectMany(d => d.Sheets))
        {
            if (index.OrdinalOf(sheet) is var o and >= 0)
            {
                onRoute[o] = true;
            }
        }

        var best = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (onRoute[index.SheetOf[i]])
            {
                best = Math.Max(best, scores[i]);
            }
        }

        return best;
    }

    /// <summary>A route's destinations in order, each with the loaded sheets it stands for (a pack alone stands for all its sheets).</summary>
    private static List<(string Name, ImmutableArray<MarkdownSheet> Sheets)> Destinations(Decision decision, PackLibrary library) =>
        [.. decision.Steps.Select(s => (s.Order, Pack: s.Pack, Sheet: (string?)s.Sheet))
            .Concat(decision.Handoffs.Select(h => (h.Order, h.Pack, h.Sheet)))
            .OrderBy(d => d.Order)
            .Select(d => (d.Sheet is null ? d.Pack : $"{d.Pack}/{d.Sheet}",
                d.Sheet is null
                    ? library.FindPack(d.Pack)?.Sheets ?? []
                    : library.FindSheet(d.Pack, d.Sheet) is { } one ? [one] : ImmutableArray<MarkdownSheet>.Empty))];

    /// <summary>The sections for one route under <paramref name="budget"/>, in the order given back, and the tokens they use.</summary>
    private static (ImmutableArray<ContextSection> Sections, int Used) Pick(
        Decision decision, PackLibrary library, SectionIndex index, double[] scores, int budget, TokenCounter counter,
        ImmutableArray<string>.Builder missing, string? branch, HashSet<(string File, int Line)>? seen = null)
    {
        seen ??= [];
        var destinations = Destinations(decision, library);
        var rank = new int[index.SheetCount];
        Array.Fill(rank, int.MaxValue);
        for (var d = 0; d < destinations.Count; d++)
        {
            if (destinations[d].Sheets.IsEmpty)
            {
                missing.Add(destinations[d].Name);
            }

            foreach (var sheet in destinations[d].Sheets)
            {
                if (index.OrdinalOf(sheet) is var o and >= 0 && rank[o] == int.MaxValue)
                {
                    rank[o] = d;
                }
            }
        }

        // Candidates: every section of the route, and every section beyond it the question's words reach; weighed once.
        var top = 0.0;
        foreach (var score in scores)
        {
            top = Math.Max(top, score);
        }

        var count = 0;
        var keys = new double[scores.Length];
        var items = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var d = rank[index.SheetOf[i]];
            if (d == int.MaxValue && scores[i] <= 0)
            {
                continue;
            }

            var relevance = top > 0 ? scores[i] / top : 0;
            var weight = d == int.MaxValue ? relevance : (relevance + 1e-9) * (1 + (RouteBoost / (d + 1)));

            // Sorted on the negated weight; ties go to the earlier destination, then to the earlier section.
            keys[count] = -weight - (1e-12 * Math.Min(d, 1_000)) - (1e-15 * i);
            items[count++] = i;
        }

        // Only the best few are ever read: a heap hands them out in order without sorting them all.
        var lead = -1;
        for (var k = 0; k < count; k++)
        {
            if (rank[index.SheetOf[items[k]]] == 0 && (lead < 0 || keys[k] < keys[lead]))
            {
                lead = k;
            }
        }

        var queue = new PriorityQueue<int, double>(count);
        for (var k = 0; k < count; k++)
        {
            if (k != lead)
            {
                queue.Enqueue(items[k], keys[k]);
            }
        }

        var chosen = new List<(int Index, int Order, int Tokens)>();
        var used = 0;
        var misfits = 0;
        var next = lead >= 0 ? items[lead] : -1;
        while ((next >= 0 || queue.TryDequeue(out next, out _)) && misfits < MaxMisfits && used < budget)
        {
            var i = next;
            next = -1;
            var (sheet, section) = index.Sections[i];
            if (seen.Contains((sheet.File, section.StartLine)))
            {
                continue;
            }

            var tokens = TokensOf(section, counter);
            if (used + tokens > budget)
            {
                misfits++;
                continue; // too long for what is left: the next best may fit
            }

            seen.Add((sheet.File, section.StartLine));
            misfits = 0;
            used += tokens;
            chosen.Add((i, chosen.Count, tokens));
        }

        var ordered = chosen
            .OrderBy(c => rank[index.SheetOf[c.Index]])
            .ThenBy(c => rank[index.SheetOf[c.Index]] != int.MaxValue ? 0 : c.Order)
            .ThenBy(c => index.Sections[c.Index].Sheet.Id, StringComparer.Ordinal)
            .ThenBy(c => index.Sections[c.Index].Section.StartLine)
            .Select(c => Section(index.Sections[c.Index].Sheet, index.Sections[c.Index].Section, c.Tokens) with { Branch = branch });
        return ([.. ordered], used);
    }

    /// <summary>A section as handed to the reader.</summary>
    internal static ContextSection Section(MarkdownSheet sheet, SheetSection section, int tokens) =>
        new(sheet.Pack, sheet.Id, section.HeadingPath, sheet.File, section.StartLine, section.EndLine, tokens, section.Text);

    /// <summary>Token counts of sections, counted once (the count of a text never changes).</summary>
    private static readonly ConditionalWeakTable<SheetSection, StrongBox<int>> Counts = [];

    internal static int TokensOf(SheetSection section, TokenCounter counter) =>
        Counts.GetValue(section, s => new StrongBox<int>(counter.Count(s.Text))).Value;
}
