using System.Diagnostics;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// Whether a Docker engine answers. The docker CLI on PATH is not enough (these machines have one and no engine):
/// `docker version` must reach the server within a few seconds. AppHost:UseDocker=false skips the check.
/// </summary>
internal static class DockerEngine
{
    public static bool Answers(IConfiguration configuration)
    {
        if (!configuration.GetValue("AppHost:UseDocker", true) || ChampionNetwork.LocalServers.Binaries.OnPath("docker") is not { } docker)
        {
            return false;
        }

        var psi = new ProcessStartInfo(docker, ["version", "--format", "{{.Server.Version}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi);
        if (process is null)
        {
            return false;
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            process.Kill();
            return false;
        }

        return process.ExitCode == 0;
    }
}
