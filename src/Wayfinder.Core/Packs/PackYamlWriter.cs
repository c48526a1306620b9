using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Wayfinder.Packs;

/// <summary>
/// Writes a <see cref="RoutingPack"/> as a routing manifest (the format
/// <see cref="PackLoader"/> reads, docs/packs.md) through YamlDotNet's
/// emitter, which does all quoting and escaping: <c>wayfinder infer</c>
/// prints an inferred pack this way for its author to keep and refine.
/// Reading what this writes gives back a pack that routes the same.
/// </summary>
internal static class PackYamlWriter
{
    /// <summary>The manifest, with <paramref name="comment"/> (if any) as its first line.</summary>
    public static string Write(RoutingPack pack, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var w = new Writer(new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024)));
        w.Emit(new StreamStart());
        if (comment is not null)
        {
            w.Emit(new Comment(comment, isInline: false));
        }

        w.Emit(new DocumentStart());
        w.Map(() => Pack(w, pack));
        w.Emit(new DocumentEnd(isImplicit: true));
        w.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Pack(Writer w, RoutingPack pack)
    {
        w.Pair("id", pack.Id);
        w.Text("title", pack.Title);
        w.Pair("calibrated", pack.Calibrated);
        w.Text("summary", pack.Summary);
        w.Map("concerns", pack.Concerns, c => c.Id, c =>
        {
            w.Text("title", c.Title);
            w.TextIf("summary", c.Summary);
            w.TextIf("key-question", c.KeyQuestion);
        });
        w.Map("sheets", pack.Sheets, s => s.Id, s =>
        {
            w.Pair("concern", s.ConcernId);
            w.Pair("stage", s.Stage.ToString(CultureInfo.InvariantCulture));
            w.TextIf("summary", s.Summary);
        });
        if (!pack.SisterPacks.IsEmpty)
        {
            w.Map("packs", pack.SisterPacks, p => p.Id, p =>
            {
                w.Text("title", p.Title);
                w.TextIf("owns", p.Owns);
                if (!p.Sheets.IsEmpty)
                {
                    w.Key("sheets");
                    w.Map(() => p.Sheets.ToList().ForEach(s => w.Text(s.Id, s.Summary)));
                }
            });
        }

        w.Map("facets", pack.Facets, f => f.Id, f => Facet(w, pack, f));
        if (!pack.Questions.IsEmpty)
        {
            w.Map("questions", pack.Questions, q => q.Id, q =>
            {
                w.Text("text", q.Text);
                w.Key("options");
                w.Sequence(q.Options, o => w.Map(() =>
                {
                    w.Pair("answer", o.Answer);
                    w.Text("label", o.Label);
                    w.FlowIf("given-by", o.GivenBy);
                    if (o.Next is not null)
                    {
                        w.Pair("next", o.Next);
                    }
                    else
                    {
                        Targets(w, pack, "route", o.Route);
                    }
                }));
            });
        }

        if (!pack.AskOrder.IsEmpty)
        {
            w.Flow("ask-order", pack.AskOrder);
        }

        if (!pack.Rules.IsEmpty)
        {
            w.Key("rules");
            w.Sequence(pack.Rules, r => w.Map(() =>
            {
                w.Pair("id", r.Id);
                w.TextIf("source", r.Source);
                w.Key("when");
                w.Sequence(r.When, c => Condition(w, c));
                Targets(w, pack, "route", r.Route);
            }));
        }

        Extras(w, pack);
        if (!pack.Lexicon.IsEmpty)
        {
            w.Map("lexicon", pack.Lexicon.GroupBy(e => e.Destination.Key).ToList(), g => Key(pack, g.First().Destination), g =>
                g.GroupBy(e => e.Weight).ToList().ForEach(weight => w.Flow(weight.Key.ToString(CultureInfo.InvariantCulture), [.. weight.Select(e => e.Term)], quoted: true)));
        }

        w.Key("confidence");
        w.Map(() => pack.Confidence.OrderBy(kv => Array.IndexOf(Clarification.RouteBasis.All, kv.Key)).ToList()
            .ForEach(kv => w.Pair(kv.Key, kv.Value.ToString("R", CultureInfo.InvariantCulture))));
    }

    private static void Facet(Writer w, RoutingPack pack, Facet f)
    {
        w.Flow("terms", f.Terms, quoted: true);
        w.FlowIf("sheets", f.Sheets);
        if (!f.Handoffs.IsEmpty)
        {
            Targets(w, pack, "handoffs", f.Handoffs);
        }

        if (f.Ask is not null)
        {
            w.Pair("ask", f.Ask);
        }

        w.FlowIf("alone", f.Alone);
        w.FlowIf("default", f.Default);
        if (f.ConcernId is not null)
        {
            w.Pair("concern", f.ConcernId);
        }

        if (f.Tool is not null)
        {
            w.Text("tool", f.Tool);
        }

        w.FlagIf("infrastructure", f.Infrastructure);
        w.FlowIf("suppresses", f.Suppresses);
        w.FlowIf("unless-any", f.UnlessAny);
        w.FlowIf("yields-to", f.YieldsTo);
        w.FlagIf("trailing", f.Trailing);
        w.FlagIf("context", f.Context);
    }

    /// <summary>The parts the built-in pack uses and an inferred one never has: fast-moving areas, maintenance notices, tool text, capability tiers, dual route, companions.</summary>
    private static void Extras(Writer w, RoutingPack pack)
    {
        if (!pack.FastMoving.IsEmpty)
        {
            w.Key("fast-moving");
            w.Sequence(pack.FastMoving, a => w.Map(() =>
            {
                w.Text("subject", a.Subject);
                w.FlowIf("sheets", a.Sheets);
                w.FlowIf("when-any", a.WhenAny);
                w.FlowIf("when-route-to", a.WhenRouteTo);
                w.Text("text", a.Text);
            }));
        }

        if (!pack.Maintenance.IsEmpty)
        {
            w.Key("maintenance-mode");
            w.Sequence(pack.Maintenance, m => w.Map(() =>
            {
                w.Pair("facet", m.Facet);
                w.Text("subject", m.Subject);
                w.Text("text", m.Text);
                w.Text("existing-text", m.ExistingText);
            }));
        }

        if (pack.ToolNotConcernText != PackLoader.DefaultToolNotConcernText)
        {
            w.Key("tool-not-concern");
            w.Map(() => w.Text("text", pack.ToolNotConcernText));
        }

        if (!pack.Tiers.IsEmpty)
        {
            w.Key("capability-tiers");
            w.Sequence(pack.Tiers, t => w.Map(() =>
            {
                w.Text("pattern", t.Pattern.ToString());
                w.Text("tier", t.Tier);
                if (t.Facet is not null)
                {
                    w.Pair("facet", t.Facet);
                }
            }));
        }

        if (pack.DualRoute is { } dual)
        {
            w.Key("dual-route");
            w.Map(() =>
            {
                w.Pair("facet", dual.Facet);
                w.FlowIf("unless-any", dual.UnlessAny);
                w.Key("by-concern");
                w.Map(() => dual.ByConcern.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList().ForEach(kv => w.Pair(kv.Key, Key(pack, kv.Value))));
            });
        }

        if (!pack.Companions.IsEmpty)
        {
            w.Key("companions");
            w.Sequence(pack.Companions, c => w.Map(() =>
            {
                w.FlowIf("after", c.After);
                w.Key("when");
                Condition(w, c.When);
                w.Pair("add", c.Add);
                w.Text("why", c.Why);
            }));
        }
    }

    private static void Condition(Writer w, FacetCondition c) => w.Map(() =>
    {
        w.FlowIf("all", c.All);
        w.FlowIf("any", c.Any);
        w.FlowIf("none", c.None);
    });

    private static void Targets(Writer w, RoutingPack pack, string key, IReadOnlyList<Target> targets)
    {
        w.Key(key);
        w.Sequence(targets, t =>
        {
            if (t.Why is null)
            {
                w.Scalar(Key(pack, t));
            }
            else
            {
                w.Map(() => w.Text(Key(pack, t), t.Why));
            }
        });
    }

    /// <summary>How a manifest names a destination: a sheet of its own by id, another pack as <c>pack</c> or <c>pack/sheet</c>.</summary>
    private static string Key(RoutingPack pack, Target t) => t.Pack == pack.Id && t.Sheet is not null ? t.Sheet : t.Key;

    /// <summary>Emits YAML events; texts double-quoted, names and numbers plain where YAML allows.</summary>
    private sealed class Writer(IEmitter emitter)
    {
        public void Emit(ParsingEvent e) => emitter.Emit(e);

        public void Scalar(string value, bool quoted = false) =>
            emitter.Emit(new Scalar(null, null, value, quoted ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, quoted));

        public void Key(string key) => Scalar(key);

        public void Pair(string key, string value)
        {
            Key(key);
            Scalar(value);
        }

        public void Text(string key, string value)
        {
            Key(key);
            Scalar(value, quoted: true);
        }

        public void TextIf(string key, string value)
        {
            if (value.Length > 0)
            {
                Text(key, value);
            }
        }

        public void FlagIf(string key, bool value)
        {
            if (value)
            {
                Pair(key, "true");
            }
        }

        public void Map(Action body)
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            body();
            emitter.Emit(new MappingEnd());
        }

        public void Map<T>(string key, IReadOnlyList<T> items, Func<T, string> name, Action<T> body)
        {
            Key(key);
            Map(() =>
            {
                foreach (var item in items)
                {
                    Key(name(item));
                    Map(() => body(item));
                }
            });
        }

        public void Sequence<T>(IReadOnlyList<T> items, Action<T> each)
        {
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var item in items)
            {
                each(item);
            }

            emitter.Emit(new SequenceEnd());
        }

        public void Flow(string key, IReadOnlyList<string> items, bool quoted = false)
        {
            Key(key);
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var item in items)
            {
                Scalar(item, quoted);
            }

            emitter.Emit(new SequenceEnd());
        }

        public void FlowIf(string key, System.Collections.Immutable.ImmutableArray<string> items)
        {
            if (!items.IsDefaultOrEmpty)
            {
                Flow(key, items);
            }
        }
    }
}
