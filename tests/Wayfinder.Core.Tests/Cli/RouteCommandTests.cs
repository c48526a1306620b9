using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class RouteCommandTests
{
    private static readonly Router Router = Routers.BuiltIn;

    [Theory]
    [InlineData("deploy my model with Kubernetes")]
    [InlineData("our LLM is hallucinating in production and costs are spiking")]
    [InlineData("quantize the model and put a canary in front of it")]
    public void Route_Question_PrintsTheRouteInOrder(string question)
    {
        var result = Cli.Run(["route", question]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.StartsWith("Read, in this order:", result.Out, StringComparison.Ordinal);
        var decision = Router.Route(question);
        var places = decision.Steps.Select(s => (s.Order, Text: $"{s.Order}. {s.Pack}/{s.Sheet}  [{s.Concern}]"))
            .Concat(decision.Handoffs.Select(h => (h.Order, Text: $"{h.Order}. {h.Pack}" + (h.Sheet is null ? " (any sheet)" : $"/{h.Sheet}") + "  [hand-off]")))
            .OrderBy(x => x.Order)
            .Select(x => result.Out.IndexOf(x.Text, StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, places);
        Assert.Equal(places.Order(), places);
    }

    [Fact]
    public void Route_HandoffQuestion_SaysHandOff()
    {
        var result = Cli.Run(["route", "my training doesn't converge"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.StartsWith("Hand off:", result.Out, StringComparison.Ordinal);
        Assert.Contains("1. yzmir-training-optimization (any sheet)  [hand-off]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ClarifyQuestion_PrintsNumberedOptionsAndHowToAnswer()
    {
        var result = Cli.Run(["route", "my model is too slow"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var question = Router.Route("my model is too slow").Question!;
        Assert.StartsWith($"Ask first: {question.Text}", result.Out, StringComparison.Ordinal);
        for (var i = 0; i < question.Options.Count; i++)
        {
            Assert.Contains($"  {i + 1}. {question.Options[i].Answer}", result.Out, StringComparison.Ordinal);
        }

        Assert.Contains($"Answer with: wayfinder route 'my model is too slow' --answer {question.Options[0].Answer}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_Json_PrintsOneJsonObjectEqualToTheDecision()
    {
        const string question = "we use TorchServe on Kubernetes";

        var result = Cli.Run(["route", question, "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var line = Assert.Single(result.OutLines);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal(WayfinderJson.Serialize(Router.Route(question)), line);
    }

    [Fact]
    public void Route_RepeatedAnswers_AreUsedInOrder()
    {
        var result = Cli.Run(["route", "my model is too slow", "--answer", "inference", "--answer", "model", "--json"]);
        var shortForm = Cli.Run(["route", "my model is too slow", "-a", "1", "-a", "model", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var expected = WayfinderJson.Serialize(Router.Route("my model is too slow", ["inference", "model"]));
        Assert.Equal(expected, Assert.Single(result.OutLines));
        Assert.Equal(DecisionStatus.Routed, JsonDocument.Parse(shortForm.OutLines[0]).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Route_ClarifyAfterAnAnswer_RepeatsEarlierAnswersInTheHint()
    {
        var result = Cli.Run(["route", "my model is too slow", "--answer", "inference"]);

        Assert.Contains("wayfinder route 'my model is too slow' --answer inference --answer model", result.Out, StringComparison.Ordinal);
    }

    private static string Hint(Cli.Result result) =>
        Assert.Single(result.OutLines, l => l.StartsWith("Answer with: ", StringComparison.Ordinal))["Answer with: ".Length..];

    [Fact]
    public void Route_QuestionWithTerminalEscapes_ShowsThemAsVisibleEscapes()
    {
        var result = Cli.Run(["route", "\u001b[31mmy model is too slow\u001b]0;owned\u0007"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.DoesNotContain(result.Out, c => char.IsControl(c) && c != '\n');
        Assert.Contains("'\\x1b[31mmy model is too slow\\x1b]0;owned\\x07'", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_AnswerHint_ReadsBackInAPosixShellAsTheSameQuestion()
    {
        const string question = "my model's too slow since $(echo INJECTED) and `echo TOO` \"quoted\" \\ it";

        var result = Cli.Run(["route", question]);

        Assert.Equal(["route", question, "--answer", "inference"], Shell.Words(Hint(result)));
    }

    [Fact]
    public void Route_AnswerHintInsideAPack_RepeatsThePack()
    {
        var skill = Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

        var result = Cli.Run(["route", "my model is too slow", "--pack", skill]);
        var asked = WayfinderJson.Deserialize(Cli.Run(["route", "my model is too slow", "--pack", skill, "--json"]).Out)!.Question!;
        var suggested = asked.Leaning.Count > 0 ? asked.Leaning[0] : asked.Options[0].Answer;

        Assert.Equal(["route", "my model is too slow", "--pack", skill, "--answer", suggested], Shell.Words(Hint(result)));
    }

    [Fact]
    public void Route_AnswerHintForAQuestionStartingWithADash_PutsItAfterDoubleDash()
    {
        var result = Cli.Run(["route", "--answer", "inference", "--", "-x my model is too slow"]);

        Assert.Equal(["route", "--answer", "inference", "--answer", "model", "--", "-x my model is too slow"], Shell.Words(Hint(result)));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("bogus", "--json")]
    public void Route_AnswerMatchingNoOption_IsAUsageErrorListingTheOptions(params string[] extra)
    {
        var result = Cli.Run(["route", "my model is too slow", "--answer", .. extra]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("wayfinder: --answer 'bogus' matches none of", result.Err, StringComparison.Ordinal);
        Assert.All(Router.Route("my model is too slow").Question!.Options, o => Assert.Contains(o.Answer, result.Err, StringComparison.Ordinal));
    }

    [Fact]
    public void Route_SecondAnswerMatchingNoOption_ListsTheOptionsOfTheSecondQuestion()
    {
        var result = Cli.Run(["route", "my model is too slow", "--answer", "inference", "--answer", "no idea"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("'no idea'", result.Err, StringComparison.Ordinal);
        Assert.All(Router.Route("my model is too slow", ["inference"]).Question!.Options, o => Assert.Contains(o.Answer, result.Err, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Route_EmptyQuestion_IsAUsageError(string question)
    {
        var result = Cli.Run(["route", question]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("empty", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Route_NoQuestion_IsAUsageError()
    {
        var result = Cli.Run(["route"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("empty", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_QuestionOver8KB_IsAUsageError()
    {
        var result = Cli.Run(["route", new string('q', 9 * 1024)]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(QuestionGuard.MaxQuestionBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Route_EmptyQuestion_IsRefusedBeforeAnyPackLoads()
    {
        var missing = Path.Combine(Path.GetTempPath(), "wayfinder-no-such-" + Guid.NewGuid().ToString("N"));

        var withPack = Cli.Run(["route", " ", "--pack", missing]);
        var withPacks = Cli.Run(["route", " ", "--packs", missing]);

        Assert.All([withPack, withPacks], r =>
        {
            Assert.Equal(WayfinderCommand.UsageError, r.ExitCode);
            Assert.Equal("wayfinder: the question is empty; ask something, e.g. \"my model is too slow\"\n", r.Err.ReplaceLineEndings("\n"));
            Assert.Equal("", r.Out);
        });
    }

    [Theory]
    [InlineData("route", "my model is too slow", "--bogus")]
    [InlineData("route", "x", "--answer")]
    [InlineData("frobnicate")]
    [InlineData("packs", "--nope")]
    public void Route_UnknownOptionOrCommand_IsAUsageError(params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith("wayfinder: ", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("--bogus", "route", "--bogus")]
    [InlineData("-x", "route", "-x")]
    [InlineData("--bogus", "route", "my model is too slow", "--bogus")]
    [InlineData("--strict", "lint", "--strict")]
    [InlineData("--nope", "packs", "--nope")]
    public void Command_UnknownOption_IsAUsageErrorNamingIt(string option, params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith($"wayfinder: unknown option '{option}'", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Route_QuestionStartingWithADashAfterDoubleDash_IsRouted()
    {
        var result = Cli.Run(["route", "--json", "--", "--why is my model too slow"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(WayfinderJson.Serialize(Router.Route("--why is my model too slow")), Assert.Single(result.OutLines));
    }

    [Fact]
    public void Run_NoArguments_IsAUsageError()
    {
        Assert.Equal(WayfinderCommand.UsageError, Cli.Run([]).ExitCode);
    }

    [Fact]
    public void Route_QuestionAndBatch_IsAUsageError()
    {
        var result = Cli.Run(["route", "my model is too slow", "--batch", "-"], "{\"query\":\"canary\"}\n");

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("not both", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Route_QuestionThatLeans_MarksTheAnswerAndSuggestsIt()
    {
        const string question = "Int 8 inference is too slow: with load_in_8bit on, it became very slow";
        var decision = Router.Route(question);
        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        var leaning = Assert.Single(decision.Question!.Leaning);

        var result = Cli.Run(["route", question]);

        Assert.Single(result.OutLines, l => l.Contains("(the question leans here)", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains($". {leaning} ", StringComparison.Ordinal) && l.EndsWith("(the question leans here)", StringComparison.Ordinal));
        Assert.Contains($"--answer {leaning}", result.Out, StringComparison.Ordinal);
    }
}
