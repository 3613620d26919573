namespace ChampionNetwork.Contracts.GoodPractice;

/// <summary>An organisation records that it adopted another's practice ("we adopted this at NHS Fife").</summary>
public sealed record GoodPracticeAdopted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PracticeId,
    string SharingOrganisationCode,
    string AdoptingOrganisationCode,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes) : IIntegrationEvent;
