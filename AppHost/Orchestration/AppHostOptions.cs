namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// Command-line options: <c>--fresh</c> (start with empty servers) and <c>--data-dir PATH</c> (default: .apphost/ at the
/// repository root). Servers keep their data there from one run to the next.
/// </summary>
public sealed record AppHostOptions(string RepositoryRoot, string DataDirectory, bool Fresh)
{
    /// <summary>AppHost:UseLaunchSettingsPorts=false: every service on a sticky free port, never its launchSettings.json port
    /// (tests that kill a service, so that nothing else can take its port before it is back).</summary>
    public bool UseLaunchSettingsPorts { get; init; } = true;

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var root = RepositoryRootLocator.Find();
        string? dataDirectory = null;
        var fresh = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    fresh = true;
                    break;
                case "--data-dir" when i + 1 < args.Count:
                    dataDirectory = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: dotnet run --project AppHost [-- --fresh] [--data-dir PATH] | token --role ROLE [--org GSS]");
            }
        }

        return new AppHostOptions(root, dataDirectory ?? Path.Combine(root, ".apphost"), fresh);
    }
}

internal static class RepositoryRootLocator
{
    private const string Marker = "ChampionNetwork.sln";

    /// <summary>The folder holding ChampionNetwork.sln, above the current directory or above the AppHost's binaries.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Could not find {Marker} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");
    }
}
