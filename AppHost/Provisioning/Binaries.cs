using System.Globalization;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>Where the Debian packages put the server binaries (same lookup as tests/TestInfrastructure).</summary>
internal static class Binaries
{
    // Debian's /usr/sbin/rabbitmq-server is a wrapper that switches user and logs to /var/log: use the real script.
    public static string? RabbitMqServer => FirstExisting("/usr/lib/rabbitmq/bin/rabbitmq-server", "/usr/local/sbin/rabbitmq-server");

    public static string? Epmd => FirstExisting("/usr/bin/epmd", "/usr/lib/erlang/bin/epmd") ?? OnPath("epmd");

    public static string? RedisServer => OnPath("redis-server") ?? FirstExisting("/usr/bin/redis-server");

    /// <summary>The bin folder of the newest PostgreSQL (initdb, pg_ctl, postgres), or null.</summary>
    public static string? PostgresBin
    {
        get
        {
            const string debianRoot = "/usr/lib/postgresql";
            if (Directory.Exists(debianRoot))
            {
                var newest = Directory.GetDirectories(debianRoot)
                    .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v), Version: v))
                    .Where(x => x.Ok && File.Exists(Path.Combine(x.Dir, "bin", "postgres")))
                    .OrderByDescending(x => x.Version)
                    .Select(x => Path.Combine(x.Dir, "bin"))
                    .FirstOrDefault();
                if (newest is not null)
                {
                    return newest;
                }
            }

            var initdb = OnPath("initdb");
            return initdb is null ? null : Path.GetDirectoryName(initdb);
        }
    }

    public static string? Docker => OnPath("docker");

    private static string? FirstExisting(params string[] candidates) => candidates.FirstOrDefault(File.Exists);

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
