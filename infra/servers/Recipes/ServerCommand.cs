namespace ChampionNetwork.LocalServers;

/// <summary>What to execute to run one server in the foreground. The script execs the server, so its pid is the server's.</summary>
public sealed record ServerCommand(string Executable, IReadOnlyList<string> Arguments)
{
    internal static ServerCommand Script(string script, params string[] arguments) =>
        new("/bin/bash", [Path.Combine(AppContext.BaseDirectory, "servers", script), .. arguments]);
}
