namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>
/// A server's private folder under {temp}/championnetwork-tests/, deleted on dispose, and at the latest when the test
/// process exits or dies (<see cref="Watchdog"/>), with every server recorded in it.
/// </summary>
internal sealed class ServerDirectory
{
    private ServerDirectory(string path) => Path = path;

    public static string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "championnetwork-tests");

    public string Path { get; }

    /// <summary>Folder for pid files that the watchdog's cleanup script kills.</summary>
    public string RunPath => System.IO.Path.Combine(Path, "run");

    public static ServerDirectory Create(string kind)
    {
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            // Shared by every user of the machine, like /tmp; and postgres must be able to traverse it.
            TrySetMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);
        }

        var directory = new ServerDirectory(System.IO.Path.Combine(Root, TestNames.Unique(kind)));
        Directory.CreateDirectory(directory.Path);
        Directory.CreateDirectory(directory.RunPath);
        ExitCleanup.Register(directory, () => Watchdog.CleanUpDetached(directory));
        Watchdog.Guard(directory);
        return directory;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void WritePid(string name, int pid) => System.IO.File.WriteAllText(System.IO.Path.Combine(RunPath, name + ".pid"), pid + "\n");

    public void DeletePid(string name) => System.IO.File.Delete(System.IO.Path.Combine(RunPath, name + ".pid"));

    public void Delete()
    {
        ExitCleanup.Unregister(this);
        for (var attempt = 0; attempt < 5 && Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A dying server may still be writing a file; try again shortly.
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The last lines of the named log files, for exception messages.</summary>
    public string Tail(params string[] relativePaths)
    {
        var parts = new List<string>();
        foreach (var relative in relativePaths)
        {
            var full = System.IO.Path.Combine(Path, relative);
            var files = Directory.Exists(full) ? Directory.GetFiles(full, "*.log") : System.IO.File.Exists(full) ? [full] : [];
            foreach (var file in files)
            {
                try
                {
                    var lines = System.IO.File.ReadAllLines(file);
                    parts.Add($"--- {file} (last {Math.Min(40, lines.Length)} lines) ---\n" + string.Join('\n', lines.TakeLast(40)));
                }
                catch (IOException ex)
                {
                    parts.Add($"--- {file}: {ex.Message}");
                }
            }
        }

        return parts.Count == 0 ? "(no log written)" : string.Join('\n', parts);
    }

    private static void TrySetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            System.IO.File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // Created by someone else in the meantime: fine.
        }
        catch (IOException)
        {
        }
    }
}
