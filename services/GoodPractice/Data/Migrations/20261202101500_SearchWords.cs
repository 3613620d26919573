using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChampionNetwork.GoodPractice.Data.Migrations
{
    /// <summary>
    /// Every word that appears in a practice, for correcting misspelt search words against the corpus (pg_trgm over a
    /// few thousand words, not over every practice's text). A trigger keeps it filled, whoever writes the practice.
    /// Words are inserted in order so that concurrent writers never wait on each other in a cycle.
    /// </summary>
    [DbContext(typeof(GoodPracticeDb))]
    [Migration("20261202101500_SearchWords")]
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE search_words (word text PRIMARY KEY);
                CREATE INDEX ix_search_words_word ON search_words USING GIN (word gin_trgm_ops);

                CREATE FUNCTION practice_words(title text, summary text, body_text text, tags_text text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT DISTINCT w FROM regexp_split_to_table(lower(title || ' ' || summary || ' ' || body_text || ' ' || tags_text), '[^[:alpha:]]+') AS w
                    WHERE length(w) BETWEEN 3 AND 40 ORDER BY w
                $$;

                CREATE FUNCTION practices_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_words (word)
                    SELECT w FROM practice_words(NEW.title, NEW.summary, NEW.body_text, NEW.tags_text) AS w
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER practices_search_words AFTER INSERT OR UPDATE OF title, summary, body_text, tags_text ON practices
                FOR EACH ROW EXECUTE FUNCTION practices_search_words();

                INSERT INTO search_words (word)
                SELECT DISTINCT w FROM practices p, practice_words(p.title, p.summary, p.body_text, p.tags_text) AS w ORDER BY w
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER practices_search_words ON practices;
                DROP FUNCTION practices_search_words();
                DROP FUNCTION practice_words(text, text, text, text);
                DROP TABLE search_words;
                """);
        }
    }
}
