using System.CommandLine;
using System.Globalization;
using Wayfinder.Api;

namespace Wayfinder.Cli;

/// <summary>
/// Parsers for options that take numbers or names: a bad value is named with
/// what it must be, in plain words, where the library would name a .NET type.
/// Values are checked here, once, as the command line is read.
/// </summary>
internal static class OptionValues
{
    /// <summary>Makes <paramref name="option"/> accept only whole numbers from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> WholeNumber(this Option<int> option, int min, int max)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a whole number from {min} to {max}, not '{text}'"));
            return default;
        };
        return option;
    }

    /// <summary>
    /// Makes <paramref name="option"/> accept only a token budget the service
    /// takes: one out of its range is refused in the service's words, as every
    /// host refuses it, before anything is loaded.
    /// </summary>
    public static Option<int> Budget(this Option<int> option)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a whole number from 1 to {WayfinderService.MaxBudget}, not '{text}'"));
                return default;
            }

            try
            {
                WayfinderService.CheckBudget(value);
            }
            catch (WayfinderError refused)
            {
                result.AddError(refused.Message);
            }

            return value;
        };
        return option;
    }

    /// <summary>Makes <paramref name="option"/> accept only a number of seconds from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<double> Seconds(this Option<double> option, double min, double max)
    {
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a number of seconds from {min} to {max}, not '{text}'"));
            return default;
        };
        return option;
    }

    /// <summary>Makes <paramref name="option"/> accept only the names of <typeparamref name="T"/>'s values, in any case.</summary>
    public static Option<T?> OneOf<T>(this Option<T?> option)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            foreach (var value in values)
            {
                if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            result.AddError($"{option.Name} must be {string.Join(" or ", values.Select(v => v.ToString().ToLowerInvariant()))}, not '{text}'");
            return null;
        };
        return option;
    }
}
