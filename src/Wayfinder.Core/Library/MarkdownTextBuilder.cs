using System.Collections.Immutable;
using System.Text;
using Markdig.Syntax.Inlines;

namespace Wayfinder.Library;

/// <summary>Collects one inline run's plain text and what stands in it.</summary>
internal sealed class MarkdownTextBuilder
{
    private readonly StringBuilder _plain = new();
    private readonly List<(int At, int Line, int Column)> _anchors = [];
    private readonly ImmutableArray<MarkdownLink>.Builder _links = ImmutableArray.CreateBuilder<MarkdownLink>();
    private readonly ImmutableArray<MarkdownCodeSpan>.Builder _code = ImmutableArray.CreateBuilder<MarkdownCodeSpan>();
    private readonly ImmutableArray<MarkdownEmphasis>.Builder _emphasis = ImmutableArray.CreateBuilder<MarkdownEmphasis>();

    /// <summary>The plain text of an inline run and what stands in it; <paramref name="line"/> is the 1-based line it starts on.</summary>
    public static MarkdownText Build(ContainerInline? inline, int line)
    {
        var text = new MarkdownTextBuilder();
        if (inline is not null)
        {
            text.Children(inline);
        }

        return text.Build(line);
    }

    private void Children(ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            Inline(child);
        }
    }

    private void Inline(Inline inline)
    {
        var start = _plain.Length;
        switch (inline)
        {
            case LiteralInline literal:
                Anchor(inline);
                _plain.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                Anchor(inline);
                _plain.Append(code.Content);
                _code.Add(new MarkdownCodeSpan(code.Content, start, code.Content.Length, inline.Line + 1, inline.Column + 1));
                break;
            case LineBreakInline:
                _plain.Append('\n');
                break;
            case HtmlEntityInline entity:
                Anchor(inline);
                _plain.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline auto:
                Anchor(inline);
                _plain.Append(auto.Url);
                _links.Add(new MarkdownLink(auto.Url, auto.Url, start, auto.Url.Length, inline.Line + 1, inline.Column + 1));
                break;
            case LinkInline link:
                Children(link);
                if (!link.IsImage)
                {
                    _links.Add(new MarkdownLink(_plain.ToString(start, _plain.Length - start), link.Url ?? "", start, _plain.Length - start, inline.Line + 1, inline.Column + 1));
                }

                break;
            case EmphasisInline emphasis:
                Children(emphasis);
                _emphasis.Add(new MarkdownEmphasis(_plain.ToString(start, _plain.Length - start), emphasis.DelimiterCount >= 2, start, _plain.Length - start, inline.Line + 1, inline.Column + 1));
                break;
            case HtmlInline:
                break;
            case ContainerInline container:
                Children(container);
                break;
        }
    }

    private void Anchor(Inline inline) => _anchors.Add((_plain.Length, inline.Line + 1, inline.Column + 1));

    private MarkdownText Build(int line)
    {
        var plain = _plain.ToString();
        return new MarkdownText(plain, line, _links.ToImmutable(), _code.ToImmutable(), _emphasis.ToImmutable(), Quotes(plain, line));
    }

    /// <summary>Phrases between quotation marks outside code: 2 to 160 characters on one line, as an author quotes a question or a symptom.</summary>
    private ImmutableArray<MarkdownQuote> Quotes(string plain, int line)
    {
        var quotes = ImmutableArray.CreateBuilder<MarkdownQuote>();
        for (var i = 0; i < plain.Length; i++)
        {
            if (plain[i] is not ('"' or '“') || InCode(i))
            {
                continue;
            }

            var close = -1;
            for (var k = i + 1; k < plain.Length && k - i <= MaxQuote + 1 && plain[k] != '\n'; k++)
            {
                if (plain[k] is '"' or '”' && !InCode(k))
                {
                    close = k;
                    break;
                }
            }

            if (close - i - 1 is < MinQuote or > MaxQuote)
            {
                continue;
            }

            var (at, column) = Where(i, line);
            quotes.Add(new MarkdownQuote(plain[(i + 1)..close], i + 1, close - i - 1, at, column));
            i = close;
        }

        return quotes.ToImmutable();
    }

    private const int MinQuote = 2;
    private const int MaxQuote = 160;

    private bool InCode(int at)
    {
        foreach (var code in _code)
        {
            if (at >= code.Start && at < code.Start + code.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The source line and column of a position in the plain text, from the inline it came from.</summary>
    private (int Line, int Column) Where(int at, int line)
    {
        for (var a = _anchors.Count - 1; a >= 0; a--)
        {
            if (_anchors[a].At <= at)
            {
                return (_anchors[a].Line, _anchors[a].Column + (at - _anchors[a].At));
            }
        }

        return (line, 1);
    }
}
