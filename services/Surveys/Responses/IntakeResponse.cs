namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// An accepted response waiting for the next release, sealed with <see cref="IntakeSeal"/>: a random id, the
/// campaign (so its close can release it) and ciphertext of a fixed-size block. Nothing else is in clear: not the
/// organisation, not the answers, not their length, not the time.
/// </summary>
public sealed class IntakeResponse
{
    public Guid Id { get; init; }

    public Guid CampaignId { get; init; }

    public required byte[] Sealed { get; init; }
}

/// <summary>What a sealed intake row holds: the response as it will be stored, with the day it arrived.</summary>
public sealed record SealedResponse(string OrganisationCode, int InstrumentVersion, DateOnly ReceivedOn, IReadOnlyList<StoredAnswer> Answers);
