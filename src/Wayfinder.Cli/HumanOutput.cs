using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>The decision as a person reads it: the route in order, the question, the cautions, the reasons.</summary>
internal static class HumanOutput
{
    public static void Write(TextWriter o, string question, IReadOnlyList<string> answers, Decision d)
    {
        switch (d.Status)
        {
            case DecisionStatus.Clarify:
                o.WriteLine($"Ask first: {d.Question!.Text}");
                for (var i = 0; i < d.Question.Options.Count; i++)
                {
                    var option = d.Question.Options[i];
                    o.WriteLine($"  {i + 1}. {option.Answer,-18} {option.Label}");
                    o.WriteLine($"     {"",-18} leads to {option.LeadsTo}");
                }

                var again = string.Concat(answers.Select(a => $" --answer {Quote(a)}"));
                o.WriteLine();
                o.WriteLine($"Answer with: wayfinder route {Quote(question)}{again} --answer {d.Question.Options[0].Answer}");
                break;
            default:
                o.WriteLine(d.Status == DecisionStatus.Routed ? "Read, in this order:" : "Hand off: this pack does not cover it. Go to:");
                var all = d.Steps.Select(s => (s.Order, Where: $"{s.Pack}/{s.Sheet}", Tag: s.Concern, s.Why))
                    .Concat(d.Handoffs.Select(h => (h.Order, Where: h.Sheet is null ? $"{h.Pack} (any sheet)" : $"{h.Pack}/{h.Sheet}", Tag: "hand-off", h.Why)))
                    .OrderBy(x => x.Order);
                foreach (var (order, where, tag, why) in all)
                {
                    o.WriteLine(tag.Length > 0 ? $"  {order}. {where}  [{tag}]" : $"  {order}. {where}");
                    o.WriteLine($"     {why}");
                }

                o.WriteLine(FormattableString.Invariant($"Confidence: {d.Confidence:0.00}"));

                break;
        }

        if (d.Advisories.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Advisories:");
            foreach (var a in d.Advisories)
            {
                o.WriteLine($"  ! {a.Kind} ({a.Subject}): {a.Text}");
            }
        }

        o.WriteLine();
        o.WriteLine("Because:");
        foreach (var e in d.Evidence)
        {
            o.WriteLine($"  - {e.Kind} {e.Ref}: {e.Text}");
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
