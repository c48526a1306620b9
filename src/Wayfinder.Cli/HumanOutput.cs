using Wayfinder.Decisions;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>
/// The decision as a person reads it: the route in order, the question, the
/// cautions, the reasons. Every line goes through <see cref="Terminal.Visible"/>.
/// </summary>
internal static class HumanOutput
{
    /// <summary>
    /// Writes <paramref name="d"/>. A question asked comes with the command
    /// that answers it: <paramref name="command"/> with <paramref name="options"/>
    /// (such as <c>--pack DIR</c>), the question and the answers so far, and
    /// the first option, every word quoted for a POSIX shell.
    /// </summary>
    public static void Write(TextWriter o, string question, IReadOnlyList<string> answers, Decision d, string command = "route", IReadOnlyList<string>? options = null)
    {
        void Line(string text = "") => o.WriteLine(Terminal.Visible(text));

        switch (d.Status)
        {
            case DecisionStatus.Clarify:
                Line($"Ask first: {d.Question!.Text}");
                var leaning = d.Question.Leaning.Count > 0 ? d.Question.Leaning[0] : null;
                for (var i = 0; i < d.Question.Options.Count; i++)
                {
                    var option = d.Question.Options[i];
                    Line($"  {i + 1}. {option.Answer,-18} {option.Label}{(option.Answer == leaning ? "   (the question leans here)" : "")}");
                    Line($"     {"",-18} leads to {option.LeadsTo}");
                }

                Line();
                Line("Answer with: " + AnswerCommand(command, options ?? [], question, [.. answers, leaning ?? d.Question.Options[0].Answer]));
                break;
            case DecisionStatus.None:
                Line("No pack fits this question: none of the loaded packs covers what it asks.");
                break;
            default:
                Line(d.Status == DecisionStatus.Routed ? "Read, in this order:" : "Hand off: this pack does not cover it. Go to:");
                var all = d.Steps.Select(s => (s.Order, Where: $"{s.Pack}/{s.Sheet}", Tag: s.Concern, s.Why))
                    .Concat(d.Handoffs.Select(h => (h.Order, Where: h.Sheet is null ? $"{h.Pack} (any sheet)" : $"{h.Pack}/{h.Sheet}", Tag: "hand-off", h.Why)))
                    .OrderBy(x => x.Order);
                foreach (var (order, where, tag, why) in all)
                {
                    Line(tag.Length > 0 ? $"  {order}. {where}  [{tag}]" : $"  {order}. {where}");
                    Line($"     {why}");
                }

                Line(FormattableString.Invariant($"Confidence: {d.Confidence:0.00}"));

                break;
        }

        if (d.Advisories.Count > 0)
        {
            Line();
            Line("Advisories:");
            foreach (var a in d.Advisories)
            {
                Line($"  ! {a.Kind} ({a.Subject}): {a.Text}");
            }
        }

        Line();
        Line("Because:");
        foreach (var e in d.Evidence)
        {
            Line($"  - {e.Kind} {e.Ref}: {e.Text}");
        }
    }

    /// <summary>
    /// The command line that answers: options and answers after the question,
    /// or, for a question that starts with '-', before it and a <c>--</c>.
    /// </summary>
    private static string AnswerCommand(string command, IReadOnlyList<string> options, string question, IReadOnlyList<string> answers)
    {
        var flags = options.Concat(answers.SelectMany(a => new[] { "--answer", a })).ToList();
        List<string> words = question.StartsWith('-') ? [CliRoot.Name, command, .. flags, "--", question] : [CliRoot.Name, command, question, .. flags];
        return string.Join(' ', words.Select(Terminal.ShellWord));
    }
}
