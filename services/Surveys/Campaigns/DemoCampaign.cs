using ChampionNetwork.ReferenceData;
using ChampionNetwork.Surveys.Instruments;

namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>The campaign a fresh platform starts with, so a newcomer can post a response and see it in a feed.</summary>
public static class DemoCampaign
{
    public static readonly Guid Id = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public static Campaign Create(DateTimeOffset now, AreaRegistry areas) => new()
    {
        Id = Id,
        Title = "Demo: winter wellbeing pulse",
        InstrumentId = SampleInstruments.WorkforceWellbeingPulseId,
        InstrumentVersion = 1,
        Window = new CampaignWindow(now.AddDays(-1), now.AddDays(90)),
        OpeningAnnounced = true,
        // Indicative headcounts for the demo only: every member organisation is invited.
        Organisations = areas.All
            .Where(a => a.Type != AreaType.Country)
            .OrderBy(a => a.Code)
            .Select(a => new CampaignOrganisation(a.Code.Value, a.Type == AreaType.Board ? 8000 : 1500))
            .ToList(),
    };
}
