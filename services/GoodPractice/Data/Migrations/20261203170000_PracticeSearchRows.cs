using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChampionNetwork.GoodPractice.Data.Migrations
{
    /// <summary>
    /// <c>practice_search</c>: the narrow row search reads, one per practice, kept by a trigger whoever writes the
    /// practice. A practice's own row carries its body three times (Markdown, HTML and text) and a compressed vector of
    /// all of it, so ranking a few thousand matches there reads and decompresses megabytes. Here a row holds only what
    /// search filters and sorts on, and the vectors it ranks by:
    /// <list type="bullet">
    /// <item><c>title_vector</c> and <c>head_vector</c> (title A, summary B, tags C), small enough to stay inline and
    /// uncompressed, so that ranking the matches in a title or summary costs little;</item>
    /// <item><c>search_vector</c>, every word (the same as the practice's), stored out of line: its GIN index finds
    /// matches without reading it, and only ranking by the body does.</item>
    /// </list>
    /// The practices' own word and filter indexes go: nothing reads them now, and each write paid for them.
    /// </summary>
    [DbContext(typeof(GoodPracticeDb))]
    [Migration("20261203170000_PracticeSearchRows")]
    public partial class PracticeSearchRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE practice_search (
                    id uuid PRIMARY KEY REFERENCES practices (id) ON DELETE CASCADE,
                    is_public boolean NOT NULL,
                    organisation_code varchar(32) NOT NULL,
                    pillars text[] NOT NULL,
                    outcome_codes text[] NOT NULL,
                    tags text[] NOT NULL,
                    created_at timestamptz NOT NULL,
                    adoption_count integer NOT NULL,
                    title_vector tsvector NOT NULL,
                    head_vector tsvector NOT NULL,
                    search_vector tsvector NOT NULL);
                ALTER TABLE practice_search ALTER COLUMN search_vector SET STORAGE EXTERNAL;

                CREATE FUNCTION practices_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    title_words tsvector := setweight(to_tsvector('english', NEW.title), 'A');
                BEGIN
                    INSERT INTO practice_search (id, is_public, organisation_code, pillars, outcome_codes, tags, created_at, adoption_count,
                                                 title_vector, head_vector, search_vector)
                    VALUES (NEW.id, NEW.is_public, NEW.organisation_code, NEW.pillars, NEW.outcome_codes, NEW.tags, NEW.created_at, NEW.adoption_count,
                            title_words,
                            title_words || setweight(to_tsvector('english', NEW.summary), 'B') || setweight(to_tsvector('english', NEW.tags_text), 'C'),
                            NEW.search_vector)
                    ON CONFLICT (id) DO UPDATE SET
                        is_public = EXCLUDED.is_public, organisation_code = EXCLUDED.organisation_code, pillars = EXCLUDED.pillars,
                        outcome_codes = EXCLUDED.outcome_codes, tags = EXCLUDED.tags, created_at = EXCLUDED.created_at,
                        adoption_count = EXCLUDED.adoption_count, title_vector = EXCLUDED.title_vector,
                        head_vector = EXCLUDED.head_vector, search_vector = EXCLUDED.search_vector;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER practices_search_row AFTER INSERT OR UPDATE ON practices
                FOR EACH ROW EXECUTE FUNCTION practices_search_row();

                INSERT INTO practice_search (id, is_public, organisation_code, pillars, outcome_codes, tags, created_at, adoption_count,
                                             title_vector, head_vector, search_vector)
                SELECT p.id, p.is_public, p.organisation_code, p.pillars, p.outcome_codes, p.tags, p.created_at, p.adoption_count,
                       t.title_words,
                       t.title_words || setweight(to_tsvector('english', p.summary), 'B') || setweight(to_tsvector('english', p.tags_text), 'C'),
                       p.search_vector
                FROM practices p, LATERAL (SELECT setweight(to_tsvector('english', p.title), 'A') AS title_words) t;

                CREATE INDEX ix_practice_search_title_vector ON practice_search USING GIN (title_vector);
                CREATE INDEX ix_practice_search_head_vector ON practice_search USING GIN (head_vector);
                CREATE INDEX ix_practice_search_search_vector ON practice_search USING GIN (search_vector);
                CREATE INDEX ix_practice_search_pillars ON practice_search USING GIN (pillars);
                CREATE INDEX ix_practice_search_outcome_codes ON practice_search USING GIN (outcome_codes);
                CREATE INDEX ix_practice_search_tags ON practice_search USING GIN (tags);
                CREATE INDEX ix_practice_search_organisation_code ON practice_search (organisation_code);
                CREATE INDEX ix_practice_search_created_at_id ON practice_search (created_at, id);
                CREATE INDEX ix_practice_search_adoption_count_created_at_id ON practice_search (adoption_count, created_at, id);

                DROP INDEX ix_practices_search_vector, ix_practices_pillars, ix_practices_outcome_codes, ix_practices_tags;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER practices_search_row ON practices;
                DROP FUNCTION practices_search_row();
                DROP TABLE practice_search;
                CREATE INDEX ix_practices_search_vector ON practices USING GIN (search_vector);
                CREATE INDEX ix_practices_pillars ON practices USING GIN (pillars);
                CREATE INDEX ix_practices_outcome_codes ON practices USING GIN (outcome_codes);
                CREATE INDEX ix_practices_tags ON practices USING GIN (tags);
                """);
        }
    }
}
