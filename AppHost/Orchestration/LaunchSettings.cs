using System.Text.Json;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// The port in a project's Properties/launchSettings.json (the first "Project" profile's http applicationUrl), which
/// Aspire also uses for a project's http endpoint: surveys-api on 5101, insighthub on 5104.
/// </summary>
internal static class LaunchSettings
{
    public static int? HttpPort(string projectFile)
    {
        var file = Path.Combine(Path.GetDirectoryName(projectFile)!, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var profile in document.RootElement.GetProperty("profiles").EnumerateObject())
            {
                if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project"
                    && profile.Value.TryGetProperty("applicationUrl", out var urls))
                {
                    foreach (var url in (urls.GetString() ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http")
                        {
                            return uri.Port;
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        return null;
    }
}
