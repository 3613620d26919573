using System.Globalization;
using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.InsightHub.Tests.Disclosure;
using ChampionNetwork.ReferenceData;
using CsCheck;
using Microsoft.VisualBasic.FileIO;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>
/// Property: whatever the campaign and whatever the subscription's filters, every figure a notice holds is the
/// figure the CSV feed publishes for the same area, measure and cut, qualifier included; a cell the feed suppresses
/// is suppressed in the notice, and the notice holds no figure the feed does not publish. The oracle is the feed's
/// own rendered CSV, parsed back.
/// </summary>
public sealed class NoticeDisclosurePropertyTests
{
    private static readonly AreaRegistry Areas = AreaRegistry.Default;
    private static readonly string[] Pillars = ["EMPLOY", "NURTURE", "ATTRACT"];
    private static readonly string[] Outcomes = ["EMPLOY-S1", "NURTURE-S1", "NURTURE-S3", "NURTURE-S4"];

    private static readonly Gen<Subscription> AnySubscription = Gen.Select(
        Gen.Int[0, Areas.All.Count - 1].Array[0, 3],
        Gen.Int[0, Pillars.Length - 1].Array[0, 2],
        Gen.Int[0, Outcomes.Length - 1].Array[0, 2],
        Gen.Int[0, Measures.All.Count - 1].Array[0, 3])
        .Select((areas, pillars, outcomes, measures) => new Subscription
        {
            OwnerSubject = "analyst",
            Areas = [.. areas.Select(i => Areas.All.ElementAt(i).Code.Value).Distinct()],
            Pillars = [.. pillars.Select(i => Pillars[i]).Distinct()],
            Outcomes = [.. outcomes.Select(i => Outcomes[i]).Distinct()],
            Measures = [.. measures.Select(i => Measures.All[i]).Distinct()],
        });

    public static TheoryData<string> Policies => new(DisclosurePolicy.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Policies))]
    public void No_notice_holds_a_figure_the_feed_does_not_publish(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        var disclosure = new CampaignDisclosure(policy, Areas);
        var builder = new NoticeBuilder(Areas, Options.Create(new SubscriptionOptions()));
        var suppressedSeen = 0;
        Gen.Select(RandomCampaign.Any, AnySubscription, Gen.Bool).Sample((truth, subscription, closed) =>
        {
            var snapshot = truth.Snapshot(closed ? CampaignStatus.Closed : CampaignStatus.Open);
            snapshot = snapshot with { Version = new FeedVersion("h", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)) };
            var published = new PublishedCampaign(disclosure.Apply(truth.Id, snapshot), CampaignPeriod.Of(snapshot));
            var feed = Feed(published, policy.Name);

            var notice = builder.Campaign(subscription, published);

            foreach (var (key, value) in Figures(notice))
            {
                if (!feed.TryGetValue(key, out var published_))
                {
                    throw new InvalidOperationException($"The notice holds {key} = {value}, which the feed does not publish.");
                }

                if (published_ != value)
                {
                    throw new InvalidOperationException($"The notice holds {key} = {value}; the feed publishes {published_}.");
                }

                if (published_.EndsWith("|c", StringComparison.Ordinal))
                {
                    suppressedSeen++;
                }
            }

            Assert.Equal(published.Figures.DisclosurePolicy, notice.DisclosurePolicy);
            Assert.Equal(published.PublishedAt, notice.ComputedAt);
        }, iter: 40, threads: 1);

        // The property was tested where it matters: on cells the feed hides.
        Assert.True(suppressedSeen > 0, "no notice held a suppressed cell: the generator never reached the case that matters");
    }

    /// <summary>Every figure in a notice, keyed as the CSV keys it: (area, measure, pillar, outcome, item) → "value|qualifier".</summary>
    private static IEnumerable<(string Key, string Value)> Figures(CampaignNotice notice)
    {
        foreach (var area in notice.Areas)
        {
            if (area.Responses is { } responses) yield return (Key(area.Code, "responses", "", "", ""), Cell(responses));
            if (area.ResponseRate is { } rate) yield return (Key(area.Code, "response-rate", "", "", ""), Cell(rate));
            foreach (var item in area.Items)
            {
                var outcomes = string.Join(';', item.OutcomeCodes);
                if (item.Mean is { } mean) yield return (Key(area.Code, "mean-score", item.Pillar, outcomes, item.ItemId), Cell(mean));
                if (item.ShareAgreeing is { } share) yield return (Key(area.Code, "share-agreeing", item.Pillar, outcomes, item.ItemId), Cell(share));
                foreach (var answer in item.Distribution ?? [])
                {
                    yield return (Key(area.Code, $"share-answering-{answer.Answer.ToString(CultureInfo.InvariantCulture)}", item.Pillar, outcomes, item.ItemId), Cell(answer.Share));
                }
            }

            foreach (var cut in area.Pillars)
            {
                if (cut.Mean is { } mean) yield return (Key(area.Code, "mean-score", cut.Pillar, "", ""), Cell(mean));
                if (cut.ShareAgreeing is { } share) yield return (Key(area.Code, "share-agreeing", cut.Pillar, "", ""), Cell(share));
            }

            foreach (var cut in area.Outcomes)
            {
                if (cut.Mean is { } mean) yield return (Key(area.Code, "mean-score", cut.Pillar, cut.Code, ""), Cell(mean));
                if (cut.ShareAgreeing is { } share) yield return (Key(area.Code, "share-agreeing", cut.Pillar, cut.Code, ""), Cell(share));
            }
        }
    }

    /// <summary>The CSV feed for every area, parsed back: what an analyst pulling the feed sees.</summary>
    private static Dictionary<string, string> Feed(PublishedCampaign published, string policy)
    {
        var bytes = CsvFeed.Render([.. Areas.All], [published], [], null, policy, null);
        using var parser = new TextFieldParser(new StringReader(System.Text.Encoding.UTF8.GetString(bytes))) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!parser.EndOfData)
        {
            var f = header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            rows[Key(f["ref_area"], f["measure"], f["pillar"], f["outcome"], f["item"])] = $"{f["value"]}|{f["qualifier"]}";
        }

        return rows;
    }

    private static string Cell(DisclosedValue value) => $"{value.Value?.ToString("R", CultureInfo.InvariantCulture) ?? ""}|{value.Qualifier ?? ""}";

    private static string Key(string area, string measure, string pillar, string outcome, string item) => $"{area}/{measure}/{pillar}/{outcome}/{item}";
}
