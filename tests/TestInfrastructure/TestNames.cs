using System.Text;

namespace ChampionNetwork.TestInfrastructure;

public static class TestNames
{
    private const int MaxPrefixLength = 40;

    /// <summary>
    /// <paramref name="prefix"/> + '_' + 12 hex digits, lowercase, only [a-z0-9_], starting with a letter, at most
    /// 53 characters: safe as a RabbitMQ vhost, a PostgreSQL database name and a Redis key prefix.
    /// </summary>
    public static string Unique(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var clean = new StringBuilder(Math.Min(prefix.Length, MaxPrefixLength) + 13);
        foreach (var c in prefix.ToLowerInvariant())
        {
            if (clean.Length == MaxPrefixLength)
            {
                break;
            }

            clean.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        if (clean.Length == 0 || !char.IsAsciiLetterLower(clean[0]))
        {
            clean.Insert(0, 't');
            clean.Length = Math.Min(clean.Length, MaxPrefixLength);
        }

        return clean.Append('_').Append(Guid.NewGuid().ToString("N").AsSpan(0, 12)).ToString();
    }
}
