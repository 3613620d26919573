using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.DemoSeed.GoodPractice;

/// <summary>
/// The demo corpus (demo-practices.json, embedded): about 30 practices in our own words from Annex A of the Action
/// Plan, each with its sharing organisation, and a few adoptions and endorsements between organisations.
/// </summary>
public sealed record DemoPractices(IReadOnlyList<DemoPractice> Practices, IReadOnlyList<DemoAdoption> Adoptions, IReadOnlyList<DemoEndorsement> Endorsements)
{
    public const string ResourceName = "ChampionNetwork.DemoSeed.demo-practices.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoPractices Load()
    {
        using var stream = typeof(DemoPractices).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var practices = root["practices"]!.AsArray()
            .Select(p => new DemoPractice(p!["key"]!.GetValue<string>(), p["organisationCode"]!.GetValue<string>(), StripKey(p.AsObject())))
            .ToList();
        return new DemoPractices(
            practices,
            root["adoptions"].Deserialize<List<DemoAdoption>>(Json)!,
            root["endorsements"].Deserialize<List<DemoEndorsement>>(Json)!);
    }

    /// <summary>The body the API takes: everything but the corpus's own key.</summary>
    private static JsonObject StripKey(JsonObject practice)
    {
        var body = practice.DeepClone().AsObject();
        body.Remove("key");
        return body;
    }
}

public sealed record DemoPractice(string Key, string OrganisationCode, JsonObject Body);

public sealed record DemoAdoption(string Practice, string OrganisationCode, string? Note, DateOnly? AdoptedOn);

public sealed record DemoEndorsement(string Practice, string OrganisationCode);
