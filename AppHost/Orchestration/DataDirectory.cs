using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// .apphost/: one folder per server (kept from one run to the next), ports/ (the same URLs each run when free),
/// identity/ (the signing key) and state.json. --fresh empties everything but identity/. One AppHost per folder.
/// </summary>
internal static partial class DataDirectory
{
    public static void Prepare(AppHostOptions options, ILogger logger)
    {
        var root = Directory.CreateDirectory(options.DataDirectory).FullName;
        var state = Path.Combine(root, "state.json");
        if (RunningAppHost(state) is { } other)
        {
            throw new InvalidOperationException($"Another AppHost (pid {other}) is using {root}. Stop it first, or pass --data-dir.");
        }

        if (!options.Fresh)
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
        {
            if (entry.Name == "identity")
            {
                continue;
            }

            if (entry is DirectoryInfo dir)
            {
                dir.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        LogFresh(logger, root);
    }

    private static int? RunningAppHost(string stateFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(stateFile));
            if (!document.RootElement.TryGetProperty("appHostPid", out var pidElement) || !pidElement.TryGetInt32(out var pid) || pid == Environment.ProcessId)
            {
                return null;
            }

            var cmdline = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return cmdline.Contains("AppHost", StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "--fresh: emptied {DataDirectory} (the signing key is kept)")]
    private static partial void LogFresh(ILogger logger, string dataDirectory);
}
