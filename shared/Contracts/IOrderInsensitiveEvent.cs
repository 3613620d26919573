namespace ChampionNetwork.Contracts;

/// <summary>
/// An event whose consumers give the same result whatever order such events arrive in among themselves (a count,
/// a sum). The outbox relay may publish a run of them concurrently; it still never lets one overtake an earlier
/// order-sensitive event of its producer, nor a later order-sensitive event overtake it. So a campaign's
/// <c>CampaignOpened</c> still comes before its responses, and <c>CampaignClosed</c> after them.
/// </summary>
public interface IOrderInsensitiveEvent : IIntegrationEvent;
