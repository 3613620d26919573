using System.Security.Claims;
using ChampionNetwork.Disclosure;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>
/// How far a campaign has got, as each reader may see it. An admin running the campaign sees every organisation's
/// count of released responses (they change once per release, never per response). Everyone else sees the campaign's
/// total as the feeds disclose Scotland's, with a whole-number rate; per-organisation figures only ever come from the
/// feeds, whose suppression covers the whole hierarchy, so that no second table can be differenced against them.
/// </summary>
public sealed class CampaignProgress(DisclosurePolicy policy)
{
    public static bool SeesRawCounts(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public CampaignDetails ForAdmin(Campaign campaign, IReadOnlyDictionary<string, int> counts, DateTimeOffset now, AreaRegistry areas)
    {
        var organisations = campaign.Organisations
            .Select(o =>
            {
                var responses = counts.GetValueOrDefault(o.OrganisationCode);
                return new OrganisationResponseRate(o.OrganisationCode, NameOf(o.OrganisationCode, areas), o.EligibleHeadcount, responses, Math.Round(100.0 * responses / o.EligibleHeadcount, 1));
            })
            .ToList();
        return new CampaignDetails(
            campaign.Id, campaign.Title, campaign.InstrumentId, campaign.InstrumentVersion, campaign.Window.OpensAt, campaign.Window.ClosesAt,
            campaign.StatusAt(now), organisations.Sum(o => o.Responses), organisations.Sum(o => o.EligibleHeadcount), organisations);
    }

    public DisclosedCampaignDetails Disclosed(Campaign campaign, IReadOnlyDictionary<string, int> counts, DateTimeOffset now, AreaRegistry areas)
    {
        var headcount = campaign.Organisations.Sum(o => o.EligibleHeadcount);
        var responses = policy.Count(campaign.Organisations.Sum(o => counts.GetValueOrDefault(o.OrganisationCode)), national: true);
        var rate = responses.Value is { } shown && headcount > 0
            ? DisclosedValue.Of(Math.Round(100.0 * shown / headcount, MidpointRounding.AwayFromZero))
            : responses.IsSuppressed ? DisclosedValue.Suppressed : DisclosedValue.Unavailable;
        return new DisclosedCampaignDetails(
            campaign.Id, campaign.Title, campaign.InstrumentId, campaign.InstrumentVersion, campaign.Window.OpensAt, campaign.Window.ClosesAt,
            campaign.StatusAt(now), responses, rate, headcount, policy.Name,
            [.. campaign.Organisations.Select(o => new InvitedOrganisation(o.OrganisationCode, NameOf(o.OrganisationCode, areas), o.EligibleHeadcount))]);
    }

    private static string NameOf(string code, AreaRegistry areas) => areas.TryResolve(code, out var area) ? area.Name : code;
}
