using Npgsql;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Replaces a search word that no practice uses with the most similar word that one does ("pyschological" becomes
/// "psychological"), by pg_trgm over <c>search_words</c>: the corpus's own vocabulary, kept by a trigger. Words of
/// fewer than <see cref="MinimumLength"/> letters, and words with digits or hyphens, are left as typed. A word is
/// replaced only by one at least <see cref="MinimumSimilarity"/> similar, or, since a swapped pair of letters costs
/// short words many trigrams ("lantren"), by one at least <see cref="NearSimilarity"/> similar that starts with the
/// same letter and is within a letter of its length: a real word absent from the corpus is not swapped for an
/// unrelated one.
/// </summary>
public sealed class SpellingCorrection(NpgsqlDataSource dataSource)
{
    public const int MinimumLength = 4;
    public const double MinimumSimilarity = 0.45;
    public const double NearSimilarity = 0.3;

    internal async Task<string> CorrectAsync(string words, CancellationToken cancellationToken)
    {
        var tokens = words.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var candidates = tokens.Select(t => t.ToLowerInvariant()).Where(t => t.Length >= MinimumLength && t.All(char.IsLetter)).Distinct().ToArray();
        if (candidates.Length == 0)
        {
            return words;
        }

        const string sql = """
            SELECT t.w, (SELECT s.word FROM search_words s
                         WHERE s.word % t.w
                           AND (similarity(s.word, t.w) >= @minimum
                                OR (similarity(s.word, t.w) >= @near AND left(s.word, 1) = left(t.w, 1) AND abs(length(s.word) - length(t.w)) <= 1))
                         ORDER BY similarity(s.word, t.w) DESC, s.word LIMIT 1)
            FROM unnest(@words) AS t(w)
            WHERE NOT EXISTS (SELECT 1 FROM search_words e WHERE e.word = t.w)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("words", candidates);
        command.Parameters.AddWithValue("minimum", MinimumSimilarity);
        command.Parameters.AddWithValue("near", NearSimilarity);
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(1))
                {
                    corrections[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }

        return corrections.Count == 0
            ? words
            : string.Join(' ', tokens.Select(t => corrections.GetValueOrDefault(t.ToLowerInvariant(), t)));
    }
}
