using System.Globalization;
using System.Text;

namespace ChampionNetwork.GoodPractice.Search;

public sealed partial class PracticeSearch
{
    /// <summary>
    /// A page of <see cref="MatchLevel.Tiered"/> candidates. Each tier is its own ranked query, read only while the
    /// tiers above it have not filled the page, so a common pair of words ranks the few hundred practices with both
    /// in the title, not the thousands with both somewhere in the body. A score is its tier plus its rank within the
    /// tier scaled below 1 (r / (1 + r), which keeps the tier's order), so the keyset pages through tier after tier.
    /// The first page reads only the tiers with every word (<paramref name="partial"/> false): a search that cannot
    /// fill it from those chooses a level by counting instead.
    /// </summary>
    private async Task<SearchPage> TieredPageAsync(SearchCriteria criteria, bool member, bool partial, CancellationToken cancellationToken)
    {
        var quorum = partial ? await AllButOneQueryAsync(criteria.Words!, cancellationToken) : null;
        var filters = new StringBuilder();
        AppendFilters(filters, criteria, byWords: true);
        // Tiers 3 and 2 are one scan, each row's tier told by its inline head vector: once the titles have not filled
        // the page, the rows with every word anywhere are few, and a second word index would cost more than they do.
        const string InHead = "p.head_vector @@ query.strict";
        List<(int Lowest, string Tier, string Rank, string Match)> tiers =
        [
            (4, "4", "ts_rank(p.head_vector, query.strict)", $"p.title_vector @@ {StrictQuery}"),
            (2, $"CASE WHEN {InHead} THEN 3 ELSE 2 END",
                $"CASE WHEN {InHead} THEN ts_rank(p.head_vector, query.strict) ELSE ts_rank(p.search_vector, query.strict) END",
                $"p.search_vector @@ {StrictQuery} AND NOT p.title_vector @@ {StrictQuery}"),
        ];
        if (partial)
        {
            if (quorum is not null)
            {
                tiers.Add((1, "1", "ts_rank(p.search_vector, query.loose)", $"p.search_vector @@ @quorum::tsquery AND NOT p.search_vector @@ {StrictQuery}"));
            }

            tiers.Add((0, "0", "ts_rank(p.search_vector, query.loose)", $"""
                p.id IN (SELECT p.id FROM practice_search p, query WHERE (@member OR p.is_public) AND p.search_vector @@ {LooseQuery}{filters}
                         ORDER BY ts_rank(p.search_vector, query.loose) DESC, p.id DESC LIMIT {MaxPartialMatches})
                AND NOT p.search_vector @@ {(quorum is null ? StrictQuery : "@quorum::tsquery")}
                """));
        }

        var sql = new StringBuilder(QueryCte);
        var above = new List<string>();
        foreach (var (lowest, tier, rank, match) in tiers)
        {
            var gate = above.Count == 0 ? "" : $"({string.Join(" + ", above.Select(t => $"(SELECT count(*) FROM {t})"))}) < @take AND ";
            sql.Append(CultureInfo.InvariantCulture, $"""
                 t{lowest} AS MATERIALIZED (
                    SELECT * FROM (SELECT ranked.id, ranked.tier + ranked.r / (1 + ranked.r) AS score FROM (
                        SELECT p.id, {tier} AS tier, ({rank})::float8 AS r FROM practice_search p, query
                        WHERE @from >= {lowest} AND {gate}(@member OR p.is_public) AND {match}{filters}) ranked) s
                    {(criteria.After is null ? "" : "WHERE (s.score, s.id) < (@score, @id)")}
                    ORDER BY s.score DESC, s.id DESC LIMIT @take),
                """);
            above.Add($"t{lowest}");
        }

        sql.Append(" page AS (").AppendJoin(" UNION ALL ", above.Select(t => $"SELECT * FROM {t}")).Append(" ORDER BY score DESC, id DESC LIMIT @take)")
            .Append(PageSelect("c.score", summarised: "c.score >= 3")).Append(" ORDER BY c.score DESC, c.id DESC");

        await using var command = dataSource.CreateCommand(sql.ToString());
        AddParameters(command, criteria, member);
        command.Parameters.AddWithValue("quorum", quorum ?? "");
        command.Parameters.AddWithValue("from", criteria.After?.Score is { } score ? (int)Math.Clamp(Math.Floor(score), 0, 4) : 4);
        return await ReadPageAsync(command, criteria, MatchLevel.Tiered, cancellationToken);
    }
}
