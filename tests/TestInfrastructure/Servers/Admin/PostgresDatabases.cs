using System.Text.RegularExpressions;
using Npgsql;

namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

internal static partial class PostgresDatabases
{
    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a safe database name: use [a-z_][a-z0-9_]* up to 63 characters (see TestNames.Unique).", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(ct);
            // template0: nobody ever connects to it, so concurrent CREATE DATABASE calls cannot collide on the template.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SafeName();
}
