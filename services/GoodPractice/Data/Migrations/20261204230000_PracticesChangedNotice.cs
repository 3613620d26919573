using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChampionNetwork.GoodPractice.Data.Migrations
{
    /// <summary>
    /// Every statement that writes practices, through the API or not, notifies <c>practices_changed</c>. PostgreSQL
    /// sends it when the transaction commits, once however many statements ran, and never for one rolled back; each
    /// replica of the API listens, and stops reusing the search answers it kept.
    /// </summary>
    [DbContext(typeof(GoodPracticeDb))]
    [Migration("20261204230000_PracticesChangedNotice")]
    public partial class PracticesChangedNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION practices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('practices_changed', '');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER practices_changed AFTER INSERT OR UPDATE OR DELETE ON practices
                    FOR EACH STATEMENT EXECUTE FUNCTION practices_changed();
                CREATE TRIGGER practices_truncated AFTER TRUNCATE ON practices
                    FOR EACH STATEMENT EXECUTE FUNCTION practices_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER practices_truncated ON practices;
                DROP TRIGGER practices_changed ON practices;
                DROP FUNCTION practices_changed();
                """);
        }
    }
}
