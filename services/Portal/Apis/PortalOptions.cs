namespace ChampionNetwork.Portal.Apis;

/// <summary>Configuration section "Portal": where the APIs are (service discovery names under the AppHost).</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public Uri SurveysApi { get; set; } = new("https+http://surveys-api");

    public Uri GoodPracticeApi { get; set; } = new("https+http://goodpractice-api");

    public Uri InsightHubApi { get; set; } = new("https+http://insighthub");

    public Uri CaseStudiesApi { get; set; } = new("https+http://casestudies-api");
}
