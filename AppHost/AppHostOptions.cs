namespace ChampionNetwork.AppHost;

/// <summary>
/// Our own arguments, taken off before Aspire reads the rest: <c>--fresh</c> empties the data folder first, and
/// <c>--data-dir PATH</c> moves it (default: .apphost/ at the repository root), and <c>--scale</c> runs several instances
/// of every service (<see cref="ScaleOut"/>). The local servers keep their data,
/// ports and the development signing key there from one run to the next. <c>AppHost:Fresh=true</c> and
/// <c>AppHost:DataDirectory=PATH</c> say the same in Aspire's key=value form (what tests pass).
/// </summary>
public sealed record AppHostOptions(string DataDirectory, bool Fresh, string[] AspireArguments)
{
    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        string? dataDirectory = null;
        var fresh = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    fresh = true;
                    break;
                case "--scale":
                    rest.Add($"{ScaleOut.Key}=true");
                    break;
                case "--data-dir" when i + 1 < args.Count:
                    dataDirectory = Path.GetFullPath(args[++i]);
                    break;
                case "AppHost:Fresh=true":
                    fresh = true;
                    break;
                case var setting when setting.StartsWith("AppHost:DataDirectory=", StringComparison.Ordinal):
                    dataDirectory = Path.GetFullPath(setting["AppHost:DataDirectory=".Length..]);
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new AppHostOptions(dataDirectory ?? Path.Combine(RepositoryRoot.Find(), ".apphost"), fresh, [.. rest]);
    }

    /// <summary>The data folder, emptied first under <c>--fresh</c>.</summary>
    public string PrepareDataDirectory()
    {
        if (Fresh && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(DataDirectory);
        // As root, PostgreSQL runs as the postgres user and must be able to reach its folder in here.
        File.SetUnixFileMode(DataDirectory, File.GetUnixFileMode(DataDirectory) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        return DataDirectory;
    }
}

internal static class RepositoryRoot
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
