using Npgsql;

namespace ChampionNetwork.TestInfrastructure.Tests;

public class LocalPostgresTests
{
    [Fact]
    public async Task Committed_rows_survive_kill_9_and_restart()
    {
        await using var postgres = await LocalPostgres.StartAsync();
        var database = await postgres.CreateDatabaseAsync(TestNames.Unique("crash"));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "CREATE TABLE responses (id int PRIMARY KEY); INSERT INTO responses SELECT generate_series(1, 100);", connection);
            await command.ExecuteNonQueryAsync();
        }

        await postgres.KillAsync();
        await postgres.StartAgainAsync();

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM responses", connection);
            Assert.Equal(100L, await command.ExecuteScalarAsync());
        }
    }
}
