using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wayfinder.Specs;

/// <summary>How a corpus item's split is fixed by its source alone: SHA-256 of the URL, first 8 hex digits, modulo 100 (train below 60, dev below 80, else sealed).</summary>
internal static class CorpusSplit
{
    public static string Of(string source)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
        var bucket = uint.Parse(hash.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 100;
        return bucket < 60 ? "train" : bucket < 80 ? "dev" : "sealed";
    }
}
