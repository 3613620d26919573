namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// What a command may need: a note back to the author (reject), a reason (force-publish), a public explanation
/// (withdraw), a time (schedule), where to send readers (unpublish). Unused fields are ignored.
/// </summary>
public sealed record TransitionArguments(string? Note = null, string? Reason = null, string? Explanation = null, DateTimeOffset? PublishAt = null, string? RedirectTo = null);
