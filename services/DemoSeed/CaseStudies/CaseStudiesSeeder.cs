namespace ChampionNetwork.DemoSeed.CaseStudies;

/// <summary>
/// Loads the demo case studies through the API with different people in each part: the organisation's editor writes
/// and records consent, one reviewer approves, another publishes (and withdraws the one that is withdrawn).
/// </summary>
public sealed partial class CaseStudiesSeeder(CaseStudiesClient caseStudies, ChampionTokens tokens, TimeProvider clock, ILogger<CaseStudiesSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await caseStudies.AnyAsync(tokens.Admin(), ct))
        {
            LogAlreadySeeded();
            return;
        }

        var approver = tokens.Reviewer("morag");
        var publisher = tokens.Reviewer("iain");
        foreach (var study in DemoCaseStudies.All)
        {
            var editor = tokens.OrgEditor(study.OrganisationCode);
            var content = Content(study, study.People.Any(p => p.NameChanged), changeNoteKind: null, changeNote: null);
            var id = await caseStudies.StartAsync(editor, content, ct);
            foreach (var person in study.People)
            {
                await caseStudies.GiveConsentAsync(editor, id, person.Key, new
                {
                    givenBy = person.GivenBy,
                    givenAt = clock.GetUtcNow().AddDays(-30),
                    uses = new[] { "publication", "network" },
                    note = "Signed consent form held by the organisation.",
                }, ct);
            }

            await caseStudies.CommandAsync(editor, id, 1, "submit", null, "Submitted", ct);
            await caseStudies.CommandAsync(approver, id, 1, "approve", null, "Approved", ct);
            await caseStudies.CommandAsync(publisher, id, 1, "publish", null, "Published", ct);

            if (study.MinorRevision is { } minor)
            {
                await caseStudies.CommandAsync(editor, id, 1, "redraft", null, "Published", ct);
                await caseStudies.EditAsync(editor, id, 2, Content(study, true, "Minor", minor), ct);
                await caseStudies.CommandAsync(editor, id, 2, "submit", null, "Submitted", ct);
                await caseStudies.CommandAsync(approver, id, 2, "approve", null, "Approved", ct);
                await caseStudies.CommandAsync(publisher, id, 2, "publish", null, "Published", ct);
            }

            if (study.WithdrawalExplanation is { } explanation)
            {
                await caseStudies.CommandAsync(publisher, id, 1, "withdraw", new { explanation }, "Withdrawn", ct);
            }
        }

        LogSeeded(DemoCaseStudies.All.Count);
    }

    private static object Content(DemoCaseStudies.DemoCaseStudy study, bool namesChanged, string? changeNoteKind, string? changeNote) => new
    {
        title = study.Title,
        summary = study.Summary,
        body = study.Body,
        pillars = study.Pillars,
        outcomeCodes = study.OutcomeCodes,
        namesChanged,
        quotedPeople = study.People.Select(p => new { key = p.Key, shownAs = p.ShownAs, role = p.Role, nameChanged = p.NameChanged }),
        changeNoteKind,
        changeNote,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Case studies already present: seeding none")]
    private partial void LogAlreadySeeded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} demo case studies, one withdrawn")]
    private partial void LogSeeded(int count);
}
