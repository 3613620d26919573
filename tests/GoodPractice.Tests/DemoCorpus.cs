using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// The demo corpus (services/DemoSeed/GoodPractice/demo-practices.json) loaded into a service through its public API,
/// each practice by an editor of its organisation, then the corpus's adoptions and endorsements.
/// </summary>
public sealed class DemoCorpus
{
    private DemoCorpus(JsonObject root, Dictionary<string, Guid> ids)
    {
        Root = root;
        Ids = ids;
        Keys = ids.ToDictionary(p => p.Value, p => p.Key);
    }

    public JsonObject Root { get; }

    /// <summary>Corpus key → the id the service gave it.</summary>
    public IReadOnlyDictionary<string, Guid> Ids { get; }

    public IReadOnlyDictionary<Guid, string> Keys { get; }

    public IEnumerable<JsonObject> Practices => Root["practices"]!.AsArray().Select(p => p!.AsObject());

    public static JsonObject Read()
    {
        using var stream = typeof(DemoCorpus).Assembly.GetManifestResourceStream("demo-practices.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    public static async Task<DemoCorpus> LoadAsync(GoodPracticeHost host)
    {
        var root = Read();
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var practice in root["practices"]!.AsArray().Select(p => p!.AsObject()))
        {
            var body = practice.DeepClone().AsObject();
            body.Remove("key");
            ids[practice["key"]!.GetValue<string>()] = await host.ShareAsync(practice["organisationCode"]!.GetValue<string>(), body);
        }

        foreach (var adoption in root["adoptions"]!.AsArray().Select(a => a!.AsObject()))
        {
            var response = await host.Editor(adoption["organisationCode"]!.GetValue<string>()).PostAsJsonAsync(
                new Uri($"/api/practices/{ids[adoption["practice"]!.GetValue<string>()]}/adoptions", UriKind.Relative),
                new { note = adoption["note"]?.GetValue<string>(), adoptedOn = adoption["adoptedOn"]?.GetValue<string>() });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        foreach (var endorsement in root["endorsements"]!.AsArray().Select(a => a!.AsObject()))
        {
            var response = await host.Editor(endorsement["organisationCode"]!.GetValue<string>()).PostAsJsonAsync(
                new Uri($"/api/practices/{ids[endorsement["practice"]!.GetValue<string>()]}/endorsements", UriKind.Relative), new { });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return new DemoCorpus(root, ids);
    }
}
