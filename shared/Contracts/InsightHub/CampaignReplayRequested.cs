namespace ChampionNetwork.Contracts.InsightHub;

/// <summary>
/// InsightHub has reset a campaign's aggregates and asks the owner of the responses to publish them again
/// (as <c>InsightSubmitted</c> with their original event ids). Data still flows one way: Surveys to InsightHub.
/// </summary>
public sealed record CampaignReplayRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    string RequestedBy) : IIntegrationEvent;
