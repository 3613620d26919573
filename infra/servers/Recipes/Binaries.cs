using System.Globalization;

namespace ChampionNetwork.LocalServers;

/// <summary>Where Debian's packages put the servers (the scripts look in the same places), and the command that installs them.</summary>
public static class Binaries
{
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y rabbitmq-server redis-server postgresql (or run ./test.sh / ./run.sh, which do it)";

    // Debian's /usr/sbin/rabbitmq-server is a wrapper that switches user and logs to /var/log: use the real script.
    public const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public const string RabbitMqCtl = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    public static string? Epmd => OnPath("epmd") ?? (File.Exists("/usr/lib/erlang/bin/epmd") ? "/usr/lib/erlang/bin/epmd" : null);

    /// <summary>The bin folder of the newest PostgreSQL under /usr/lib/postgresql, else of postgres on PATH.</summary>
    public static string? PostgresBin
    {
        get
        {
            const string debianRoot = "/usr/lib/postgresql";
            var newest = Directory.Exists(debianRoot)
                ? Directory.GetDirectories(debianRoot)
                    .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v), Version: v))
                    .Where(x => x.Ok && File.Exists(Path.Combine(x.Dir, "bin", "postgres")))
                    .OrderByDescending(x => x.Version)
                    .Select(x => Path.Combine(x.Dir, "bin"))
                    .FirstOrDefault()
                : null;
            return newest ?? (OnPath("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null);
        }
    }

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
