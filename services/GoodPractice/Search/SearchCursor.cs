using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// The opaque keyset cursor: the sort, a digest of the query it belongs to, the last row's sort key and id, and the
/// candidates' <see cref="MatchLevel"/> the first page chose (so that later pages page the same set).
/// A cursor from another query or sort is refused rather than silently paging something else.
/// </summary>
internal sealed record SearchCursor(string Sort, string Query, double? Score, int? Adoptions, DateTimeOffset? CreatedAt, Guid Id, MatchLevel Level = MatchLevel.AnyWord)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    public static bool TryDecode(string text, out SearchCursor? cursor)
    {
        cursor = null;
        try
        {
            if (text.Length > 1_000)
            {
                return false;
            }

            cursor = JsonSerializer.Deserialize<SearchCursor>(Base64Url.DecodeFromChars(text), Json);
            return cursor is not null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    public static string Digest(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
