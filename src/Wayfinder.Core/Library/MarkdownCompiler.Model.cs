using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Wayfinder.Library;

public static partial class MarkdownCompiler
{
    /// <summary>What was read from a router, written out as a manifest.</summary>
    private sealed class Model(
        MarkdownPack pack,
        ImmutableArray<MarkdownPack> sisters,
        List<ConcernBlock> concerns,
        Dictionary<string, List<string>> sheetTerms,
        Dictionary<string, int> stage,
        Dictionary<string, string> summary,
        Dictionary<string, List<string>> handoffTerms,
        List<Ask> asks,
        List<Rule> rules,
        Dictionary<string, List<string>> concernTerms,
        Dictionary<string, List<string>> toolTerms,
        Dictionary<string, Dictionary<string, int>> headingWords)
    {
        private const string Other = "other";
        private readonly StringBuilder _yaml = new();
        private readonly HashSet<string> _facetIds = new(StringComparer.Ordinal);

        public string ToYaml()
        {
            var askRoots = asks.SelectMany(a => a.Triggers).Select(Root).ToHashSet(StringComparer.Ordinal);
            var concernOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in concerns)
            {
                foreach (var s in c.Sheets)
                {
                    concernOf.TryAdd(s, c.Id);
                }
            }

            Line(0, "# Inferred from " + Path.GetFileName(pack.SkillFile) + " by Wayfinder; see docs/packs.md.");
            Line(0, "id: " + Q(pack.Id));
            Line(0, "title: " + Q(pack.Name));
            Line(0, "calibrated: " + Q("inferred"));
            Line(0, "summary: " + Q(pack.Description));
            Line(0, "concerns:");
            foreach (var c in concerns)
            {
                Line(1, c.Id + ":");
                Line(2, "title: " + Q(c.Title));
                Line(2, "key-question: " + Q(c.KeyQuestion));
            }

            if (pack.Sheets.Any(s => !concernOf.ContainsKey(s.Id)) || concerns.Count == 0)
            {
                Line(1, Other + ":");
                Line(2, "title: " + Q("Other sheets"));
            }

            Line(0, "sheets:");
            foreach (var sheet in pack.Sheets.OrderBy(s => stage.GetValueOrDefault(s.Id, int.MaxValue)).ThenBy(s => s.Id, StringComparer.Ordinal))
            {
                Line(1, sheet.Id + ":");
                Line(2, "concern: " + concernOf.GetValueOrDefault(sheet.Id, Other));
                Line(2, "stage: " + stage.GetValueOrDefault(sheet.Id, 999).ToString(CultureInfo.InvariantCulture));
                Line(2, "summary: " + Q(summary.GetValueOrDefault(sheet.Id, sheet.Title)));
            }

            var named = Destinations().Where(d => d.Pack != pack.Id).Select(d => d.Pack).ToHashSet(StringComparer.Ordinal);
            if (named.Count > 0)
            {
                Line(0, "packs:");
                foreach (var sister in sisters.Where(s => named.Contains(s.Id)))
                {
                    Line(1, sister.Id + ":");
                    Line(2, "title: " + Q(sister.Name));
                    Line(2, "owns: " + Q(sister.Description));
                    if (sister.Sheets.Length > 0)
                    {
                        Line(2, "sheets:");
                        foreach (var s in sister.Sheets)
                        {
                            Line(3, s.Id + ": " + Q(s.Title));
                        }
                    }
                }
            }

            Line(0, "facets:");
            var wordCount = sheetTerms.SelectMany(kv => kv.Value.Where(t => !t.Contains(' ', StringComparison.Ordinal)).Distinct().Select(t => (kv.Key, t)))
                .GroupBy(x => x.t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var sheet in pack.Sheets)
            {
                var terms = sheetTerms[sheet.Id]
                    .Where(t => t.Contains(' ', StringComparison.Ordinal) || (wordCount.GetValueOrDefault(t) < MaxSheetsPerWord && !askRoots.Contains(t.TrimEnd('*'))))
                    .ToList();
                Facet("sheet-" + sheet.Id, terms, "sheets: [" + sheet.Id + "]");
            }

            foreach (var (sheet, terms) in toolTerms)
            {
                Facet("tool-" + sheet, terms, "sheets: [" + sheet + "]\n    trailing: true");
            }

            foreach (var (concern, terms) in concernTerms)
            {
                var block = concerns.First(c => c.Id == concern);
                Facet("concern-" + concern, terms, "sheets: [" + block.Sheets[0] + "]");
            }

            foreach (var (key, terms) in handoffTerms)
            {
                Facet("handoff-" + key.Replace('/', '-').Replace(',', '-'), terms, "handoffs: [" + key.Replace(",", ", ", StringComparison.Ordinal) + "]");
            }

            var askOrder = new List<string>();
            foreach (var ask in asks.Where(a => a.Triggers.Count > 0))
            {
                var terms = ask.Triggers.Select(t => t.Length >= 4 ? Root(t) + "*" : t).Distinct(StringComparer.Ordinal).ToList();
                var first = ask.Options[0];
                var sheets = first.Next is null && !first.Alternatives && first.Route.Count > 0 && first.Route.All(d => d.Pack == pack.Id)
                    ? "\n    default: [" + string.Join(", ", first.Route.Select(d => d.Sheet)) + "]"
                    : "";
                if (Facet("ask-" + ask.Id, terms, "ask: " + ask.Id + sheets))
                {
                    askOrder.Add("ask-" + ask.Id);
                }
            }

            foreach (var ask in asks)
            {
                foreach (var option in ask.Options)
                {
                    Facet(AnswerFacet(ask, option), option.GivenBy, null);
                }
            }

            // A rule's word is also found inside a longer name that holds it ("testing" in "a b testing"),
            // which would otherwise hide it.
            var phrases = sheetTerms.Values.Concat(handoffTerms.Values).Concat(concernTerms.Values).SelectMany(t => t)
                .Where(t => t.Contains(' ', StringComparison.Ordinal) && !t.Contains('~', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var word in rules.SelectMany(r => r.Words).Distinct(StringComparer.Ordinal))
            {
                var term = word.Length >= 4 ? Root(word) + "*" : word;
                var root = Root(word);
                List<string> terms = [term, .. phrases.Where(p => p.Split(' ').Any(w => w.TrimEnd('*') is var r && r.Length > 0 && Same(r, root)))];
                Facet("word-" + root, terms, null);
            }

            if (asks.Count > 0)
            {
                Line(0, "questions:");
            }

            foreach (var ask in asks)
            {
                Line(1, ask.Id + ":");
                Line(2, "text: " + Q(ask.Text));
                Line(2, "options:");
                foreach (var option in ask.Options)
                {
                    Line(3, "- answer: " + option.Answer);
                    Line(4, "label: " + Q(option.Label));
                    if (_facetIds.Contains(AnswerFacet(ask, option)))
                    {
                        Line(4, "given-by: [" + AnswerFacet(ask, option) + "]");
                    }

                    if (option.Next is not null)
                    {
                        Line(4, "next: " + option.Next);
                    }
                    else
                    {
                        Route(4, option.Route, "The router's answer: " + option.Label);
                    }
                }
            }

            if (askOrder.Count > 0)
            {
                Line(0, "ask-order: [" + string.Join(", ", askOrder) + "]");
            }

            if (rules.Count > 0)
            {
                Line(0, "rules:");
                foreach (var rule in rules.OrderByDescending(r => r.Words.Count))
                {
                    Line(1, "- id: " + rule.Id);
                    Line(2, "source: " + Q(rule.Source));
                    Line(2, "when: {all: [" + string.Join(", ", rule.Words.Select(w => "word-" + Root(w)).Distinct(StringComparer.Ordinal)) + "]}");
                    Route(2, rule.Route, "The router's scenario " + rule.Source);
                }
            }

            if (headingWords.Values.Any(w => w.Count > 0))
            {
                Line(0, "lexicon:");
                foreach (var (sheet, words) in headingWords.Where(kv => kv.Value.Count > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    Line(1, sheet + ":");
                    foreach (var group in words.GroupBy(w => w.Value).OrderByDescending(g => g.Key))
                    {
                        Line(2, group.Key.ToString(CultureInfo.InvariantCulture) + ": [" + string.Join(", ", group.Select(w => w.Key).Order(StringComparer.Ordinal).Select(Q)) + "]");
                    }
                }
            }

            // Nothing has been measured for an inferred manifest: every route carries the even prior.
            Line(0, "confidence:");
            foreach (var basis in Clarification.RouteBasis.All)
            {
                Line(1, basis + ": " + UncalibratedConfidence.ToString("0.0#", CultureInfo.InvariantCulture));
            }

            return _yaml.ToString();
        }

        private IEnumerable<Dest> Destinations() =>
            asks.SelectMany(a => a.Options).SelectMany(o => o.Route)
                .Concat(rules.SelectMany(r => r.Route))
                .Concat(handoffTerms.Keys.SelectMany(k => k.Split(',')).Select(k => k.Split('/') is [var p, var s] ? new Dest(p, s) : new Dest(k, null)));

        private static string AnswerFacet(Ask ask, Option option) => "answer-" + ask.Id + "-" + option.Answer;

        private void Route(int indent, List<Dest> route, string why)
        {
            Line(indent, "route:");
            foreach (var d in route)
            {
                Line(indent + 1, "- " + d.Key(pack.Id) + ": " + Q(why));
            }
        }

        private bool Facet(string id, List<string> terms, string? body)
        {
            if (terms.Count == 0 || !_facetIds.Add(id))
            {
                return false;
            }

            Line(1, id + ":");
            Line(2, "terms: [" + string.Join(", ", terms.Select(Q)) + "]");
            if (body is not null)
            {
                Line(2, body);
            }

            return true;
        }

        private void Line(int indent, string text) => _yaml.Append(' ', indent * 2).Append(text).Append('\n');

        /// <summary>A YAML double-quoted scalar.</summary>
        private static string Q(string text)
        {
            var b = new StringBuilder(text.Length + 2).Append('"');
            foreach (var ch in text)
            {
                _ = ch switch
                {
                    '"' => b.Append("\\\""),
                    '\\' => b.Append("\\\\"),
                    < ' ' => b.Append(' '),
                    _ => b.Append(ch),
                };
            }

            return b.Append('"').ToString();
        }
    }
}
