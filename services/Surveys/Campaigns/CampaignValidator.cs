using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Validation;

namespace ChampionNetwork.Surveys.Campaigns;

internal static class CampaignValidator
{
    public const int MaxHeadcount = 1_000_000;

    public static Dictionary<string, string[]> Validate(NewCampaign campaign, DateTimeOffset now, bool instrumentVersionExists, AreaRegistry areas)
    {
        var errors = new ValidationErrors();
        errors.RequireText("title", campaign.Title, 200);
        if (campaign.InstrumentId is null)
        {
            errors.Add("instrumentId", "Required.");
        }

        if (campaign.InstrumentVersion is null)
        {
            errors.Add("instrumentVersion", "Required.");
        }
        else if (campaign.InstrumentId is not null && !instrumentVersionExists)
        {
            errors.Add("instrumentVersion", "That instrument has no such published version.");
        }

        if (campaign.OpensAt is null)
        {
            errors.Add("opensAt", "Required.");
        }

        if (campaign.ClosesAt is null)
        {
            errors.Add("closesAt", "Required.");
        }
        else if (campaign.ClosesAt <= now)
        {
            errors.Add("closesAt", "A campaign must close in the future.");
        }
        else if (campaign.OpensAt is not null && campaign.ClosesAt <= campaign.OpensAt)
        {
            errors.Add("closesAt", "A campaign must close after it opens.");
        }

        var organisations = campaign.Organisations ?? [];
        if (organisations.Count == 0)
        {
            errors.Add("organisations", "Invite at least one organisation.");
        }

        var seen = new HashSet<AreaCode>();
        for (var i = 0; i < organisations.Count; i++)
        {
            var organisation = organisations[i];
            var path = $"organisations[{i}]";
            if (organisation is null)
            {
                errors.Add(path, "Cannot be null.");
                continue;
            }

            if (!areas.TryResolve(organisation.OrganisationCode, out var area) || area.Type == AreaType.Country)
            {
                errors.Add($"{path}.organisationCode", "Not a member organisation's code.");
            }
            else if (!seen.Add(area.Code))
            {
                errors.Add($"{path}.organisationCode", $"{area.Name} is listed twice.");
            }

            if (organisation.EligibleHeadcount is not (>= 1 and <= MaxHeadcount))
            {
                errors.Add($"{path}.eligibleHeadcount", $"The eligible headcount is a whole number from 1 to {MaxHeadcount:N0}.");
            }
        }

        return errors.ToDictionary();
    }
}
