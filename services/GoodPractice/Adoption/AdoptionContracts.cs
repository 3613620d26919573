using ChampionNetwork.GoodPractice.Practices;

namespace ChampionNetwork.GoodPractice.Adoption;

/// <summary>
/// Body of <c>POST /api/practices/{id}/adoptions</c>: "we adopted this". <see cref="OrganisationCode"/> defaults to the
/// editor's own organisation; an admin names it.
/// </summary>
public sealed record AdoptionSubmission(string? OrganisationCode, string? Note, DateOnly? AdoptedOn);

/// <summary>Body of <c>POST /api/practices/{id}/endorsements</c>.</summary>
public sealed record EndorsementSubmission(string? OrganisationCode);

/// <summary>Query of <c>GET /api/practices/adopted-by-organisations-like-mine</c>.</summary>
/// <param name="Organisation">Whose peers: defaults to the caller's organisation.</param>
/// <param name="Like">type (the same kind of organisation, the default) or board (organisations in the same board area).</param>
public sealed record LikeMineRequest(string? Organisation, string? Like);

public sealed record PeerAdoption(
    Guid PracticeId,
    string Title,
    string Summary,
    OrganisationSummary SharedBy,
    IReadOnlyList<OrganisationSummary> AdoptedBy,
    bool AdoptedByYou,
    DateTimeOffset LastAdoptedAt);

public sealed record LikeMine(OrganisationSummary Organisation, string Like, IReadOnlyList<PeerAdoption> Practices);
