using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Text;

namespace Wayfinder.Library;

public static partial class MarkdownCompiler
{
    /// <summary>A destination while compiling: a sheet of this pack, or another pack (with an optional sheet).</summary>
    private sealed record Dest(string Pack, string? Sheet)
    {
        public string Key(string own) => Pack == own ? Sheet! : Sheet is null ? Pack : $"{Pack}/{Sheet}";
    }

    private sealed class ConcernBlock
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public int? Number { get; init; }
        public string KeyQuestion { get; set; } = "";
        public List<string> Sheets { get; } = [];
        public List<string> Symptoms { get; } = [];
        public int Line { get; init; }
    }

    private sealed class Option
    {
        public required string Answer { get; init; }
        public required string Label { get; init; }
        public List<string> GivenBy { get; } = [];
        public string? Next { get; set; }
        public List<Dest> Route { get; } = [];
        public bool Alternatives { get; init; }
    }

    private sealed class Ask
    {
        public required string Id { get; init; }
        public required string Text { get; init; }
        public List<string> Triggers { get; } = [];
        public List<Option> Options { get; } = [];
    }

    private sealed record Rule(string Id, string Source, List<string> Words, List<Dest> Route);

    /// <summary>Reads one router into the parts of a manifest.</summary>
    private sealed class Reader(MarkdownPack pack, ImmutableArray<MarkdownPack> sisters)
    {
        private readonly string[] _lines = pack.RouterText.Split('\n');
        private readonly List<ConcernBlock> _concerns = [];
        private readonly Dictionary<string, List<string>> _sheetTerms = pack.Sheets.ToDictionary(s => s.Id, _ => new List<string>(), StringComparer.Ordinal);
        private readonly Dictionary<string, int> _stage = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _summary = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _handoffTerms = new(StringComparer.Ordinal);
        private readonly List<Ask> _asks = [];
        private readonly List<Rule> _rules = [];
        private readonly Dictionary<string, List<string>> _concernTerms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _toolTerms = new(StringComparer.Ordinal);
        private TermMatcher? _described;
        private int _describedTerms;

        private List<string> ToolTerms(string sheet)
        {
            if (!_toolTerms.TryGetValue(sheet, out var terms))
            {
                _toolTerms[sheet] = terms = [];
            }

            return terms;
        }
        private bool[] _fenced = [];
        private readonly HashSet<string> _packWords = [.. Content(pack.Id.Replace('-', ' ') + " " + pack.Name.Replace('-', ' '))];

        public Model Read()
        {
            _fenced = MarkdownFences.Mark(_lines);
            Catalog();
            Concerns();
            SheetWords();
            Distinctions();
            Handoffs();
            Questions();
            Examples();
            Symptoms();
            Rules();
            return new Model(pack, sisters, _concerns, _sheetTerms, _stage, _summary, _handoffTerms, _asks, _rules, _concernTerms, _toolTerms, HeadingWords());
        }

        /// <summary>Sheets named on a line of prose, in the order they appear (links, backticks, bare names, partial kebab names).</summary>
        private List<Dest> Named(string text)
        {
            var found = new List<(int At, Dest Dest)>();
            var lower = text.ToLowerInvariant();
            foreach (Match m in Kebab().Matches(lower))
            {
                var name = m.Value;
                var sheet = pack.Sheets.FirstOrDefault(s => s.Id == name)
                    ?? (name.Contains('-', StringComparison.Ordinal) ? pack.Sheets.FirstOrDefault(s => s.Id.EndsWith("-" + name, StringComparison.Ordinal) || s.Id.StartsWith(name + "-", StringComparison.Ordinal)) : null);
                if (sheet is not null)
                {
                    found.Add((m.Index, new Dest(pack.Id, sheet.Id)));
                    continue;
                }

                foreach (var sister in sisters)
                {
                    var sisterSheet = sister.Sheets.FirstOrDefault(s => s.Id == name);
                    if (sisterSheet is not null)
                    {
                        found.Add((m.Index, new Dest(sister.Id, sisterSheet.Id)));
                        break;
                    }

                    if (name.Contains('-', StringComparison.Ordinal) && (PackNames.Refers(sister.Id, name) || name == sister.Name))
                    {
                        found.Add((m.Index, new Dest(sister.Id, null)));
                        break;
                    }
                }

                if (name.Contains('-', StringComparison.Ordinal) && (PackNames.Refers(pack.Id, name) || name == pack.Name))
                {
                    found.Add((m.Index, new Dest(pack.Id, null)));
                }
            }

            foreach (Match m in CategoryNumber().Matches(text))
            {
                var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (_concerns.FirstOrDefault(c => c.Number == n) is { Sheets.Count: > 0 } c && !found.Exists(f => f.Dest.Pack == pack.Id && c.Sheets.Contains(f.Dest.Sheet!)))
                {
                    found.Add((m.Index, new Dest(pack.Id, c.Sheets[0])));
                }
            }

            // A sister sheet named right after its pack belongs to it; the pack alone is then redundant.
            var ordered = found.OrderBy(f => f.At).Select(f => f.Dest).ToList();
            var result = new List<Dest>();
            foreach (var d in ordered)
            {
                if (d.Sheet is not null && d.Pack != pack.Id && result.Count > 0 && result[^1] == new Dest(d.Pack, null))
                {
                    result[^1] = d;
                    continue;
                }

                if (!result.Contains(d))
                {
                    result.Add(d);
                }
            }

            return result;
        }

        /// <summary>
        /// The words of each sheet's own headings that no other sheet's headings
        /// use: single words and pairs, weighted 2 when several headings of the
        /// sheet use them, else 1. They settle what the router's words leave open.
        /// </summary>
        private Dictionary<string, Dictionary<string, int>> HeadingWords()
        {
            var bySheet = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            foreach (var sheet in pack.Sheets)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var heading in sheet.Sections.Where(x => x.Level is >= 1 and <= 4).Select(x => x.HeadingPath.Split(" > ")[^1]))
                {
                    var words = Content(heading).Where(w => w.Length >= 3 && !w.All(char.IsDigit) && !_packWords.Contains(w)).ToList();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    for (var k = 0; k < words.Count; k++)
                    {
                        seen.Add(words[k]);
                        if (k + 1 < words.Count)
                        {
                            seen.Add(words[k] + " " + words[k + 1]);
                        }
                    }

                    foreach (var term in seen)
                    {
                        counts[term] = counts.GetValueOrDefault(term) + 1;
                    }
                }

                bySheet[sheet.Id] = counts;
            }

            var spread = bySheet.Values.SelectMany(c => c.Keys).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return bySheet.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.Where(t => spread[t.Key] == 1).ToDictionary(t => t.Key, t => t.Value >= 2 ? 2 : 1, StringComparer.Ordinal),
                StringComparer.Ordinal);
        }

        /// <summary>The numbered list that links every sheet (the catalog) sets the reading order; else the order of first mention.</summary>
        private void Catalog()
        {
            var order = new List<string>();
            for (var i = 0; i < _lines.Length; i++)
            {
                if (_fenced[i] || ListItem().Match(_lines[i]) is not { Success: true } item)
                {
                    continue;
                }

                var named = Links(_lines[i]);
                if (named.Count == 1 && !order.Contains(named[0]))
                {
                    order.Add(named[0]);
                    var description = item.Groups[1].Value;
                    var dash = description.IndexOf(" - ", StringComparison.Ordinal);
                    if (dash > 0 && !_summary.ContainsKey(named[0]))
                    {
                        _summary[named[0]] = Plain(description[(dash + 3)..]);
                    }
                }
            }

            // The catalog: the longest run of numbered items that each link one sheet.
            var numbered = new List<string>();
            var run = new List<string>();
            for (var i = 0; i <= _lines.Length; i++)
            {
                if (i < _lines.Length && _lines[i].Trim().Length == 0)
                {
                    continue;
                }

                if (i < _lines.Length && !_fenced[i] && Regex.IsMatch(_lines[i], @"^\s*\d+\.\s") && Links(_lines[i]) is [var only])
                {
                    if (!run.Contains(only))
                    {
                        run.Add(only);
                    }

                    continue;
                }

                if (run.Count > numbered.Count)
                {
                    numbered = run;
                }

                run = [];
            }

            var stage = 0;
            foreach (var id in (numbered.Count * 2 >= pack.Sheets.Length ? numbered : order).Concat(order).Concat(pack.Sheets.Select(s => s.Id)))
            {
                _stage.TryAdd(id, ++stage);
            }
        }

        /// <summary>Sheets linked on a line ([x.md](x.md)) or named in backticks, in order.</summary>
        private List<string> Links(string line)
        {
            var ids = new List<string>();
            foreach (Match m in Link().Matches(line))
            {
                var target = Path.GetFileNameWithoutExtension(m.Groups[2].Value.Split('#')[0]);
                if (pack.Sheets.Any(s => s.Id == target) && !ids.Contains(target))
                {
                    ids.Add(target);
                }
            }

            return ids;
        }

        /// <summary>A section with a symptom line or a "routes to" list that names a few sheets is a concern.</summary>
        private void Concerns()
        {
            foreach (var section in pack.RouterSections)
            {
                var lines = section.Text.Split('\n');
                var marked = lines.Any(l => SymptomLine().IsMatch(l) || RoutesToLine().IsMatch(l));
                var heading = section.HeadingPath.Split(" > ")[^1];
                if (!marked || QuotedHeading().IsMatch(heading))
                {
                    continue;
                }

                var sheets = lines.SelectMany(Links).Distinct(StringComparer.Ordinal).ToList();
                if (sheets.Count is 0 or > MaxSheetsPerConcern)
                {
                    continue;
                }

                var number = CategoryNumber().Match(heading) is { Success: true } n ? int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
                var title = Regex.Replace(heading, @"^\s*(category|step|part)\s+\d+\s*[:.\-–]\s*", "", RegexOptions.IgnoreCase).Trim();
                var id = Slug(title);
                if (id.Length == 0 || _concerns.Exists(c => c.Id == id))
                {
                    id = "concern-" + (_concerns.Count + 1).ToString(CultureInfo.InvariantCulture);
                }

                var block = new ConcernBlock { Id = id, Title = title, Number = number, Line = section.StartLine };
                block.Sheets.AddRange(sheets.OrderBy(s => _stage.GetValueOrDefault(s, int.MaxValue)));
                foreach (var line in lines)
                {
                    if (AskLine().IsMatch(line) && Quoted().Match(line) is { Success: true } q)
                    {
                        block.KeyQuestion = q.Groups[1].Value;
                    }

                    if (SymptomLine().IsMatch(line))
                    {
                        block.Symptoms.AddRange(Quoted().Matches(line).Select(m => m.Groups[1].Value));
                    }
                }

                _concerns.Add(block);
            }
        }

        /// <summary>Words for each sheet: what every line naming only that sheet says after the link, split into items.</summary>
        private void SheetWords()
        {
            foreach (var sheet in pack.Sheets)
            {
                AddTerm(_sheetTerms[sheet.Id], Term(sheet.Id.Replace('-', ' ')));
                AddTerm(_sheetTerms[sheet.Id], Term(sheet.Title));
            }

            for (var i = 0; i < _lines.Length; i++)
            {
                // "Nightly jobs, cron, backfills: [schedules.md](schedules.md)": the words before a link that ends its line.
                if (!_fenced[i] && Links(_lines[i]) is [var last] && Regex.Match(_lines[i], @"^\s*(?:[-*+]\s+|\d+\.\s+)?([^\[]{3,}?)\s*(?::|-|—|→)?\s*\[[^\]]*\]\([^)]*\)\s*\.?\s*$") is { Success: true } before
                    && !Quoted().IsMatch(before.Groups[1].Value))
                {
                    foreach (var part in Items(before.Groups[1].Value))
                    {
                        AddTerm(_sheetTerms[last], Term(part));
                    }
                }

                if (_fenced[i] || ListItem().Match(_lines[i]) is not { Success: true } item)
                {
                    continue;
                }

                var links = Links(_lines[i]);
                if (links.Count != 1)
                {
                    continue;
                }

                // "[x.md](x.md) - what it covers": the words after a description dash.
                var described = Regex.Match(item.Groups[1].Value, @"\]\([^)]*\)\s*(?:-|—|–|:)\s+(.*)$");
                if (!described.Success)
                {
                    continue;
                }

                var text = Link().Replace(described.Groups[1].Value, "");
                foreach (var part in Items(text))
                {
                    // A product's name (FastAPI, gRPC, ONNX) says how, not what: it trails the concern named.
                    AddTerm(IsToolName(part) ? ToolTerms(links[0]) : _sheetTerms[links[0]], Term(part));
                }
            }
        }

        /// <summary>"Serving patterns = HOW to expose model (API, container, batching)": the words in brackets point at that sheet.</summary>
        private void Distinctions()
        {
            for (var i = 0; i < _lines.Length; i++)
            {
                if (_fenced[i] || Quoted().IsMatch(_lines[i]) || ListItem().Match(_lines[i]) is not { Success: true } item || Distinction().Match(item.Groups[1].Value) is not { Success: true } d)
                {
                    continue;
                }

                var sheet = Best(d.Groups[1].Value, sheetsOnly: true);
                if (sheet is null)
                {
                    continue;
                }

                foreach (var part in Items(d.Groups[2].Value))
                {
                    AddTerm(_sheetTerms[sheet], Term(part));
                }
            }
        }

        /// <summary>The sheet a short name stands for ("Serving patterns", "Monitoring"), by the share of its id's words it carries.</summary>
        private string? Best(string name, bool partial = false, bool sheetsOnly = false)
        {
            var words = Content(name).Select(Root).ToHashSet(StringComparer.Ordinal);
            if (words.Count == 0)
            {
                return null;
            }

            string? best = null;
            var bestScore = 0.0;
            foreach (var sheet in pack.Sheets)
            {
                var id = Content(sheet.Id.Replace('-', ' ')).Select(Root).ToHashSet(StringComparer.Ordinal);
                var shared = words.Count(w => id.Any(i => Same(i, w)));
                if (shared == 0 || shared < (partial ? (words.Count + 1) / 2 : words.Count))
                {
                    continue;
                }

                var score = (double)shared / id.Count;
                if (score > bestScore)
                {
                    (best, bestScore) = (sheet.Id, score);
                }
            }

            foreach (var concern in sheetsOnly ? [] : _concerns)
            {
                var title = Content(concern.Title).Select(Root).ToHashSet(StringComparer.Ordinal);
                var shared = words.Count(w => title.Any(t => Same(t, w)));
                if (shared > 0 && shared >= (partial ? (words.Count + 1) / 2 : words.Count) && (double)shared / title.Count > bestScore && concern.Sheets.Count > 0)
                {
                    (best, bestScore) = (concern.Sheets[0], (double)shared / title.Count);
                }
            }

            return best;
        }

        /// <summary>Clarification sections: a heading quoting a query, "**Ask**: "…"", answers as "- label → route", follow-ups nested.</summary>
        private void Questions()
        {
            foreach (var section in pack.RouterSections)
            {
                var heading = section.HeadingPath.Split(" > ")[^1];
                if (!QuotedHeading().IsMatch(heading) || Quoted().Match(heading) is not { Success: true } query)
                {
                    continue;
                }

                var lines = section.Text.Split('\n');
                var askAt = Array.FindIndex(lines, l => AskLine().IsMatch(l) && Quoted().IsMatch(l));
                if (askAt < 0)
                {
                    continue;
                }

                var ask = ReadAsk(Slug(query.Groups[1].Value), Quoted().Match(lines[askAt]).Groups[1].Value, lines, askAt + 1, Indent(lines[askAt]) - 1);
                if (ask is null)
                {
                    continue;
                }

                ask.Triggers.AddRange(Content(query.Groups[1].Value).Where(w => !_packWords.Contains(w) && w is not ("too" or "well" or "isn" or "doesn")));
            }
        }

        /// <summary>
        /// Worked examples: a <c>**Query**: "…"</c> line, then numbered steps. With an
        /// <c>Ask: "…"</c> step, its <c>If "answer":</c> steps and the sheets listed
        /// under them are answers of the router's question that asks the same (or,
        /// where an answer only named a concern, the sheets it really reads). Without
        /// one, the steps are a route in order for questions holding all the query's words.
        /// </summary>
        private void Examples()
        {
            foreach (var section in pack.RouterSections)
            {
                var lines = section.Text.Split('\n');
                var queryAt = Array.FindIndex(lines, l => ExampleQuery().IsMatch(l));
                if (queryAt < 0 || Quoted().Match(lines[queryAt]) is not { Success: true } query)
                {
                    continue;
                }

                var steps = lines.Skip(queryAt + 1).Select((l, k) => (Line: l, At: queryAt + 1 + k))
                    .Where(x => Regex.IsMatch(x.Line, @"^\d+\.\s")).ToList();
                var askStep = steps.FirstOrDefault(x => AskStep().IsMatch(x.Line) && Quoted().IsMatch(x.Line));
                if (askStep.Line is null)
                {
                    Route(section, query.Groups[1].Value, steps.Select(x => x.Line).ToList());
                    continue;
                }

                var askText = Quoted().Match(askStep.Line).Groups[1].Value;
                var words = Content(askText).Select(Root).ToHashSet(StringComparer.Ordinal);
                // The router's question that asks the same: two words or more in common, half of the shorter question's at least.
                var ask = _asks.Select(a => (Ask: a, Words: Content(a.Text).Select(Root).ToHashSet(StringComparer.Ordinal)))
                    .Select(x => (x.Ask, Shared: x.Words.Count(words.Contains), Shorter: Math.Min(x.Words.Count, words.Count)))
                    .Where(x => x.Shared >= 2 && x.Shared * 2 >= x.Shorter).OrderByDescending(x => x.Shared).Select(x => x.Ask).FirstOrDefault();
                if (ask is null)
                {
                    continue;
                }

                var ifs = steps.Where(x => IfStep().IsMatch(x.Line)).ToList();
                foreach (var (line, at) in ifs)
                {
                    var label = IfStep().Match(line).Groups[1].Value.Trim();
                    var route = new List<Dest>();
                    for (var k = at + 1; k < lines.Length && (lines[k].Trim().Length == 0 || Indent(lines[k]) > Indent(line)); k++)
                    {
                        foreach (var d in Named(lines[k]).Where(d => d != new Dest(pack.Id, null)))
                        {
                            if (!route.Contains(d))
                            {
                                route.Add(d);
                            }
                        }
                    }

                    if (route.Count == 0)
                    {
                        continue;
                    }

                    var answer = AnswerId(label, [.. ifs.Select(x => x.Line)], ifs.FindIndex(x => x.At == at), -1, IfStep());
                    var existing = ask.Options.FirstOrDefault(o => o.Answer == answer);
                    var same = ask.Options.FirstOrDefault(o => o.Next is null && o.Route.SequenceEqual(route));
                    if (existing is null && same is not null)
                    {
                        // The same route under other words ("can't reproduce" is tracking): more words for that answer.
                        same.GivenBy.AddRange(Items(label).Select(Term).OfType<string>().Where(t => !same.GivenBy.Contains(t)));
                    }
                    else if (existing is null)
                    {
                        var option = new Option { Answer = answer, Label = label };
                        option.GivenBy.AddRange(Items(label).Select(Term).OfType<string>());
                        option.Route.AddRange(route);
                        ask.Options.Insert(ask.Options.FindIndex(o => Regex.IsMatch(o.Label, @"\b(multiple|several|combination|both)\b", RegexOptions.IgnoreCase)) is var m and >= 0 ? m : ask.Options.Count, option);
                    }
                    else if (existing.Next is null)
                    {
                        // A worked example's ordered list of sheets is the fuller route for that answer.
                        existing.Route.Clear();
                        existing.Route.AddRange(route);
                    }
                }
            }
        }

        /// <summary>An example without a question: its numbered steps, each its first destination, in order.</summary>
        private void Route(SheetSection section, string query, List<string> steps)
        {
            var route = steps.Select(l => Named(l).FirstOrDefault(d => d != new Dest(pack.Id, null))).OfType<Dest>().Distinct().ToList();
            var words = Content(query).Where(w => !_packWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
            var id = "rule-" + Slug(query);
            if (route.Count >= 2 && words.Count > 0 && !_rules.Exists(r => r.Id == id))
            {
                _rules.Add(new Rule(id, $"SKILL.md:{section.StartLine} \"{query}\"", words, route));
            }
        }

        private Ask? ReadAsk(string id, string text, string[] lines, int from, int parentIndent)
        {
            var ask = new Ask { Id = UniqueAsk(id), Text = text };
            int? indent = null;
            for (var i = from; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }

                var at = Indent(lines[i]);
                if (at <= parentIndent || ListItem().Match(lines[i]) is not { Success: true } item)
                {
                    if (indent is not null)
                    {
                        break;
                    }

                    continue;
                }

                indent ??= at;
                if (at != indent)
                {
                    continue;
                }

                var parts = item.Groups[1].Value.Split('→', 2);
                if (parts.Length < 2)
                {
                    continue;
                }

                var label = Plain(parts[0]).Trim();
                var answer = AnswerId(label, lines, i, at);
                if (answer.Length == 0 || ask.Options.Exists(o => o.Answer == answer))
                {
                    continue;
                }

                var option = new Option { Answer = answer, Label = label, Alternatives = Regex.IsMatch(parts[1], @"\)\s+or\s+|\bor\s+category\b", RegexOptions.IgnoreCase) };
                option.GivenBy.AddRange(Items(label).Select(Term).OfType<string>());
                if (Regex.Match(parts[1], "follow-?up\\s*:?\\s*[\"“]([^\"”]+)[\"”]", RegexOptions.IgnoreCase) is { Success: true } follow)
                {
                    var next = ReadAsk(ask.Id + "-" + answer, follow.Groups[1].Value, lines, i + 1, at);
                    if (next is not null)
                    {
                        option.Next = next.Id;
                    }
                }

                if (option.Next is null && Regex.IsMatch(label + " " + parts[1], @"\b(multiple|several|combination|all of|both)\b", RegexOptions.IgnoreCase))
                {
                    // "Multiple → Route to multiple skills": the other answers' routes, in order.
                    foreach (var d in ask.Options.SelectMany(o => o.Route))
                    {
                        if (!option.Route.Contains(d))
                        {
                            option.Route.Add(d);
                        }
                    }
                }

                if (option.Next is null && option.Route.Count == 0)
                {
                    option.Route.AddRange(Resolve(parts[1]));
                    if (option.Route.Count == 0)
                    {
                        continue;
                    }
                }

                ask.Options.Add(option);
            }

            if (ask.Options.Count < 2)
            {
                _asks.RemoveAll(a => a.Id == ask.Id);
                return null;
            }

            // Words every option shares tell none apart.
            var shared = ask.Options.Skip(1).Aggregate(ask.Options[0].GivenBy.ToHashSet(StringComparer.Ordinal), (s, o) => { s.IntersectWith(o.GivenBy); return s; });
            foreach (var o in ask.Options)
            {
                o.GivenBy.RemoveAll(shared.Contains);
            }

            _asks.Add(ask);
            return ask;
        }

        /// <summary>An answer's id: the first word of its label, or more words where a sibling starts the same way.</summary>
        private static string AnswerId(string label, string[] lines, int at, int indent, Regex? labelled = null)
        {
            static List<string> Words(string l) => [.. TextNormalizer.Tokenize(Regex.Replace(Plain(l.Split('→')[0]), @"\(.*?\)", "")).Select(t => t.Text)];
            var own = Words(label);
            var siblings = labelled is not null
                ? lines.Where((l, k) => k != at).Select(l => Words(labelled.Match(l).Groups[1].Value)).ToList()
                : lines.Where((l, k) => k != at && Indent(l) == indent && ListItem().IsMatch(l) && l.Contains('→', StringComparison.Ordinal))
                    .Select(l => Words(ListItem().Match(l).Groups[1].Value)).ToList();
            for (var n = 1; n <= own.Count; n++)
            {
                var head = own.Take(n).ToList();
                if (!head.Exists(w => !Function.Contains(w)))
                {
                    continue;
                }

                if (!siblings.Exists(s => s.Take(n).SequenceEqual(head)))
                {
                    return string.Join('-', head);
                }
            }

            return string.Join('-', own);
        }

        private string UniqueAsk(string id)
        {
            var unique = id.Length == 0 ? "ask" : id;
            for (var n = 2; _asks.Exists(a => a.Id == unique); n++)
            {
                unique = $"{id}-{n}";
            }

            return unique;
        }

        /// <summary>Where a route description sends a question: the sheets and packs it names, else the sheets its words describe.</summary>
        private List<Dest> Resolve(string text)
        {
            var result = new List<Dest>();
            foreach (var raw in TopLevel(Plain(text)))
            {
                // "then maybe X if a rollout is needed" is a condition, not a step.
                if (Regex.IsMatch(raw, @"\b(maybe|if|optionally|possibly)\b", RegexOptions.IgnoreCase) && result.Count > 0)
                {
                    continue;
                }

                var part = Regex.Replace(raw, @"^\s*(\d+\.|route (both|to)\s*:?|category \d+ :?)\s*", "", RegexOptions.IgnoreCase);
                var named = Named(raw);
                var brackets = Regex.Match(part, @"\((.*)\)");
                var inner = brackets.Success ? brackets.Groups[1].Value : "";
                var outer = brackets.Success ? part.Remove(brackets.Index, brackets.Length) : part;
                if (named.Count == 1 && named[0] is { Sheet: null } sister && sister.Pack != pack.Id && inner.Length > 0)
                {
                    // "llm-specialist (eval methodology)": the sister's sheet those words describe.
                    named = [SisterSheet(sister.Pack, inner) is { } s ? new Dest(sister.Pack, s) : sister];
                }
                else if (named.Count == 0 || named.All(d => d == new Dest(pack.Id, null)))
                {
                    named = [.. Described(part).Select(s => new Dest(pack.Id, s))];
                    if (named.Count == 0)
                    {
                        var own = Regex.Replace(outer, Regex.Escape(PackNames.RoutingName(pack.Id, [pack.Id])) + "|" + Regex.Escape(pack.Name), "", RegexOptions.IgnoreCase);
                        var short_ = Content(own).Where(w => !_packWords.Contains(w)).ToList();
                        named = short_.Count > 0 && Best(string.Join(' ', short_), partial: true) is { } best ? [new Dest(pack.Id, best)]
                            : [.. TopLevel(inner).Select(i => Best(i, partial: true)).OfType<string>().Select(s => new Dest(pack.Id, s))];
                    }
                }

                foreach (var d in named.Where(d => d != new Dest(pack.Id, null)))
                {
                    if (!result.Contains(d))
                    {
                        result.Add(d);
                    }
                }
            }

            return result;
        }

        /// <summary>The sheet of a sister pack whose description shares most words with <paramref name="text"/> (at least two, or all of a one-word text).</summary>
        private string? SisterSheet(string sisterId, string text)
        {
            var words = Content(text).Select(Root).Distinct(StringComparer.Ordinal).ToList();
            var sister = sisters.First(s => s.Id == sisterId);
            string? best = null;
            var bestScore = 0.0;
            foreach (var sheet in sister.Sheets)
            {
                // What this router and the sheet's own id and title say count fully; its headings only break ties.
                var primary = _handoffTerms.Where(kv => kv.Key.Split(',').Contains($"{sisterId}/{sheet.Id}")).SelectMany(kv => kv.Value).SelectMany(t => t.Split(' '))
                    .Concat(Content(sheet.Id.Replace('-', ' '))).Concat(Content(sheet.Title))
                    .Select(w => w.TrimEnd('*')).Where(w => w != "~").Select(Root).ToHashSet(StringComparer.Ordinal);
                var headings = sheet.Sections.Where(x => x.Level is 2).SelectMany(x => Content(x.HeadingPath.Split(" > ")[^1])).Select(Root).ToHashSet(StringComparer.Ordinal);
                var shared = words.Count(w => primary.Any(d => Same(d, w)));
                var hinted = words.Count(w => !primary.Any(d => Same(d, w)) && headings.Any(d => Same(d, w)));
                var score = shared + (0.3 * hinted) + ((double)shared / Math.Max(1, primary.Count));
                if (shared >= 2 && score > bestScore)
                {
                    (best, bestScore) = (sheet.Id, score);
                }
            }

            return best;
        }

        /// <summary>Parts of a route description split at arrows, pluses, commas and "then", outside brackets.</summary>
        private static List<string> TopLevel(string text)
        {
            var parts = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth > 0)
                {
                    continue;
                }

                var cut = c is '→' or ',' or ';' ? 1
                    : c == '+' && (i == 0 || text[i - 1] == ' ') ? 1
                    : string.CompareOrdinal(text, i, " then ", 0, 6) == 0 ? 6
                    : string.CompareOrdinal(text, i, "->", 0, 2) == 0 ? 2 : 0;
                if (cut > 0)
                {
                    parts.Add(text[start..i]);
                    start = i + cut;
                    i = start - 1;
                }
            }

            parts.Add(text[start..]);
            return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
        }

        /// <summary>Sheets whose words appear in <paramref name="text"/>, by where they first appear.</summary>
        private List<string> Described(string text)
        {
            // Built once for the words known so far; built again only when a sheet has gained words.
            var known = _sheetTerms.Values.Sum(t => t.Count);
            if (_described is null || _describedTerms != known)
            {
                _described = new TermMatcher(_sheetTerms.SelectMany(kv => kv.Value.Select(t => (kv.Key, t))));
                _describedTerms = known;
            }

            var matcher = _described;
            return [.. matcher.Match(TextNormalizer.Tokenize(text)).OrderBy(h => h.FirstToken).Select(h => h.Facet).Distinct(StringComparer.Ordinal)];
        }

        /// <summary>A concern's quoted symptoms: words of a clarification query go to its question, else to the one sheet they describe, else to the concern.</summary>
        private void Symptoms()
        {
            foreach (var concern in _concerns)
            {
                foreach (var symptom in concern.Symptoms)
                {
                    var words = Content(symptom);
                    var ask = _asks.FirstOrDefault(a => a.Triggers.Count > 0 && a.Triggers.Exists(t => words.Select(Root).Contains(Root(t))));
                    if (ask is not null)
                    {
                        continue;
                    }

                    var described = Described(symptom).Where(concern.Sheets.Contains).ToList();
                    if (described.Count == 0 && Best(symptom, sheetsOnly: true) is { } named && concern.Sheets.Contains(named))
                    {
                        described = [named];
                    }

                    if (described.Count == 1)
                    {
                        AddTerm(_sheetTerms[described[0]], Term(symptom));
                        continue;
                    }

                    if (!_concernTerms.TryGetValue(concern.Id, out var terms))
                    {
                        _concernTerms[concern.Id] = terms = [];
                    }

                    AddTerm(terms, Term(symptom));
                    if (words.Count == 2)
                    {
                        AddTerm(terms, Term(words[1] + " " + words[0]));
                    }
                }
            }
        }

        /// <summary>Lines that send questions elsewhere: "X → Use pack", "X (use `pack`)", "route to `pack`", a sister's sheet list.</summary>
        private void Handoffs()
        {
            // An answer's route ("- Training → Route to `training-optimization`") applies once the question is asked, not to every question.
            var answers = new HashSet<int>();
            foreach (var section in pack.RouterSections.Where(x => QuotedHeading().IsMatch(x.HeadingPath.Split(" > ")[^1])))
            {
                for (var line = section.StartLine; line <= section.EndLine; line++)
                {
                    answers.Add(line - 1);
                }
            }

            for (var i = 0; i < _lines.Length; i++)
            {
                if (_fenced[i] || IsWrongExample(_lines[i]) || answers.Contains(i))
                {
                    continue;
                }

                var line = _lines[i];
                var named = Named(line).Where(d => d.Pack != pack.Id).ToList();
                if (named.Count == 0)
                {
                    continue;
                }

                // "Prompt engineering (`prompt-engineering-patterns.md`)": the words before a sister's sheet point at it.
                if (ListItem().Match(line) is { Success: true } item && named.Count == 1 && named[0].Sheet is not null
                    && Regex.Match(item.Groups[1].Value, @"^([^(`]+)\(") is { Success: true } before)
                {
                    AddHandoff(named[0], before.Groups[1].Value);
                    continue;
                }

                // "Still designing/training model → Use neural-architectures, training-optimization"
                var use = Regex.Match(line, @"^(.*?)(?:→|->)\s*(?:use|route to|hand off to)\b(.*)$", RegexOptions.IgnoreCase);
                if (use.Success)
                {
                    var targets = Named(use.Groups[2].Value).Where(d => d.Pack != pack.Id).ToList();
                    if (targets.Count > 0)
                    {
                        AddHandoff(targets, ListItem().Match(use.Groups[1].Value) is { Success: true } m ? m.Groups[1].Value : use.Groups[1].Value);
                    }

                    continue;
                }

                // "Training optimization (use `training-optimization`)", within a list of several.
                foreach (Match m in Regex.Matches(line, @"([^,:(]+?)\s*\(\s*use\s+`([^`]+)`\s*\)", RegexOptions.IgnoreCase))
                {
                    foreach (var d in Named(m.Groups[2].Value).Where(d => d.Pack != pack.Id))
                    {
                        AddHandoff(d, m.Groups[1].Value);
                    }
                }

                // "For AI/LLM threat modeling — a, b, c — route to `pack`"
                var routeTo = Regex.Match(line, @"^(.*?)\broute to\b(.*)$", RegexOptions.IgnoreCase);
                if (routeTo.Success && Named(routeTo.Groups[2].Value).Where(d => d.Pack != pack.Id).ToList() is [var target, ..])
                {
                    AddHandoff(target, Regex.Replace(routeTo.Groups[1].Value, @"^\s*for\s+", "", RegexOptions.IgnoreCase));
                }
            }
        }

        private void AddHandoff(Dest dest, string text) => AddHandoff([dest], text);

        private void AddHandoff(List<Dest> dests, string text)
        {
            var key = string.Join(',', dests.Select(d => d.Key(pack.Id)));
            if (!_handoffTerms.TryGetValue(key, out var terms))
            {
                _handoffTerms[key] = terms = [];
            }

            foreach (var part in Items(Plain(text)))
            {
                AddTerm(terms, Term(part));
            }
        }

        /// <summary>Table rows quoting a scenario with a route: multi-concern orders and the correct routes of common mistakes.</summary>
        private void Rules()
        {
            string[]? header = null;
            for (var i = 0; i < _lines.Length; i++)
            {
                var line = _lines[i].Trim();
                if (_fenced[i] || !line.StartsWith('|'))
                {
                    header = null;
                    continue;
                }

                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (header is null)
                {
                    header = cells;
                    continue;
                }

                if (cells.All(c => Regex.IsMatch(c, "^:?-+:?$")) || cells.Length < 2)
                {
                    continue;
                }

                if (Quoted().Match(cells[0]) is not { Success: true } scenario)
                {
                    continue;
                }

                var column = Array.FindIndex(header, h => Regex.IsMatch(h, @"route order|correct route|route to|routing", RegexOptions.IgnoreCase));
                if (column < 1 || column >= cells.Length || Regex.IsMatch(cells[column], @"^\W*ask\b", RegexOptions.IgnoreCase))
                {
                    continue;
                }

                var route = Resolve(cells[column]);
                var words = Content(scenario.Groups[1].Value).Where(w => !_packWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
                if (route.Count == 0 || words.Count == 0)
                {
                    continue;
                }

                var id = "rule-" + Slug(scenario.Groups[1].Value);
                if (_rules.Exists(r => r.Id == id))
                {
                    continue;
                }

                _rules.Add(new Rule(id, $"SKILL.md:{i + 1} \"{scenario.Groups[1].Value}\"", words, route));
            }
        }

        private static bool IsWrongExample(string line) =>
            line.Contains("WRONG", StringComparison.Ordinal) || line.Contains('❌', StringComparison.Ordinal);

        private static int Indent(string line) => line.Length - line.TrimStart().Length;
    }

    /// <summary>A single word written like a product's name: capitals inside it or all capitals (FastAPI, gRPC, ONNX).</summary>
    private static bool IsToolName(string part)
    {
        var word = part.Trim();
        return word.Length >= 2 && !word.Contains(' ', StringComparison.Ordinal) && word.All(char.IsLetterOrDigit)
            && word.Skip(1).Any(char.IsUpper) && word.Any(char.IsLetter);
    }

    /// <summary>Words that never make an answer's id alone.</summary>
    private static readonly HashSet<string> Function = new(["a", "an", "the", "on", "in", "of", "to", "for", "is", "are", "at", "by", "with", "and", "or", "it", "not"], StringComparer.Ordinal);

    /// <summary>Items of a description: split at commas, slashes, brackets and "and".</summary>
    private static IEnumerable<string> Items(string text) =>
        ItemSeparator().Split(Plain(text)).Select(p => p.Trim()).Where(p => p.Length > 1)
            .SelectMany(p => !p.Contains(' ', StringComparison.Ordinal) && !Regex.IsMatch(p, @"^\w/\w$") ? p.Split('/') : [p])
            .Where(p => p.Length > 1);

    /// <summary>Markdown emphasis, code marks and links taken out.</summary>
    private static string Plain(string text) =>
        Link().Replace(text, "$1").Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).Replace("_", " ", StringComparison.Ordinal).Trim();

    private static void AddTerm(List<string> terms, string? term)
    {
        if (term is not null && !terms.Contains(term))
        {
            terms.Add(term);
        }
    }

    /// <summary>A word's root for comparing words: its stem without the star.</summary>
    private static string Root(string word) => Stem(word).TrimEnd('*');

    private static string Slug(string text) =>
        string.Join('-', TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => !Stop.Contains(w)).Take(4));
}

public static partial class MarkdownCompiler
{
    /// <summary>Two words are the same when they share a start of four letters or more that leaves at most one letter of the shorter ("eval", "evaluation"; "scale", "scaling").</summary>
    private static bool Same(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var shorter = Math.Min(a.Length, b.Length);
        var common = 0;
        while (common < shorter && a[common] == b[common])
        {
            common++;
        }

        return common >= 4 && common >= shorter - 1;
    }
}
