using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>
/// Whether a Docker engine answers. The docker CLI on PATH is not enough (these machines have one and no engine):
/// `docker version` must reach the server within a few seconds. AppHost:UseDocker=false skips the check.
/// </summary>
internal sealed class DockerEngine(bool enabled)
{
    private readonly Lazy<Task<bool>> _answers = new(() => ProbeAsync(enabled));

    public Task<bool> AnswersAsync() => _answers.Value;

    private static async Task<bool> ProbeAsync(bool enabled)
    {
        if (!enabled || Binaries.Docker is not { } docker)
        {
            return false;
        }

        try
        {
            var (code, _) = await ChildProcess.RunAsync(docker, ["version", "--format", "{{.Server.Version}}"], TimeSpan.FromSeconds(5), CancellationToken.None);
            return code == 0;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
