using Microsoft.Extensions.Options;

namespace Wayfinder.Hosting;

/// <summary>Refuses options that cannot load: a blank folder, or one that does not exist.</summary>
internal sealed class WayfinderOptionsValidator : IValidateOptions<WayfinderOptions>
{
    public ValidateOptionsResult Validate(string? name, WayfinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(nameof(WayfinderOptions.SkillFolders), options.SkillFolders, failures);
        Check(nameof(WayfinderOptions.Marketplaces), options.Marketplaces, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string option, IList<string> folders, List<string> failures)
    {
        for (var i = 0; i < folders.Count; i++)
        {
            var folder = folders[i];
            if (string.IsNullOrWhiteSpace(folder))
            {
                failures.Add($"Wayfinder: {option}[{i}] is blank; give the path of a folder");
            }
            else if (!Directory.Exists(folder))
            {
                failures.Add($"Wayfinder: {option}[{i}] '{folder}' is not a folder ({Path.GetFullPath(folder)} does not exist)");
            }
        }
    }
}
