namespace ChampionNetwork.Benchmarks.Platform;

internal static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChampionNetwork.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ChampionNetwork.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
