using System.Text;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

public sealed class RouterTests
{
    private static readonly Router Router = Routers.BuiltIn;

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData("\u00a0\u2003")]
    public void Route_EmptyOrWhitespaceQuestion_Throws(string question)
    {
        var ex = Assert.Throws<WayfinderError>(() => Router.Route(question));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_NullQuestion_Throws()
    {
        Assert.Throws<WayfinderError>(() => Router.Route(null!));
    }

    [Fact]
    public void Route_QuestionOverLimit_ThrowsNamingTheLimit()
    {
        var question = new string('a', QuestionGuard.MaxQuestionBytes + 1);

        var ex = Assert.Throws<WayfinderError>(() => Router.Route(question));

        Assert.Contains(QuestionGuard.MaxQuestionBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("8 KB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_QuestionOverLimitInUtf8BytesOnly_Throws()
    {
        // 4097 characters, 8194 UTF-8 bytes: the limit is in bytes, not characters.
        var question = new string('é', (QuestionGuard.MaxQuestionBytes / 2) + 1);
        Assert.True(question.Length < QuestionGuard.MaxQuestionBytes);

        Assert.Throws<WayfinderError>(() => Router.Route(question));
    }

    [Fact]
    public void Route_QuestionExactlyAtLimit_IsRouted()
    {
        const string start = "canary rollout of the new model ";
        var question = start + new string('x', QuestionGuard.MaxQuestionBytes - start.Length);
        Assert.Equal(QuestionGuard.MaxQuestionBytes, Encoding.UTF8.GetByteCount(question));

        var decision = Router.Route(question);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Contains(decision.Steps, s => s.Sheet == "deployment-strategies");
    }

    [Fact]
    public void Route_MultiByteQuestionExactlyAtLimit_IsAccepted()
    {
        var question = new string('é', QuestionGuard.MaxQuestionBytes / 2);
        Assert.Equal(QuestionGuard.MaxQuestionBytes, Encoding.UTF8.GetByteCount(question));

        var decision = Router.Route(question);

        DecisionInvariants.AssertHold(decision, Router.Pack, "(4096 x é)");
    }

    public static TheoryData<string> Hostile() => new()
    {
        "deploy\0my\u0001model\u0007\u001b[31m now\u007f",
        "\u0001\u0002\u0003",
        "serve the model \ud800 with \udc00 lone surrogates",
        "\udfff\ud800",
        "broken utf-8 \ufffd\ufffd\ufffd quantize",
        "\ufffd",
        "🚀🚀 deploy 🚀 the model 🔥",
        "👩‍💻🧠💥",
        "モデルの推論が遅いです",
        "модель слишком медленная в продакшене",
        "النموذج بطيء جدا",
        "मॉडल बहुत धीमा है",
        "𝐝𝐞𝐩𝐥𝐨𝐲 𝐦𝐲 𝐦𝐨𝐝𝐞𝐥",
        "\u200b\u200d\u2060",
        "a",
        "?!.,;:-_/\\|",
        new string('x', 5000),
        string.Concat(Enumerable.Repeat("slow ", 1600)),
        string.Concat(Enumerable.Repeat("A100 ", 1600)),
        "llama" + new string('1', 8000) + "b model",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Route_HostileText_GivesAValidDecision(string question)
    {
        var decision = Router.Route(question);

        DecisionInvariants.AssertHold(decision, Router.Pack, question);
        var json = WayfinderJson.Serialize(decision);
        Assert.Equal(json, WayfinderJson.Serialize(WayfinderJson.Deserialize(json)!));
    }

    [Fact]
    public void Route_TermsBetweenNonLatinScripts_AreStillFound()
    {
        var decision = Router.Route("модель: canary rollout — 新しいモデル");

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal("deployment-strategies", Assert.Single(decision.Steps).Sheet);
    }

    private static readonly string[] DeterminismCases =
    [
        "my model is too slow",
        "we use TorchServe on Kubernetes with A100s and want to quantize our llama-3-70b model",
        "our LLM is hallucinating in production and costs are spiking",
        "deploy the model and monitor it with Prometheus",
        "my training doesn't converge",
    ];

    public static TheoryData<string> DeterminismQuestions() => new(DeterminismCases);

    [Theory]
    [MemberData(nameof(DeterminismQuestions))]
    public void Route_SameQuestion1000Times_GivesByteIdenticalJson(string question)
    {
        var expected = WayfinderJson.Serialize(Router.Route(question));

        for (var i = 0; i < 1000; i++)
        {
            var json = WayfinderJson.Serialize(Router.Route(question));
            Assert.True(expected == json, $"run {i} differs:{Environment.NewLine}{expected}{Environment.NewLine}{json}");
        }
    }

    [Fact]
    public void Route_SharedRouterFrom8Threads_GivesByteIdenticalJson()
    {
        var cases = new List<(string Question, string[] Answers)>();
        foreach (var question in DeterminismCases)
        {
            cases.Add((question, []));
        }

        cases.Add(("my model is too slow", ["inference"]));
        cases.Add(("my model is too slow", ["1", "model"]));
        var expected = cases.Select(c => WayfinderJson.Serialize(Router.Route(c.Question, c.Answers))).ToArray();
        var shared = Router.CreateBuiltIn();
        var results = new string[8 * 250];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = cases[i % cases.Count];
            results[i] = WayfinderJson.Serialize(shared.Route(c.Question, c.Answers));
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % cases.Count], results[i]);
        }
    }

    [Fact]
    public void Route_SlowModel_AsksSlowPhase()
    {
        var decision = Router.Route("my model is too slow");

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal("slow-phase", decision.Question!.Id);
        Assert.Equal(["inference", "training"], decision.Question.Options.Select(o => o.Answer));
    }

    [Fact]
    public void Route_SlowModelAnsweredInference_AsksSlowBottleneck()
    {
        var decision = Router.Route("my model is too slow", ["inference"]);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal("slow-bottleneck", decision.Question!.Id);
        Assert.Contains(decision.Evidence, e => e is { Kind: "answer", Ref: "slow-phase" } && e.Text.Contains("inference", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_SlowModelAnsweredInferenceThenModel_RoutesToTheModelOption()
    {
        var decision = Router.Route("my model is too slow", ["inference", "model"]);

        var option = Router.Pack.QuestionsById["slow-bottleneck"].Options.Single(o => o.Answer == "model");
        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Null(decision.Question);
        Assert.Equal(option.Route.Select(t => t.Sheet), decision.Steps.Select(s => s.Sheet));
    }

    [Fact]
    public void Route_AnswerByOptionNumber_ResolvesLikeTheAnswerId()
    {
        var byNumber = Router.Route("my model is too slow", ["1", "2"]);
        var byId = Router.Route("my model is too slow", ["inference", "infrastructure"]);

        Assert.Equal(DecisionStatus.Routed, byNumber.Status);
        Assert.Equal(byId.Steps, byNumber.Steps);
    }

    [Theory]
    [InlineData("it's the training")]
    [InlineData("Training, the epochs take ages")]
    [InlineData("TRAINING")]
    [InlineData("Training - runs or epochs take too long")]
    public void Route_AnswerInFreeWords_Resolves(string answer)
    {
        var decision = Router.Route("my model is too slow", [answer]);

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Equal("yzmir-training-optimization", Assert.Single(decision.Handoffs).Pack);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("0")]
    public void Route_UnrecognisedAnswer_ReasksTheSameQuestion(string answer)
    {
        var decision = Router.Route("my model is too slow", [answer]);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal("slow-phase", decision.Question!.Id);
        var evidence = Assert.Single(decision.Evidence, e => e.Kind == "answer");
        Assert.Equal("slow-phase", evidence.Ref);
        Assert.Contains("matches none of: inference, training", evidence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_UnrecognisedSecondAnswer_ReasksTheSecondQuestion()
    {
        var decision = Router.Route("my model is too slow", ["inference", "no idea"]);

        Assert.Equal("slow-bottleneck", decision.Question!.Id);
        Assert.Contains(decision.Evidence, e => e is { Kind: "answer", Ref: "slow-bottleneck" } && e.Text.Contains("matches none", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "banana" }, "banana")]
    [InlineData(new[] { "inference", "no idea" }, "no idea")]
    [InlineData(new[] { "inference" }, null)]
    [InlineData(new string[0], null)]
    public void Route_AnswerMatchingNoOption_IsNamedOnTheDecision(string[] answers, string? unmatched)
    {
        Assert.Equal(unmatched, Router.Route("my model is too slow", answers).UnmatchedAnswer);
    }

    [Fact]
    public void Route_ExtraAnswersAfterARoute_AreNotedInEvidence()
    {
        var decision = Router.Route("my model is too slow", ["training", "something", "else"]);

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Contains(decision.Evidence, e => e.Kind == "answer" && e.Text.Contains("2 further answer(s) not needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_AnswersToAQuestionThatRoutesWithoutAsking_AreNotedInEvidence()
    {
        var decision = Router.Route("canary rollout for the new model", ["inference"]);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Contains(decision.Evidence, e => e.Kind == "answer" && e.Text.Contains("1 answer(s) not needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_AnswerGivenByTheQuestionWords_IsNotAskedAgain()
    {
        // "inference" settles slow-phase; the caller's first answer goes to the next question.
        var decision = Router.Route("inference is too slow", ["infrastructure"]);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Contains(decision.Evidence, e => e is { Kind: "answer", Ref: "slow-phase" } && e.Text.Contains("given by the question's own words", StringComparison.Ordinal));
        Assert.Contains(decision.Evidence, e => e is { Kind: "answer", Ref: "slow-bottleneck", Text: "answered 'infrastructure'" });
    }

    [Fact]
    public void Route_ClarifyOptions_DescribeWhereEachLeads()
    {
        var decision = Router.Route("my model is too slow");
        var question = Router.Pack.QuestionsById[decision.Question!.Id];

        Assert.Equal(question.Text, decision.Question.Text);
        foreach (var (choice, option) in decision.Question.Options.Zip(question.Options))
        {
            Assert.Equal(option.Label, choice.Label);
            var expected = option.Next is not null ? $"question:{option.Next}" : string.Join(", ", option.Route.Select(t => t.Key));
            Assert.Equal(expected, choice.LeadsTo);
        }
    }

    [Fact]
    public void Route_NullAnswers_IsTheSameAsNoAnswers()
    {
        Assert.Equal(
            WayfinderJson.Serialize(Router.Route("my model is too slow", [])),
            WayfinderJson.Serialize(Router.Route("my model is too slow", null)));
    }
}
