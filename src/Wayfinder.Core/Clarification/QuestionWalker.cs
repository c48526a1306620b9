using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Text;

namespace Wayfinder.Clarification;

/// <summary>
/// Walks the clarifying questions: an option the question's own words already
/// give is taken; otherwise the caller's next answer is used; otherwise the
/// question is asked. Stateless: earlier answers come back with the call.
/// </summary>
internal static class QuestionWalker
{
    public static Outcome Walk(RoutingPack pack, TermMatcher matcher, Question start, IReadOnlySet<string> facets,
        IReadOnlyList<string> answers, List<Evidence> evidence)
    {
        var next = 0;
        var question = start;
        for (var depth = 0; depth <= pack.Questions.Length + 1; depth++)
        {
            var option = GivenByWords(question, facets);
            if (option is not null)
            {
                evidence.Add(new Evidence(EvidenceKind.Answer, question.Id, $"'{option.Answer}' is given by the question's own words"));
            }
            else if (next < answers.Count)
            {
                var answer = answers[next++];
                option = Resolve(question, answer, matcher);
                if (option is null)
                {
                    evidence.Add(new Evidence(EvidenceKind.Answer, question.Id, $"answer '{Clip(answer)}' matches none of: {string.Join(", ", question.Options.Select(o => o.Answer))}"));
                    return Outcome.Asking(question) with { Unmatched = answer };
                }

                evidence.Add(new Evidence(EvidenceKind.Answer, question.Id, $"answered '{option.Answer}'"));
            }
            else
            {
                if (depth > 0)
                {
                    evidence.Add(new Evidence(EvidenceKind.Question, question.Id, "asked: nothing in the question settles it"));
                }

                return Outcome.Asking(question);
            }

            if (option.Next is null)
            {
                if (next < answers.Count)
                {
                    evidence.Add(new Evidence(EvidenceKind.Answer, question.Id, $"{answers.Count - next} further answer(s) not needed"));
                }

                return Outcome.Routing(option.Route, RouteBasis.Path);
            }

            question = pack.QuestionsById[option.Next];
        }

        throw new InvalidOperationException($"Questions starting at '{start.Id}' loop.");
    }

    /// <summary>Describes where an option leads, for the option list shown to the caller.</summary>
    public static string LeadsTo(QuestionOption option) =>
        option.Next is not null ? $"question:{option.Next}" : string.Join(", ", option.Route.Select(t => t.Key));

    private static QuestionOption? GivenByWords(Question question, IReadOnlySet<string> facets)
    {
        QuestionOption? found = null;
        foreach (var option in question.Options)
        {
            foreach (var facet in option.GivenBy)
            {
                if (facets.Contains(facet))
                {
                    if (found is not null && !ReferenceEquals(found, option))
                    {
                        return null; // several options are suggested: ask
                    }

                    found = option;
                    break;
                }
            }
        }

        return found;
    }

    private static QuestionOption? Resolve(Question question, string answer, TermMatcher matcher)
    {
        var text = answer.Trim();
        foreach (var option in question.Options)
        {
            if (string.Equals(option.Answer, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(option.Label, text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= question.Options.Length)
        {
            return question.Options[number - 1];
        }

        // Free text: an option whose id words appear, else one whose facets do.
        var tokens = TextNormalizer.Tokenize(text);
        var words = tokens.Select(t => t.Text).ToList();
        var byId = question.Options.Where(o => ContainsPhrase(words, TextNormalizer.Tokenize(o.Answer))).ToList();
        if (byId.Count == 1)
        {
            return byId[0];
        }

        var facets = matcher.Match(tokens).Select(h => h.Facet).ToHashSet(StringComparer.Ordinal);
        return GivenByWords(question, facets);
    }

    private static bool ContainsPhrase(List<string> words, List<Token> phrase)
    {
        if (phrase.Count == 0)
        {
            return false;
        }

        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var all = true;
            for (var k = 0; k < phrase.Count && all; k++)
            {
                all = words[i + k] == phrase[k].Text;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static string Clip(string s)
    {
        if (s.Length <= 60)
        {
            return s;
        }

        // Never cut a surrogate pair (an emoji) in half.
        var cut = char.IsHighSurrogate(s[56]) ? 56 : 57;
        return s[..cut] + "...";
    }
}

/// <summary>How a route was reached (<see cref="DecisionBasis"/>); it sets the decision's confidence.</summary>
internal static class RouteBasis
{
    public const string Rule = DecisionBasis.Rule;

    public const string Path = DecisionBasis.Path;

    public const string Alone = DecisionBasis.Alone;

    public const string Clear = DecisionBasis.Clear;

    public const string Close = DecisionBasis.Close;

    public const string Handoff = DecisionBasis.Handoff;

    public const string Lexicon = DecisionBasis.Lexicon;

    public const string Model = DecisionBasis.Model;

    public static readonly string[] All = [Rule, Path, Alone, Clear, Close, Handoff, Lexicon, Model];
}

/// <summary>
/// Either a question to ask or a route to follow, with how the route was
/// reached (<see cref="RouteBasis"/>).
/// </summary>
internal readonly record struct Outcome(Question? Ask, IReadOnlyList<Target> Route, string Basis)
{
    /// <summary>Whether the route was put together from the question's words rather than fixed by a rule or a path.</summary>
    public bool Composed => Basis is RouteBasis.Clear or RouteBasis.Close or RouteBasis.Lexicon or RouteBasis.Model;

    /// <summary>The model's probability for the route's first destination, when it has weighed the route.</summary>
    public double Probability { get; init; }

    /// <summary>The answer that matched none of the options of <see cref="Ask"/>, when that is why it is asked.</summary>
    public string? Unmatched { get; init; }

    /// <summary>When <see cref="Ask"/> is asked though the question's words lean to an answer: those answers, from it down its path; null when they lean nowhere.</summary>
    public IReadOnlyList<string>? Leaning { get; init; }

    public static Outcome Asking(Question question) => new(question, [], "");

    public static Outcome Routing(IReadOnlyList<Target> route, string basis) => new(null, route, basis);
}
