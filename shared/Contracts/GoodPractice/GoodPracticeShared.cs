namespace ChampionNetwork.Contracts.GoodPractice;

public sealed record GoodPracticeShared(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PracticeId,
    string Title,
    string OrganisationCode,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes) : IIntegrationEvent;
