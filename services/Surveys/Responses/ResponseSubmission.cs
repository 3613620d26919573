namespace ChampionNetwork.Surveys.Responses;

/// <summary>The body of <c>POST /api/campaigns/{campaignId}/responses</c>.</summary>
public sealed record ResponseSubmission(string? OrganisationCode, IReadOnlyList<AnswerSubmission>? Answers);

/// <summary>
/// One answer: <see cref="Value"/> for Likert (1-5), scale (0-10) and single-choice (option index) items;
/// <see cref="Text"/> and optional pillar <see cref="Themes"/> for free text.
/// </summary>
public sealed record AnswerSubmission(string? ItemId, int? Value, string? Text = null, IReadOnlyList<string>? Themes = null);

/// <summary>What the champion gets back: a receipt, and nothing that identifies them.</summary>
public sealed record ResponseReceipt(Guid ReceiptId);
