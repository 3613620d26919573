using Npgsql;

namespace ChampionNetwork.AppHost.Provisioning;

internal static class PostgresDatabases
{
    /// <summary>CREATE DATABASE when it does not exist yet (AddDatabase), through the server's maintenance database.</summary>
    public static async Task EnsureCreatedAsync(string serverConnectionString, string databaseName, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }

        var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable CA2100 // The name is quoted as an identifier; CREATE DATABASE takes no parameters.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
#pragma warning restore CA2100
        await create.ExecuteNonQueryAsync(ct);
    }
}
