using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Wayfinder.Packs;

/// <summary>
/// Reads a routing manifest (the YAML format of the built-in pack) into a
/// validated <see cref="RoutingPack"/>. Every problem is reported with file and
/// line; a pack with any problem is refused as a whole.
/// </summary>
public static class PackLoader
{
    /// <summary>Manifests larger than this are refused unread.</summary>
    public const int MaxManifestBytes = 1024 * 1024;

    /// <summary>What a route says of a tool named in the question when the manifest has no <c>tool-not-concern</c> text of its own.</summary>
    internal const string DefaultToolNotConcernText = "{tool} is an implementation choice; the route follows the concern ({concern}).";

    /// <summary>Loads a manifest from its text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="PackLoadException">The manifest has one or more problems.</exception>
    public static RoutingPack Load(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > MaxManifestBytes)
        {
            throw new PackLoadException([new PackDiagnostic(file, 0, 0, $"manifest is larger than {MaxManifestBytes} bytes")]);
        }

        var reader = new ManifestReader(file);
        var root = reader.Parse(yaml);
        RoutingPack? pack = root is null ? null : reader.ReadPack(root);
        if (reader.Diagnostics.Count > 0 || pack is null)
        {
            throw new PackLoadException(reader.Diagnostics);
        }

        return pack;
    }

    /// <summary>Passes a parser's events on, refusing an alias as soon as one appears (no expansion bomb can be built).</summary>
    private sealed class AliasRefusingParser(IParser inner) : IParser
    {
        public ParsingEvent? Current => inner.Current;

        /// <summary>Where the last event read ended: the best place to point at when YamlDotNet fails without a position.</summary>
        public Mark Last { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                Last = current.End;
                if (current is AnchorAlias alias)
                {
                    throw new AliasRefusedException(alias);
                }
            }

            return moved;
        }
    }

    private sealed class AliasRefusedException(AnchorAlias alias) : Exception("YAML alias refused")
    {
        public AnchorAlias Alias { get; } = alias;
    }

    private sealed class ManifestReader(string file)
    {
        private readonly List<PackDiagnostic> _diagnostics = [];
        private readonly List<(YamlNode Node, string Facet)> _facetRefs = [];
        private readonly List<(YamlNode Node, string Sheet)> _sheetRefs = [];
        private readonly List<(YamlNode Node, string Question)> _questionRefs = [];

        public List<PackDiagnostic> Diagnostics => _diagnostics;

        public YamlMappingNode? Parse(string yaml)
        {
            var last = Mark.Empty;
            try
            {
                // Aliases are refused outright: a routing manifest never needs
                // them, and refusing them rules out expansion bombs.
                // One pass: the events are checked for aliases as the document is built.
                var scan = new AliasRefusingParser(new Parser(new StringReader(yaml)));
                var stream = new YamlStream();
                try
                {
                    stream.Load(scan);
                }
                catch (AliasRefusedException refused)
                {
                    Error(refused.Alias.Start, $"YAML alias '*{refused.Alias.Value}' is not allowed in a routing manifest");
                    return null;
                }
                finally
                {
                    last = scan.Last;
                }

                if (stream.Documents.Count != 1)
                {
                    Error(Mark.Empty, $"expected one YAML document, found {stream.Documents.Count}");
                    return null;
                }

                if (stream.Documents[0].RootNode is not YamlMappingNode map)
                {
                    Error(stream.Documents[0].RootNode.Start, "the manifest must be a mapping");
                    return null;
                }

                return map;
            }
            catch (YamlException ex)
            {
                // End, not Start: for an indentation error Start is still on the previous value.
                Error(ex.End, ex.InnerException?.Message ?? ex.Message);
                return null;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet reports some malformed input (an unclosed flow
                // collection, a duplicate key) this way; the last good token
                // is the best place to point at.
                Error(last, $"malformed YAML after this point: {ex.Message}");
                return null;
            }
        }

        public RoutingPack? ReadPack(YamlMappingNode root)
        {
            Known(root, "the manifest", "id", "title", "calibrated", "summary", "concerns", "sheets", "packs", "facets", "questions", "rules",
                "fast-moving", "maintenance-mode", "tool-not-concern", "capability-tiers", "dual-route", "ask-order", "lexicon", "companions", "confidence");
            var id = RequiredString(root, "id");
            var title = RequiredString(root, "title");
            var calibrated = RequiredString(root, "calibrated");
            var summary = OptionalString(root, "summary") ?? "";

            var concerns = ReadMap(root, "concerns", required: true, (key, node) =>
            {
                var map = AsMap(node, key);
                Known(map, $"concern '{key}'", "title", "summary", "key-question");
                return map is null
                    ? null
                    : new Concern(key, RequiredString(map, "title"), OptionalString(map, "summary") ?? "", OptionalString(map, "key-question") ?? "");
            });
            var concernIds = concerns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

            var sheets = ReadMap(root, "sheets", required: true, (key, node) =>
            {
                var map = AsMap(node, key);
                if (map is null)
                {
                    return null;
                }

                Known(map, $"sheet '{key}'", "concern", "stage", "summary");
                var concern = RequiredString(map, "concern");
                if (concern.Length > 0 && !concernIds.Contains(concern))
                {
                    Error(Child(map, "concern")!.Start, $"sheet '{key}' names unknown concern '{concern}'");
                }

                return new Sheet(key, concern, RequiredInt(map, "stage"), OptionalString(map, "summary") ?? "");
            });
            var sheetIds = sheets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

            var sisters = ReadMap(root, "packs", required: false, (key, node) =>
            {
                var map = AsMap(node, key);
                if (map is null)
                {
                    return null;
                }

                Known(map, $"pack '{key}'", "title", "owns", "sheets");
                var sisterSheets = ReadMap(map, "sheets", required: false, (sheet, value) =>
                    new SisterSheet(sheet, ScalarOf(value, $"summary of sheet '{sheet}'") ?? ""));
                return new SisterPack(key, RequiredString(map, "title"), OptionalString(map, "owns") ?? "", sisterSheets);
            });
            var sistersById = sisters.ToDictionary(s => s.Id, StringComparer.Ordinal);

            var targets = new TargetParser(this, id, sheetIds, sistersById);

            var facets = ReadMap(root, "facets", required: true, (key, node) =>
            {
                var map = AsMap(node, key);
                if (map is null)
                {
                    return null;
                }

                Known(map, $"facet '{key}'", "terms", "sheets", "handoffs", "ask", "alone", "default", "concern", "tool", "infrastructure",
                    "suppresses", "unless-any", "yields-to", "trailing", "context");
                var terms = StringList(map, "terms");
                if (terms.IsEmpty)
                {
                    Error(map.Start, $"facet '{key}' has no terms");
                }

                foreach (var term in terms)
                {
                    if (Text.TextNormalizer.Tokenize(term).Count == 0)
                    {
                        Error(Child(map, "terms")!.Start, $"facet '{key}' has a term with no words: '{term}'");
                    }
                    else if (term.Trim().StartsWith('~') || term.Trim().EndsWith('~'))
                    {
                        Error(Child(map, "terms")!.Start, $"facet '{key}' has a term whose '~' gap lacks a word on one side: '{term}'");
                    }
                }

                var facetSheets = SheetList(map, "sheets");
                var concern = OptionalString(map, "concern");
                if (concern is not null && !concernIds.Contains(concern))
                {
                    Error(Child(map, "concern")!.Start, $"facet '{key}' names unknown concern '{concern}'");
                }

                var ask = OptionalString(map, "ask");
                if (ask is not null)
                {
                    _questionRefs.Add((Child(map, "ask")!, ask));
                }

                return new Facet(
                    key,
                    terms,
                    facetSheets,
                    targets.List(map, "handoffs"),
                    ask,
                    SheetList(map, "alone"),
                    SheetList(map, "default"),
                    concern,
                    OptionalString(map, "tool"),
                    OptionalBool(map, "infrastructure"),
                    FacetList(map, "suppresses"),
                    FacetList(map, "unless-any"),
                    FacetList(map, "yields-to"),
                    OptionalBool(map, "trailing"),
                    OptionalBool(map, "context"));
            });

            var questions = ReadMap(root, "questions", required: false, (key, node) =>
            {
                var map = AsMap(node, key);
                if (map is null)
                {
                    return null;
                }

                Known(map, $"question '{key}'", "text", "options");
                var options = ImmutableArray.CreateBuilder<QuestionOption>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                if (Child(map, "options") is YamlSequenceNode seq)
                {
                    foreach (var item in seq)
                    {
                        if (AsMap(item, $"option of question '{key}'") is not { } option)
                        {
                            continue;
                        }

                        Known(option, $"an option of question '{key}'", "answer", "label", "given-by", "next", "route");
                        var answer = RequiredString(option, "answer");
                        if (!seen.Add(answer))
                        {
                            Error(option.Start, $"question '{key}' has option '{answer}' twice");
                        }

                        var next = OptionalString(option, "next");
                        if (next is not null)
                        {
                            _questionRefs.Add((Child(option, "next")!, next));
                        }

                        var route = targets.List(option, "route");
                        if (next is null == route.IsEmpty)
                        {
                            Error(option.Start, $"option '{answer}' of question '{key}' needs exactly one of 'next' or 'route'");
                        }

                        options.Add(new QuestionOption(answer, OptionalString(option, "label") ?? answer, FacetList(option, "given-by"), next, route));
                    }
                }

                if (options.Count < 2)
                {
                    Error(map.Start, $"question '{key}' needs at least two options");
                }

                return new Question(key, RequiredString(map, "text"), options.ToImmutable());
            });

            var rules = ImmutableArray.CreateBuilder<ScenarioRule>();
            if (Child(root, "rules") is YamlSequenceNode ruleSeq)
            {
                var ruleIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in ruleSeq)
                {
                    if (AsMap(item, "rule") is not { } rule)
                    {
                        continue;
                    }

                    Known(rule, "a rule", "id", "source", "when", "route");
                    var ruleId = RequiredString(rule, "id");
                    if (!ruleIds.Add(ruleId))
                    {
                        Error(rule.Start, $"rule '{ruleId}' is defined twice");
                    }

                    // 'when' is one condition, or a list of them (any may match).
                    var when = ImmutableArray.CreateBuilder<FacetCondition>();
                    var conditions = Child(rule, "when") switch
                    {
                        YamlSequenceNode list => list.Children.ToList(),
                        { } one => [one],
                        null => [],
                    };
                    foreach (var condition in conditions)
                    {
                        if (AsMap(condition, $"a 'when' of rule '{ruleId}'") is { } c)
                        {
                            Known(c, $"a 'when' of rule '{ruleId}'", "all", "any", "none");
                            when.Add(new FacetCondition(FacetList(c, "all"), FacetList(c, "any"), FacetList(c, "none")));
                        }
                    }

                    if (when.Count == 0)
                    {
                        Error(rule.Start, $"rule '{ruleId}' has no 'when'");
                    }

                    var route = targets.List(rule, "route");
                    if (route.IsEmpty)
                    {
                        Error(rule.Start, $"rule '{ruleId}' has no route");
                    }

                    rules.Add(new ScenarioRule(ruleId, OptionalString(rule, "source") ?? "", when.ToImmutable(), route));
                }
            }

            var fastMoving = ImmutableArray.CreateBuilder<FastMovingArea>();
            foreach (var area in MapSequence(root, "fast-moving"))
            {
                Known(area, "a fast-moving area", "subject", "sheets", "when-any", "when-route-to", "text");
                fastMoving.Add(new FastMovingArea(RequiredString(area, "subject"), SheetList(area, "sheets"), FacetList(area, "when-any"),
                    StringList(area, "when-route-to"), RequiredString(area, "text")));
            }

            var maintenance = ImmutableArray.CreateBuilder<MaintenanceNotice>();
            foreach (var notice in MapSequence(root, "maintenance-mode"))
            {
                Known(notice, "a maintenance-mode notice", "facet", "subject", "text", "existing-text");
                var facet = RequiredString(notice, "facet");
                _facetRefs.Add((Child(notice, "facet")!, facet));
                var text = RequiredString(notice, "text");
                maintenance.Add(new MaintenanceNotice(facet, RequiredString(notice, "subject"), text, OptionalString(notice, "existing-text") ?? text));
            }

            var toolText = Child(root, "tool-not-concern") is YamlMappingNode toolMap
                ? RequiredString(toolMap, "text")
                : DefaultToolNotConcernText;

            var tiers = ImmutableArray.CreateBuilder<CapabilityTier>();
            foreach (var tier in MapSequence(root, "capability-tiers"))
            {
                Known(tier, "a capability tier", "pattern", "tier", "facet");
                var pattern = RequiredString(tier, "pattern");
                try
                {
                    // Linear time whatever the pattern or the question, and so no timeout: a
                    // wall-clock timeout made the same question's tiers depend on the machine's load.
                    var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                    var facet = OptionalString(tier, "facet");
                    if (facet is not null)
                    {
                        _facetRefs.Add((Child(tier, "facet")!, facet));
                    }

                    tiers.Add(new CapabilityTier(regex, RequiredString(tier, "tier"), facet));
                }
                catch (ArgumentException ex)
                {
                    Error(Child(tier, "pattern")!.Start, $"invalid pattern: {ex.Message}");
                }
                catch (NotSupportedException)
                {
                    Error(Child(tier, "pattern")!.Start, "pattern uses a lookaround, a backreference or an atomic group, which cannot be matched in linear time; write it without");
                }
            }

            DualRoute? dual = null;
            if (Child(root, "dual-route") is YamlMappingNode dualMap)
            {
                Known(dualMap, "dual-route", "facet", "unless-any", "by-concern");
                var facet = RequiredString(dualMap, "facet");
                _facetRefs.Add((Child(dualMap, "facet")!, facet));
                var byConcern = new Dictionary<string, Target>(StringComparer.Ordinal);
                if (Child(dualMap, "by-concern") is YamlMappingNode byMap)
                {
                    foreach (var (k, v) in byMap.Children)
                    {
                        if (k is not YamlScalarNode { Value: { } concern })
                        {
                            Error(k.Start, "dual-route keys must be concern ids");
                            continue;
                        }

                        if (!concernIds.Contains(concern))
                        {
                            Error(k.Start, $"dual-route names unknown concern '{concern}'");
                        }

                        if (targets.One(v, ScalarOf(v, "dual-route target") ?? "", null) is { } t)
                        {
                            byConcern[concern] = t;
                        }
                    }
                }

                dual = new DualRoute(facet, FacetList(dualMap, "unless-any"), byConcern.ToFrozenDictionary(StringComparer.Ordinal));
            }

            var askOrder = FacetList(root, "ask-order");
            var lexicon = ReadLexicon(root, targets);
            var confidence = new Dictionary<string, double>(StringComparer.Ordinal);
            if (Child(root, "confidence") is { } confidenceNode)
            {
                if (confidenceNode is not YamlMappingNode confidenceMap)
                {
                    Error(confidenceNode.Start, "'confidence' must map how a route was reached to a probability");
                }
                else
                {
                    Known(confidenceMap, "confidence", Clarification.RouteBasis.All);
                    foreach (var (k, v) in confidenceMap.Children)
                    {
                        if (k is YamlScalarNode { Value: { } basis } && ScalarOf(v, $"confidence '{basis}'") is { } text)
                        {
                            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1)
                            {
                                confidence[basis] = p;
                            }
                            else
                            {
                                Error(v.Start, $"confidence '{basis}' must be a number from 0 to 1, not '{text}'");
                            }
                        }
                    }
                }
            }
            var companions = ImmutableArray.CreateBuilder<Companion>();
            foreach (var companion in MapSequence(root, "companions"))
            {
                Known(companion, "a companion", "after", "when", "add", "why");
                var add = RequiredString(companion, "add");
                _sheetRefs.Add((Child(companion, "add") ?? companion, add));
                if (AsMap(Child(companion, "when") ?? companion, "the 'when' of a companion") is not { } w || Child(companion, "when") is null)
                {
                    Error(companion.Start, "a companion needs 'when' (all/any/none of facets)");
                    continue;
                }

                Known(w, "the 'when' of a companion", "all", "any", "none");
                var when = new FacetCondition(FacetList(w, "all"), FacetList(w, "any"), FacetList(w, "none"));
                companions.Add(new Companion(SheetList(companion, "after"), when, add, RequiredString(companion, "why")));
            }

            // Cross references, now that every facet, sheet and question is known.
            var facetIds = facets.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var questionIds = questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (node, facet) in _facetRefs)
            {
                if (!facetIds.Contains(facet))
                {
                    Error(node.Start, $"unknown facet '{facet}'");
                }
            }

            foreach (var (node, sheet) in _sheetRefs)
            {
                if (!sheetIds.Contains(sheet))
                {
                    Error(node.Start, $"unknown sheet '{sheet}' (the pack's sheets are: {string.Join(", ", sheetIds.Order(StringComparer.Ordinal))})");
                }
            }

            foreach (var (node, question) in _questionRefs)
            {
                if (!questionIds.Contains(question))
                {
                    Error(node.Start, $"unknown question '{question}'");
                }
            }

            var questionsById = questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
            foreach (var question in questions)
            {
                if (LoopFrom(question, questionsById) is { } loop)
                {
                    Error(Child(root, "questions")!.Start, $"questions loop: {loop}");
                    break;
                }
            }

            return _diagnostics.Count > 0
                ? null
                : new RoutingPack(id, title, calibrated, summary, concerns, sheets, sisters, facets, questions, rules.ToImmutable(),
                    fastMoving.ToImmutable(), maintenance.ToImmutable(), toolText, tiers.ToImmutable(), dual, askOrder, lexicon, companions.ToImmutable(), confidence.ToFrozenDictionary(StringComparer.Ordinal));
        }

        /// <summary>
        /// The weighted lexicon: destination → weight (1, 2 or 3) → terms.
        /// Optional; each problem is reported where it stands.
        /// </summary>
        private ImmutableArray<LexiconEntry> ReadLexicon(YamlMappingNode root, TargetParser targets)
        {
            var entries = ImmutableArray.CreateBuilder<LexiconEntry>();
            if (Child(root, "lexicon") is not { } node)
            {
                return entries.ToImmutable();
            }

            if (node is not YamlMappingNode map)
            {
                Error(node.Start, "'lexicon' must map destinations to weights and terms");
                return entries.ToImmutable();
            }

            foreach (var (key, value) in map.Children)
            {
                if (key is not YamlScalarNode { Value: { } destination } || targets.One(key, destination, null) is not { } target)
                {
                    if (key is not YamlScalarNode)
                    {
                        Error(key.Start, "lexicon keys must be destinations (a sheet of this pack or a known pack)");
                    }

                    continue;
                }

                if (value is not YamlMappingNode weights)
                {
                    Error(value.Start, $"lexicon '{destination}' must map weights (1, 2 or 3) to lists of terms");
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (weightKey, list) in weights.Children)
                {
                    if (weightKey is not YamlScalarNode { Value: { } text } || !int.TryParse(text, out var weight) || weight is < 1 or > LexiconEntry.MaxWeight)
                    {
                        Error(weightKey.Start, $"lexicon '{destination}': a weight is 1, 2 or 3");
                        continue;
                    }

                    if (list is not YamlSequenceNode terms)
                    {
                        Error(list.Start, $"lexicon '{destination}' weight {weight}: expected a list of terms");
                        continue;
                    }

                    foreach (var item in terms.Children)
                    {
                        if (ScalarOf(item, $"a term of lexicon '{destination}'") is not { } term)
                        {
                            continue;
                        }

                        if (Text.TextNormalizer.Tokenize(term).Count == 0 || term.Contains('~', StringComparison.Ordinal))
                        {
                            Error(item.Start, $"lexicon '{destination}': '{term}' is not a term (words, optionally ending in '*')");
                        }
                        else if (!seen.Add(term.Trim()))
                        {
                            Error(item.Start, $"lexicon '{destination}': '{term}' is listed twice");
                        }
                        else
                        {
                            entries.Add(new LexiconEntry(term.Trim(), target, weight));
                        }
                    }
                }
            }

            return entries.ToImmutable();
        }

        /// <summary>Reports keys a mapping does not know: a misspelt key is an error, not a silent no-op.</summary>
        private void Known(YamlMappingNode? map, string what, params string[] keys)
        {
            if (map is null)
            {
                return;
            }

            foreach (var key in map.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } name } && !keys.Contains(name, StringComparer.Ordinal))
                {
                    Error(key.Start, $"unknown key '{name}' in {what} (known: {string.Join(", ", keys)})");
                }
            }
        }

        private static string? LoopFrom(Question start, Dictionary<string, Question> byId)
        {
            // Depth-first over 'next' links; a question met again on the same path is a loop.
            var path = new List<string>();
            return Visit(start.Id);

            string? Visit(string id)
            {
                if (path.Contains(id))
                {
                    return string.Join(" -> ", path.Append(id));
                }

                if (!byId.TryGetValue(id, out var q))
                {
                    return null;
                }

                path.Add(id);
                foreach (var option in q.Options)
                {
                    if (option.Next is { } next && Visit(next) is { } loop)
                    {
                        return loop;
                    }
                }

                path.RemoveAt(path.Count - 1);
                return null;
            }
        }

        public void Error(Mark at, string message) =>
            _diagnostics.Add(new PackDiagnostic(file, (int)at.Line, (int)at.Column, message));

        private ImmutableArray<T> ReadMap<T>(YamlMappingNode parent, string key, bool required, Func<string, YamlNode, T?> read)
            where T : class
        {
            var node = Child(parent, key);
            if (node is null)
            {
                if (required)
                {
                    Error(parent.Start, $"missing '{key}'");
                }

                return [];
            }

            if (AsMap(node, key) is not { } map)
            {
                return [];
            }

            var result = ImmutableArray.CreateBuilder<T>(map.Children.Count);
            foreach (var (k, v) in map.Children)
            {
                if (k is not YamlScalarNode { Value: { Length: > 0 } name })
                {
                    Error(k.Start, $"'{key}' keys must be plain names");
                    continue;
                }

                if (read(name, v) is { } item)
                {
                    result.Add(item);
                }
            }

            return result.ToImmutable();
        }

        private IEnumerable<YamlMappingNode> MapSequence(YamlMappingNode parent, string key)
        {
            var node = Child(parent, key);
            if (node is null)
            {
                yield break;
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node.Start, $"'{key}' must be a list");
                yield break;
            }

            foreach (var item in seq)
            {
                if (AsMap(item, key) is { } map)
                {
                    yield return map;
                }
            }
        }

        /// <summary>
        /// The value under a plain key. A scan with string comparison: a lookup
        /// through the node dictionary hashed and compared whole YAML nodes,
        /// which was a seventh of a native start.
        /// </summary>
        public static YamlNode? Child(YamlMappingNode map, string key)
        {
            foreach (var (k, value) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } text } && string.Equals(text, key, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            return null;
        }

        private YamlMappingNode? AsMap(YamlNode node, string what)
        {
            if (node is YamlMappingNode map)
            {
                return map;
            }

            Error(node.Start, $"{what} must be a mapping");
            return null;
        }

        public string? ScalarOf(YamlNode node, string what)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value ?? "";
            }

            Error(node.Start, $"{what} must be a single value");
            return null;
        }

        private string RequiredString(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node is null)
            {
                Error(map.Start, $"missing '{key}'");
                return "";
            }

            var value = ScalarOf(node, $"'{key}'") ?? "";
            if (value.Trim().Length == 0)
            {
                Error(node.Start, $"'{key}' is empty");
            }

            return value.Trim();
        }

        private string? OptionalString(YamlMappingNode map, string key) =>
            Child(map, key) is { } node ? ScalarOf(node, $"'{key}'")?.Trim() : null;

        private bool OptionalBool(YamlMappingNode map, string key)
        {
            var value = OptionalString(map, key);
            if (value is null)
            {
                return false;
            }

            if (bool.TryParse(value, out var result))
            {
                return result;
            }

            Error(Child(map, key)!.Start, $"'{key}' must be true or false");
            return false;
        }

        private int RequiredInt(YamlMappingNode map, string key)
        {
            var value = RequiredString(map, key);
            if (int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var result))
            {
                return result;
            }

            if (value.Length > 0)
            {
                Error(Child(map, key)!.Start, $"'{key}' must be a whole number");
            }

            return 0;
        }

        public ImmutableArray<string> StringList(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return [];
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node.Start, $"'{key}' must be a list");
                return [];
            }

            var result = ImmutableArray.CreateBuilder<string>(seq.Children.Count);
            foreach (var item in seq)
            {
                if (ScalarOf(item, $"an item of '{key}'") is { } value)
                {
                    result.Add(value.Trim());
                }
            }

            return result.ToImmutable();
        }

        private ImmutableArray<string> SheetList(YamlMappingNode map, string key)
        {
            var list = StringList(map, key);
            foreach (var sheet in list)
            {
                _sheetRefs.Add((Child(map, key)!, sheet));
            }

            return list;
        }

        private ImmutableArray<string> FacetList(YamlMappingNode map, string key)
        {
            var list = StringList(map, key);
            var node = list.IsEmpty ? null : Child(map, key);
            foreach (var facet in list)
            {
                _facetRefs.Add((node!, facet));
            }

            return list;
        }
    }

    /// <summary>Reads destinations: a sheet of this pack, <c>pack</c> or <c>pack/sheet</c> of a sister pack.</summary>
    private sealed class TargetParser(ManifestReader reader, string ownId, HashSet<string> sheetIds, Dictionary<string, SisterPack> sisters)
    {
        public ImmutableArray<Target> List(YamlMappingNode map, string key)
        {
            var node = ManifestReader.Child(map, key);
            if (node is null)
            {
                return [];
            }

            if (node is not YamlSequenceNode seq)
            {
                reader.Error(node.Start, $"'{key}' must be a list");
                return [];
            }

            var result = ImmutableArray.CreateBuilder<Target>();
            foreach (var item in seq)
            {
                Target? target = item switch
                {
                    YamlScalarNode scalar => One(scalar, scalar.Value ?? "", null),
                    YamlMappingNode { Children.Count: 1 } one when one.Children.First() is var (k, v) && k is YamlScalarNode ks =>
                        One(ks, ks.Value ?? "", reader.ScalarOf(v, "the reason of a destination")),
                    _ => Invalid(item),
                };
                if (target is not null)
                {
                    result.Add(target);
                }
            }

            return result.ToImmutable();
        }

        private Target? Invalid(YamlNode node)
        {
            reader.Error(node.Start, "a destination is a name, or a single 'name: reason' pair");
            return null;
        }

        public Target? One(YamlNode node, string text, string? why)
        {
            var value = text.Trim();
            why = string.IsNullOrWhiteSpace(why) ? null : why.Trim();
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var pack = slash < 0 ? value : value[..slash];
            var sheet = slash < 0 ? null : value[(slash + 1)..];
            if (slash < 0 && sheetIds.Contains(value))
            {
                return new Target(ownId, value, why);
            }

            if (pack == ownId && sheet is not null)
            {
                if (sheetIds.Contains(sheet))
                {
                    return new Target(ownId, sheet, why);
                }

                reader.Error(node.Start, $"unknown sheet '{sheet}'");
                return null;
            }

            if (!sisters.TryGetValue(pack, out var sister))
            {
                reader.Error(node.Start, $"'{value}' is neither a sheet of this pack nor a known pack");
                return null;
            }

            if (sheet is not null && !sister.Sheets.Any(s => s.Id == sheet))
            {
                reader.Error(node.Start, $"pack '{pack}' has no sheet '{sheet}'");
                return null;
            }

            return new Target(pack, sheet, why);
        }
    }
}
