using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>Reads figures out of the area feed JSON, as a policy team's client would.</summary>
internal static class Feeds
{
    public static async Task<JsonNode> AreaAsync(HttpClient analyst, string gssCode, Guid campaignId)
    {
        var response = await analyst.GetAsync(new Uri($"/api/feeds/areas/{gssCode}?campaign={campaignId}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static JsonNode? Campaign(this JsonNode feed) => feed["campaigns"]!.AsArray().FirstOrDefault();

    public static double? ResponsesValue(this JsonNode? figures) => figures?["responses"]?["value"]?.GetValue<double?>();

    public static string? ResponsesQualifier(this JsonNode? figures) => figures?["responses"]?["qualifier"]?.GetValue<string?>();

    public static JsonNode? Item(this JsonNode figures, string itemId) =>
        figures["items"]!.AsArray().FirstOrDefault(i => i!["itemId"]!.GetValue<string>() == itemId);

    public static JsonNode? Child(this JsonNode campaign, string gssCode) =>
        campaign["children"]!.AsArray().FirstOrDefault(c => c!["area"]!["code"]!.GetValue<string>() == gssCode);
}
