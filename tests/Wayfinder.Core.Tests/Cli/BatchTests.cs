using System.Diagnostics;
using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class BatchTests
{
    private static JsonDocument[] Outputs(Cli.Result result) => result.OutLines.Select(l => JsonDocument.Parse(l)).ToArray();

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public void Batch_ValidLines_GiveDecisionsCarryingTheirIds()
    {
        const string input = """
            {"id": "a", "query": "canary rollout"}
            {"id": "b", "query": "my model is too slow", "answers": ["inference", "model"]}
            {"id": 42, "question": "quantize to int8"}
            """;

        var result = Cli.Run(["route", "--batch", "-"], input);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var lines = result.OutLines;
        Assert.Equal(3, lines.Length);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("canary rollout") with { Id = "a" }), lines[0]);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("my model is too slow", ["inference", "model"]) with { Id = "b" }), lines[1]);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("quantize to int8") with { Id = "42" }), lines[2]);
    }

    [Fact]
    public void Batch_LineWithoutId_IsIdentifiedByItsLineNumber()
    {
        var result = Cli.Run(["route", "--batch", "-"], "\n{\"query\": \"canary rollout\"}\n");

        Assert.Equal("2", Text(Assert.Single(Outputs(result)).RootElement, "id"));
    }

    [Fact]
    public void Batch_MalformedJson_GivesAnErrorObjectNamingTheLine()
    {
        var result = Cli.Run(["route", "--batch", "-"], "{\"id\": \"ok\", \"query\": \"canary\"}\n{\"id\": \"broken\", \"query\": \n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var error = Outputs(result)[1].RootElement;
        Assert.Equal(["id", "line", "error"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.StartsWith("line 2: ", Text(error, "error"), StringComparison.Ordinal);
        Assert.Contains("JSON", Text(error, "error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": \"x\"}", "missing \"query\"")]
    [InlineData("{\"id\": \"x\", \"query\": 5}", "\"query\" must be a string")]
    [InlineData("{\"id\": \"x\", \"query\": null}", "\"query\" must be a string")]
    [InlineData("{\"id\": \"x\", \"query\": \"\"}", "empty")]
    [InlineData("{\"id\": \"x\", \"query\": \"   \"}", "empty")]
    [InlineData("{\"id\": \"x\", \"query\": \"slow\", \"answers\": \"inference\"}", "\"answers\" must be an array of strings")]
    [InlineData("{\"id\": \"x\", \"query\": \"slow\", \"answers\": [1]}", "\"answers\" must be an array of strings")]
    public void Batch_BadQuestion_GivesAnErrorObjectWithItsId(string line, string message)
    {
        var result = Cli.Run(["route", "--batch", "-"], line + "\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var error = Assert.Single(Outputs(result)).RootElement;
        Assert.Equal("x", Text(error, "id"));
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.StartsWith("line 1: ", Text(error, "error"), StringComparison.Ordinal);
        Assert.Contains(message, Text(error, "error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    public void Batch_LineThatIsNotAnObject_GivesAnErrorObject(string line)
    {
        var error = Assert.Single(Outputs(Cli.Run(["route", "--batch", "-"], line))).RootElement;

        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        Assert.StartsWith("line 1: expected a JSON object", Text(error, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_AnswerMatchingNoOption_GivesAnErrorObjectListingTheOptions()
    {
        var result = Cli.Run(["route", "--batch", "-"], "{\"id\": \"x\", \"query\": \"my model is too slow\", \"answers\": [\"bogus\"]}\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var error = Assert.Single(Outputs(result)).RootElement;
        Assert.Equal("x", Text(error, "id"));
        Assert.StartsWith("line 1: answer 'bogus' matches none of", Text(error, "error"), StringComparison.Ordinal);
        Assert.Contains("inference, training", Text(error, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_QuestionOver8KB_GivesAnErrorObject()
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = "big", ["query"] = new string('q', 9 * 1024) });

        var error = Assert.Single(Outputs(Cli.Run(["route", "--batch", "-"], line))).RootElement;

        Assert.Equal("big", Text(error, "id"));
        Assert.Contains("8192", Text(error, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_BlankLinesAreSkippedAndBadLinesDoNotStopTheBatch()
    {
        string[] lines =
        [
            "{\"id\": \"1\", \"query\": \"canary rollout\"}",
            "",
            "   ",
            "{not json",
            "{\"id\": \"5\"}",
            "{\"id\": \"6\", \"query\": 7}",
            "\t",
            "{\"id\": \"8\", \"query\": \"\"}",
            "{\"id\": \"9\", \"query\": \"my model is too slow\"}",
            "{\"id\": \"10\", \"query\": \"my training doesn't converge\"}",
        ];

        var result = Cli.Run(["route", "--batch", "-"], string.Join("\r\n", lines) + "\r\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var outputs = Outputs(result).Select(d => d.RootElement).ToList();
        Assert.Equal(lines.Count(l => !string.IsNullOrWhiteSpace(l)), outputs.Count);
        Assert.Equal([4, 5, 6, 8], outputs.Where(o => o.TryGetProperty("error", out _)).Select(o => o.GetProperty("line").GetInt32()));
        Assert.Equal(["1", "9", "10"], outputs.Where(o => o.TryGetProperty("status", out _)).Select(o => Text(o, "id")));
        Assert.Equal(["routed", "clarify", "handoff"], outputs.Where(o => o.TryGetProperty("status", out _)).Select(o => Text(o, "status")));
    }

    [Fact]
    public void Batch_EmptyInput_PrintsNothing()
    {
        var result = Cli.Run(["route", "--batch", "-"], "");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Batch_FromFile_RoutesEveryLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wayfinder-batch-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"id\": \"f1\", \"query\": \"canary rollout\"}\n{\"id\": \"f2\", \"query\": \"quantize to int8\"}\n");
        try
        {
            var result = Cli.Run(["route", "--batch", path]);

            Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
            Assert.Equal(["f1", "f2"], Outputs(result).Select(d => Text(d.RootElement, "id")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Batch_MissingFile_IsAUsageErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wayfinder-missing-{Guid.NewGuid():N}.jsonl");

        var result = Cli.Run(["route", "--batch", path]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(path, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Batch_DirectoryInsteadOfFile_IsAUsageErrorSayingSo()
    {
        var folder = Path.GetTempPath();

        var result = Cli.Run(["route", "--batch", folder]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Equal($"wayfinder: {folder} is a directory, not a file of questions\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Batch_StandardInputThatIsADirectory_IsAUsageErrorSayingSo()
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "exec dotnet \"$0\" route --batch - < /", typeof(WayfinderCommand).Assembly.Location })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(WayfinderCommand.UsageError, process.ExitCode);
        Assert.Equal("wayfinder: standard input is a directory, not a file of questions\n", await stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Batch_ByteOrderMark_IsSkippedOnStandardInputAsInAFile()
    {
        const string line = "{\"id\": \"bom\", \"query\": \"canary rollout\"}\n";
        var path = Path.Combine(Path.GetTempPath(), $"wayfinder-bom-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, line, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var fromFile = Cli.Run(["route", "--batch", path]);
            var fromStdin = Cli.Run(["route", "--batch", "-"], "\uFEFF" + line);

            var expected = WayfinderJson.Serialize(Routers.BuiltIn.Route("canary rollout") with { Id = "bom" });
            Assert.Equal(expected, Assert.Single(fromFile.OutLines));
            Assert.Equal(expected, Assert.Single(fromStdin.OutLines));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string MlProductionSkill => Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

    [Fact]
    public void Batch_WithPack_RoutesEveryLineInsideThatPack()
    {
        var own = Assert.Single(PackLibrary.Load([MlProductionSkill], []).Packs);
        var router = new Wayfinder.Marketplace.MarketRouter([own]);

        var result = Cli.Run(["route", "--batch", "-", "--pack", MlProductionSkill], "{\"id\": \"p1\", \"query\": \"canary rollout\"}\n{\"id\": \"p2\", \"query\": \"my model is too slow\", \"answers\": [\"training\"]}\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(
            [
                WayfinderJson.Serialize(router.RouteIn(own.Id, "canary rollout", []) with { Id = "p1" }),
                WayfinderJson.Serialize(router.RouteIn(own.Id, "my model is too slow", ["training"]) with { Id = "p2" }),
            ],
            result.OutLines);
    }

    [Fact]
    public void Batch_WithPacks_NamesTheFileOfEveryDestination()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);

        var result = Cli.Run(["route", "--batch", "-", "--packs", SharedPacks.Directory], "{\"id\": \"m1\", \"query\": \"canary rollout\"}\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var expected = new Wayfinder.Marketplace.MarketRouter(library.Packs, Routers.BuiltIn).Route("canary rollout", []) with { Id = "m1" };
        Assert.Contains(expected.Evidence, e => e.Kind == "file");
        Assert.Equal(WayfinderJson.Serialize(expected), Assert.Single(result.OutLines));
    }

    [Fact]
    public void Batch_WithAnswer_IsAUsageErrorNamingBothOptions()
    {
        var result = Cli.Run(["route", "--batch", "-", "--answer", "inference"], "{\"id\": \"a\", \"query\": \"my model is too slow\"}\n");

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("--answer", result.Err, StringComparison.Ordinal);
        Assert.Contains("--batch", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Batch_LoneSurrogateEscape_GivesAnErrorObjectAndTheBatchGoesOn()
    {
        var result = Cli.Run(["route", "--batch", "-"], "{\"id\": \"a\", \"query\": \"x \\ud800 y\"}\n{\"id\": \"b\", \"query\": \"canary rollout\"}\n");

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(2, result.OutLines.Length);
    }
}
