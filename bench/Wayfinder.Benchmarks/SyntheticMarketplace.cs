using System.Globalization;
using System.Text;

namespace Wayfinder.Benchmarks;

/// <summary>
/// Writes a marketplace of realistic skill packs for scale measurements:
/// <c>packs</c> packs of <c>sheets</c> sheets of about <c>sheetBytes</c> of
/// Markdown each (headings at three levels, prose, lists, tables, fenced code),
/// each pack with a SKILL.md router that links its sheets. The same seed
/// writes the same files.
/// </summary>
public static class SyntheticMarketplace
{
    private static readonly string[] Words =
    [
        "latency", "throughput", "batching", "replica", "autoscaling", "quantization", "calibration", "pruning", "distillation",
        "tensor", "kernel", "allocator", "gradient", "checkpoint", "pipeline", "registry", "lineage", "drift", "alert", "dashboard",
        "rollout", "canary", "shadow", "rollback", "endpoint", "container", "cluster", "scheduler", "queue", "cache", "token",
        "prompt", "retrieval", "embedding", "evaluation", "metric", "baseline", "regression", "incident", "profile", "trace",
        "the", "a", "of", "to", "and", "in", "for", "with", "when", "before", "after", "each", "every", "model", "service",
        "request", "response", "memory", "device", "precision", "accuracy", "budget", "cost", "owner", "review", "release",
    ];

    /// <summary>Writes the marketplace under <paramref name="root"/> (created) and returns it.</summary>
    public static string Generate(string root, int packs = 50, int sheets = 12, int sheetBytes = 40 * 1024, int seed = 7)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(root);
        for (var p = 0; p < packs; p++)
        {
            var packName = string.Create(CultureInfo.InvariantCulture, $"synthetic-pack-{p:00}");
            var skill = $"using-{packName}";
            var dir = Path.Combine(root, packName, "skills", skill);
            Directory.CreateDirectory(dir);
            var sheetIds = Enumerable.Range(0, sheets)
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{Words[random.Next(41)]}-{Words[random.Next(41)]}-{s:00}"))
                .ToList();

            var router = new StringBuilder()
                .Append("---\nname: ").Append(skill).Append("\ndescription: Routes questions about ").Append(Words[random.Next(41)])
                .Append(" and ").Append(Words[random.Next(41)]).Append(" to the right sheet.\n---\n\n# ").Append(packName).Append("\n\n")
                .Append(string.Create(CultureInfo.InvariantCulture, $"This pack contains exactly {sheets} reference sheets.\n\n## Routes\n\n"));
            foreach (var id in sheetIds)
            {
                router.Append("- ").Append(Sentence(random, 6)).Append(" → [").Append(id).Append(".md](").Append(id).Append(".md)\n");
            }

            File.WriteAllText(Path.Combine(dir, "SKILL.md"), router.ToString());
            foreach (var id in sheetIds)
            {
                File.WriteAllText(Path.Combine(dir, id + ".md"), Sheet(random, id, sheetBytes));
            }
        }

        return root;
    }

    private static string Sheet(Random random, string id, int bytes)
    {
        var text = new StringBuilder().Append("# ").Append(id.Replace('-', ' ')).Append("\n\n").Append(Sentence(random, 30)).Append("\n\n");
        var part = 0;
        while (text.Length < bytes)
        {
            part++;
            text.Append(string.Create(CultureInfo.InvariantCulture, $"## Part {part}: ")).Append(Sentence(random, 4)).Append("\n\n");
            for (var sub = 1; sub <= 3 && text.Length < bytes; sub++)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"### {part}.{sub} ")).Append(Sentence(random, 3)).Append("\n\n");
                text.Append(Sentence(random, 60)).Append("\n\n");
                switch (random.Next(3))
                {
                    case 0:
                        for (var i = 0; i < 4; i++)
                        {
                            text.Append("- ").Append(Sentence(random, 10)).Append('\n');
                        }

                        break;
                    case 1:
                        text.Append("| signal | threshold | action |\n|---|---|---|\n");
                        for (var i = 0; i < 4; i++)
                        {
                            text.Append("| ").Append(Words[random.Next(Words.Length)]).Append(" | ").Append(random.Next(100)).Append(" | ")
                                .Append(Sentence(random, 4)).Append(" |\n");
                        }

                        break;
                    default:
                        text.Append("```python\n# ").Append(Sentence(random, 5)).Append('\n');
                        for (var i = 0; i < 6; i++)
                        {
                            text.Append(Words[random.Next(41)]).Append(" = configure(\"").Append(Words[random.Next(41)]).Append("\", ").Append(random.Next(64)).Append(")\n");
                        }

                        text.Append("```\n");
                        break;
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Words[random.Next(Words.Length)]);
        }

        text[0] = char.ToUpperInvariant(text[0]);
        return text.Append('.').ToString();
    }
}
