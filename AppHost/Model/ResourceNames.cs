using System.Text.RegularExpressions;

namespace ChampionNetwork.AppHost.Model;

internal static partial class ResourceNames
{
    /// <summary>Aspire's rule: ASCII letters, digits and hyphens, starting with a letter.</summary>
    public static string Validate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Valid().IsMatch(name))
        {
            throw new ArgumentException($"Resource name '{name}' must start with a letter and hold only letters, digits and hyphens.", nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$")]
    private static partial Regex Valid();
}
