namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>Consent given: by whom (the person, or e.g. a parent), when they gave it, and for which uses.</summary>
public sealed record ConsentGiven(string? GivenBy, DateTimeOffset? GivenAt, IReadOnlyList<string>? Uses, string? Note);

/// <summary>Consent withdrawn: by whom and when, and a note for the record (not shown publicly).</summary>
public sealed record ConsentWithdrawn(string? WithdrawnBy, DateTimeOffset? WithdrawnAt, string? Note);

public sealed record ConsentView(string PersonKey, bool Given, string? GivenBy, DateTimeOffset At, List<string> Uses, string? Note, string RecordedBy, DateTimeOffset RecordedAt);
