namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>What a subscription can be told of; each is also the webhook payload's <c>type</c>.</summary>
public static class EventKinds
{
    public const string InsightFiguresChanged = "insight-figures-changed";
    public const string CampaignClosed = "campaign-closed";
    public const string GoodPracticeShared = "good-practice-shared";
    public const string GoodPracticeAdopted = "good-practice-adopted";

    /// <summary>
    /// A case study's first publication, which is what the feeds count (a later major edition of the same case study
    /// does not change the feeds' figures, so it is not a notice here).
    /// </summary>
    public const string CaseStudyPublished = "case-study-published";

    public const string Digest = "digest";
    public const string Ping = "ping";
    public const string EndpointDisabled = "endpoint-disabled";

    public static IReadOnlyList<string> All { get; } = [InsightFiguresChanged, CampaignClosed, GoodPracticeShared, GoodPracticeAdopted, CaseStudyPublished];
}

/// <summary>The feed measures a subscription can choose (the CSV's <c>measure</c> column; <c>distribution</c> is every <c>share-answering-N</c>).</summary>
public static class Measures
{
    public const string Responses = "responses";
    public const string ResponseRate = "response-rate";
    public const string MeanScore = "mean-score";
    public const string ShareAgreeing = "share-agreeing";
    public const string Distribution = "distribution";
    public const string GoodPracticeShared = "good-practice-shared";
    public const string GoodPracticeAdopted = "good-practice-adopted";
    public const string CaseStudiesPublished = "case-studies-published";

    public static IReadOnlyList<string> All { get; } =
        [Responses, ResponseRate, MeanScore, ShareAgreeing, Distribution, GoodPracticeShared, GoodPracticeAdopted, CaseStudiesPublished];

    public static bool Includes(IReadOnlyCollection<string> chosen, string measure) => chosen.Count == 0 || chosen.Contains(measure);
}
