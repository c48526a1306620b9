using BenchmarkDotNet.Attributes;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Benchmarks;

/// <summary>One <see cref="Router.Route"/> call on the built-in pack, for questions of each outcome.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class RouteBenchmarks
{
    private readonly Router _router = Router.CreateBuiltIn();

    [Params("clarify", "routed", "multi-concern", "handoff", "issue-text", "max-size")]
    public string Question { get; set; } = "";

    private string _text = "";

    [GlobalSetup]
    public void Setup() => _text = Question switch
    {
        "clarify" => "my model is too slow",
        "routed" => "How do I set up a canary rollout for the new fraud model?",
        "multi-concern" => "Our LLM keeps hallucinating in production and costs are spiking on our A100s",
        "handoff" => "Training is very slow, the dataloader is the bottleneck and GPU utilization is low",
        "issue-text" => IssueText,
        _ => MaxSize(),
    };

    private const string IssueText =
        "[Usage]: vLLM max_num_seqs and max_model_len - how do they affect throughput when serving Llama-3-70B with continuous batching? We see p99 latency spikes under load after upgrading.";

    /// <summary>The longest question accepted (8 KB), made of issue text.</summary>
    private static string MaxSize()
    {
        var text = new System.Text.StringBuilder();
        while (text.Length + IssueText.Length + 1 <= QuestionGuard.MaxQuestionBytes)
        {
            text.Append(IssueText).Append(' ');
        }

        return text.ToString();
    }

    [Benchmark(Baseline = true)]
    public Decision Route() => _router.Route(_text);

    [Benchmark]
    public string RouteAndSerialize() => WayfinderJson.Serialize(_router.Route(_text));
}
