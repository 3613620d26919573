namespace ChampionNetwork.InsightHub.Subscriptions;

public static class SubscriptionLimits
{
    public const int Name = 200;
    public const int Url = 2000;
    public const int Email = 320;
    public const int FilterEntries = 200;

    /// <summary>The longest overlap a rotation may keep the previous secret signing.</summary>
    public static readonly TimeSpan MaxSecretOverlap = TimeSpan.FromDays(7);

    public static readonly TimeSpan DefaultSecretOverlap = TimeSpan.FromHours(24);
}
