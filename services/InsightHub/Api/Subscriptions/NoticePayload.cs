using System.Text.Json;
using System.Text.Json.Serialization;
using ChampionNetwork.InsightHub.Disclosure;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// A webhook body, as the Standard Webhooks spec suggests: <c>type</c>, <c>timestamp</c> (the feed publication's
/// time, never a finer one) and <c>data</c>.
/// </summary>
public sealed record WebhookEnvelope(string Type, DateTimeOffset Timestamp, JsonElement Data);

/// <summary>A slice of one campaign's published, disclosed figures, with the feed's provenance.</summary>
public sealed record CampaignNotice(
    Guid CampaignId,
    string? Title,
    string Status,
    string Period,
    Guid InstrumentId,
    int InstrumentVersion,
    string DisclosurePolicy,
    DateTimeOffset ComputedAt,
    FeedLinks Links,
    IReadOnlyList<NoticeArea> Areas);

/// <summary>One area's disclosed figures exactly as the feeds show them, cut to the subscription's pillars, outcomes and measures.</summary>
public sealed record NoticeArea(
    string Code,
    string Name,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? Responses,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? ResponseRate,
    IReadOnlyList<NoticeItem> Items,
    IReadOnlyList<NoticeCut> Pillars,
    IReadOnlyList<NoticeCut> Outcomes);

public sealed record NoticeItem(
    string ItemId,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? Mean,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? ShareAgreeing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ShareOfAnswers>? Distribution);

public sealed record NoticeCut(
    string Code,
    string Pillar,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? Mean,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DisclosedValue? ShareAgreeing);

/// <summary>Good practice and case study counts (items, not people: the feeds never suppress them) of the areas whose counts rose.</summary>
public sealed record ActivityNotice(string DisclosurePolicy, DateTimeOffset ComputedAt, FeedLinks Links, IReadOnlyList<ActivityArea> Areas);

public sealed record ActivityArea(
    string Code,
    string Name,
    string Period,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GoodPracticeShared,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GoodPracticeAdopted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CaseStudiesPublished);

/// <summary>Where the same figures are in the pull feeds.</summary>
public sealed record FeedLinks(string Json, string Csv, string Atom);

/// <summary>A digest's data: every notice since the last one, and where to unsubscribe.</summary>
public sealed record DigestData(Guid SubscriptionId, string Cadence, IReadOnlyList<DigestEntry> Notices, string Unsubscribe);

public sealed record DigestEntry(string Type, DateTimeOffset Timestamp, JsonElement Data);

public static class NoticeJson
{
    /// <summary>camelCase, enums as strings: the same shape as the JSON feed.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Envelope(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new WebhookEnvelope(type, timestamp, JsonSerializer.SerializeToElement(data, data.GetType(), Options)), Options);
}
