using System.Text;
using System.Xml;
using System.Xml.Linq;
using Wayfinder.Evaluation;

namespace Wayfinder.Testing;

/// <summary>
/// A run of routing cases as JUnit XML, the report CI servers read:
/// <c>testsuites</c>, one <c>testsuite</c> per case file, one
/// <c>testcase</c> per case (its class the pack, its name the file, line and
/// question), a <c>failure</c> for each failed case (the detail, then what was
/// expected, what was chosen and the decision's evidence), and an
/// <c>error</c> case for each line that could not be run.
/// </summary>
public static class JUnitReport
{
    /// <summary>The longest question text a test case's name carries.</summary>
    internal const int NameLength = 100;

    /// <summary><paramref name="run"/> as JUnit XML: one suite per case file, one test case per case.</summary>
    /// <param name="run">The run.</param>
    public static XDocument Create(TestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var suites = run.Files.Select(Suite).ToList();
        return new XDocument(
            new XElement(
                "testsuites",
                new XAttribute("name", "wayfinder test"),
                Counts(run.Passed + run.Failed + run.Problems, run.Failed, run.Problems),
                suites));
    }

    /// <summary>Writes the report to <paramref name="path"/> as UTF-8.</summary>
    public static void Write(TestRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        Create(run).Save(writer);
    }

    private static XElement Suite(CaseFileResult file) =>
        new(
            "testsuite",
            new XAttribute("name", file.File),
            Counts(file.Cases.Length + file.Problems.Length, file.Failed, file.Problems.Length),
            file.Cases.Select(Case),
            file.Problems.Select(Problem));

    private static XElement Case(CaseResult result)
    {
        var testcase = new XElement(
            "testcase",
            new XAttribute("classname", result.Pack.Length > 0 ? result.Pack : result.File),
            new XAttribute("name", $"{Path.GetFileName(result.File)}:{result.Line}: {Clean(CaseText.FirstLine(result.Query, NameLength))}"),
            new XAttribute("file", result.File),
            new XAttribute("line", result.Line));
        if (!result.Passed)
        {
            testcase.Add(new XElement(
                "failure",
                new XAttribute("message", Clean(result.Detail)),
                new XAttribute("type", "routing"),
                Clean(CaseText.Explain(result))));
        }

        return testcase;
    }

    private static XElement Problem(LineError problem) =>
        new(
            "testcase",
            new XAttribute("classname", problem.Source),
            new XAttribute("name", $"{Path.GetFileName(problem.Source)}:{problem.Line}"),
            new XAttribute("file", problem.Source),
            new XAttribute("line", problem.Line),
            new XElement("error", new XAttribute("message", Clean(problem.Message)), new XAttribute("type", "case-file")));

    private static XAttribute[] Counts(int tests, int failures, int errors) =>
    [
        new("tests", tests),
        new("failures", failures),
        new("errors", errors),
        new("skipped", 0),
    ];

    /// <summary>Replaces what XML 1.0 cannot hold (most control characters, lone surrogates) with U+FFFD, so any question writes a report that parses.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return clean.ToString();
    }
}
