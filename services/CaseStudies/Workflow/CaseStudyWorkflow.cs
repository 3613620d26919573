using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.Contracts.CaseStudies;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// Applies one command to a case study held in memory (its row locked by the caller): the legality check against
/// <see cref="WorkflowTable"/>, the rules the table cannot say (second pair of eyes, consent, change notes), and the
/// effects, events and history. No I/O: <see cref="WorkflowRunner"/> loads and stores, the property test drives it
/// directly.
/// </summary>
public static class CaseStudyWorkflow
{
    public const int NoteLength = 2000;
    public const string FirstEditionNote = "First published.";

    public static WorkflowOutcome Apply(
        CaseStudy study, int editionNumber, WorkflowCommand command, Actor actor, TransitionArguments arguments, ConsentLedger consent, DateTimeOffset now)
    {
        var edition = study.Editions.FirstOrDefault(e => e.Number == editionNumber);
        if (edition is null)
        {
            return WorkflowOutcome.Failed(new(FailureKind.NotFound, "Edition not found", $"Case study {study.Id} has no edition {editionNumber}."));
        }

        var capacities = actor.CapacitiesFor(study);
        if (capacities == Capacity.None)
        {
            return WorkflowOutcome.Failed(new(FailureKind.Forbidden, "Not your organisation's case study",
                $"Case study {study.Id} belongs to {study.OrganisationCode}: its org-editors, reviewers and admins act on it."));
        }

        var rule = WorkflowTable.Find(command, edition.State, edition.ForcePublished);
        if (rule is { Who: Capacity.Service } && !actor.IsService)
        {
            // A move only the service makes (publishing at the scheduled time) is no move for a person: 409, not 403.
            rule = null;
        }

        var allowed = WorkflowTable.AllowedFrom(edition.State, edition.ForcePublished, capacities);
        if (rule is null)
        {
            return WorkflowOutcome.Failed(new(FailureKind.IllegalTransition,
                $"Cannot {command.Name()} an edition that is {edition.State}",
                $"Edition {edition.Number} is {edition.State}. From there you may: {Describe(allowed)}.",
                edition.State, allowed));
        }

        if ((rule.Who & capacities) == 0)
        {
            return WorkflowOutcome.Failed(new(FailureKind.Forbidden, $"You may not {command.Name()} this edition",
                $"Only {rule.Who} may {command.Name()} an edition that is {edition.State}.", edition.State, allowed));
        }

        if (command == WorkflowCommand.Approve && actor.Subject == edition.AuthorSubject)
        {
            return WorkflowOutcome.Failed(new(FailureKind.Forbidden, "You cannot approve your own case study",
                "A second pair of eyes approves: ask another reviewer.", edition.State, allowed));
        }

        if (command == WorkflowCommand.Approve && edition.State == EditionState.Published && actor.Subject == edition.ForcePublishedBy)
        {
            return WorkflowOutcome.Failed(new(FailureKind.Forbidden, "You force-published this edition",
                "A different reviewer approves a force-published edition afterwards.", edition.State, allowed));
        }

        if (Arguments(command, arguments, now) is { } invalid)
        {
            return WorkflowOutcome.Failed(invalid);
        }

        if (command is WorkflowCommand.Submit or WorkflowCommand.Approve or WorkflowCommand.Schedule or WorkflowCommand.Publish
            or WorkflowCommand.ForcePublish or WorkflowCommand.Unwithdraw)
        {
            var lacking = consent.Lacking(edition);
            if (lacking.Count > 0)
            {
                return WorkflowOutcome.Failed(new(FailureKind.ConsentRequired, "A quoted person has not consented to publication",
                    $"Record consent to publication for {string.Join(", ", lacking.Select(p => p.Key))}, or remove their words, first.",
                    edition.State, allowed, "quotedPeople", [.. lacking.Select(p => p.Key)]));
            }
        }

        if (command is WorkflowCommand.Submit or WorkflowCommand.ForcePublish && edition.Number > 1
            && (edition.ChangeNoteKind is null || string.IsNullOrWhiteSpace(edition.ChangeNote)))
        {
            return WorkflowOutcome.Failed(new(FailureKind.Invalid, "The edition needs a change note",
                "Every edition after the first says what changed, and whether the change is major or minor.", edition.State, allowed,
                edition.ChangeNoteKind is null ? "changeNoteKind" : "changeNote"));
        }

        if (command == WorkflowCommand.Redraft && study.Editions.FirstOrDefault(e => WorkflowTable.Open.Contains(e.State)) is { } open)
        {
            return WorkflowOutcome.Failed(new(FailureKind.Conflict, "An edition is already being drafted",
                $"Edition {open.Number} is {open.State}: finish or delete it first.", edition.State, allowed));
        }

        return Effect(study, edition, rule, rule.Who & capacities, actor, arguments, now);
    }

    private static WorkflowFailure? Arguments(WorkflowCommand command, TransitionArguments arguments, DateTimeOffset now)
    {
        static WorkflowFailure Invalid(string field, string detail) => new(FailureKind.Invalid, "The command is not valid", detail, Field: field);

        string? Require(string? value, string field, string what) =>
            string.IsNullOrWhiteSpace(value) ? $"{field}: {what} is required."
            : value.Length > NoteLength ? $"{field}: at most {NoteLength:N0} characters." : null;

        var (field, problem) = command switch
        {
            WorkflowCommand.Reject => ("note", Require(arguments.Note, "note", "a note back to the author")),
            WorkflowCommand.ForcePublish => ("reason", Require(arguments.Reason, "reason", "the reason for publishing without review")),
            WorkflowCommand.Withdraw => ("explanation", Require(arguments.Explanation, "explanation", "a public explanation")),
            WorkflowCommand.Schedule => ("publishAt", arguments.PublishAt is null ? "publishAt: the time to publish is required."
                : arguments.PublishAt <= now ? "publishAt: must be in the future; publish now instead." : null),
            WorkflowCommand.Unpublish => ("redirectTo", arguments.RedirectTo is { } to && !IsRedirect(to)
                ? "redirectTo: a path on this site (starting with /) or an https URL." : null),
            _ => ("", null),
        };
        return problem is null ? null : Invalid(field, problem);
    }

    public static bool IsRedirect(string target) =>
        target.Length <= 500
        && ((target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !target.Contains('\\', StringComparison.Ordinal))
            || (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        && !target.Any(char.IsControl);

    private static WorkflowOutcome Effect(
        CaseStudy study, Edition edition, WorkflowRule rule, Capacity actedAs, Actor actor, TransitionArguments arguments, DateTimeOffset now)
    {
        var from = edition.State;
        Edition? superseded = null;
        var supersededFrom = EditionState.Published;
        Edition? deleted = null;
        Edition? created = null;
        string? note = null;
        var events = new List<Contracts.IIntegrationEvent>();

        switch (rule.Command)
        {
            case WorkflowCommand.Submit:
                break;
            case WorkflowCommand.Reject:
                edition.RejectionNote = note = arguments.Note!.Trim();
                break;
            case WorkflowCommand.Approve when from == EditionState.Published:
                edition.ForcePublished = false;
                edition.RetrospectivelyApprovedBy = actor.Subject;
                note = "approved after force-publishing";
                break;
            case WorkflowCommand.Approve:
                edition.ApprovedBy = actor.Subject;
                break;
            case WorkflowCommand.Schedule:
                edition.ScheduledFor = arguments.PublishAt;
                note = $"to publish at {arguments.PublishAt:O}";
                break;
            case WorkflowCommand.Unschedule:
                edition.ScheduledFor = null;
                note = arguments.Note;
                break;
            case WorkflowCommand.Publish:
            case WorkflowCommand.ForcePublish:
                (superseded, supersededFrom) = Publish(study, edition, now, events);
                if (rule.Command == WorkflowCommand.ForcePublish)
                {
                    edition.ForcePublished = true;
                    edition.ForcePublishedBy = actor.Subject;
                    edition.ForcePublishReason = note = arguments.Reason!.Trim();
                }

                break;
            case WorkflowCommand.Withdraw:
                edition.WithdrawnAt = now;
                edition.WithdrawalExplanation = note = arguments.Explanation!.Trim();
                events.Add(new CaseStudyWithdrawn(Guid.NewGuid(), now, study.Id, study.OrganisationCode, edition.WithdrawalExplanation));
                break;
            case WorkflowCommand.Unwithdraw:
                edition.WithdrawnAt = null;
                edition.WithdrawalExplanation = null;
                break;
            case WorkflowCommand.Unpublish:
                study.RedirectTo = arguments.RedirectTo ?? "/case-studies";
                note = $"redirects to {study.RedirectTo}";
                events.Add(new CaseStudyUnpublished(Guid.NewGuid(), now, study.Id, edition.Number, study.OrganisationCode, study.RedirectTo));
                break;
            case WorkflowCommand.Delete:
                study.Editions.Remove(edition);
                deleted = edition;
                break;
            case WorkflowCommand.Redraft:
                created = NextEdition(study, edition, actor, now);
                study.Editions.Add(created);
                break;
        }

        if (rule.Command is not (WorkflowCommand.Delete or WorkflowCommand.Redraft))
        {
            edition.State = rule.To;
            edition.UpdatedAt = now;
        }

        var outcome = new WorkflowOutcome { Edition = created ?? edition, Superseded = superseded, Deleted = deleted, Created = created };
        outcome.Events.AddRange(events);
        if (superseded is not null)
        {
            outcome.History.Add(Record(study, superseded.Number, "supersede", supersededFrom, EditionState.Superseded, Actor.Service, Capacity.Service, now,
                $"by edition {edition.Number}"));
        }

        outcome.History.Add(Record(study, edition.Number, rule.Command.Name(), from, rule.Command == WorkflowCommand.Delete ? null : rule.To, actor, actedAs, now, note));
        if (created is not null)
        {
            outcome.History.Add(Record(study, created.Number, "create", null, EditionState.Draft, actor, actedAs, now, $"from edition {edition.Number}"));
        }

        return outcome;
    }

    /// <summary>Publishes the edition and supersedes the previous public one; returns that one, if any.</summary>
    private static (Edition? Previous, EditionState PreviousState) Publish(CaseStudy study, Edition edition, DateTimeOffset now, List<Contracts.IIntegrationEvent> events)
    {
        var previous = study.Editions.FirstOrDefault(e => e != edition && WorkflowTable.SupersededFrom.Contains(e.State));
        var previousState = previous?.State ?? EditionState.Published;
        if (previous is not null)
        {
            previous.State = EditionState.Superseded;
            previous.SupersededAt = now;
            previous.UpdatedAt = now;
        }

        if (edition.Number == 1 && edition.ChangeNoteKind is null)
        {
            edition.ChangeNoteKind = ChangeNoteKind.Major;
        }

        if (edition.Number == 1 && string.IsNullOrWhiteSpace(edition.ChangeNote))
        {
            edition.ChangeNote = FirstEditionNote;
        }

        edition.PublishedAt = now;
        edition.ScheduledFor = null;
        study.RedirectTo = null;
        var kind = edition.ChangeNoteKind ?? ChangeNoteKind.Minor;
        // A minor change is neither public nor alerted: the event carries its kind but not its note.
        events.Add(new CaseStudyPublished(Guid.NewGuid(), now, study.Id, edition.Number, edition.Title, study.Slug, study.OrganisationCode,
            edition.Pillars, edition.OutcomeCodes, kind, kind == ChangeNoteKind.Major ? edition.ChangeNote : null));
        return (previous, previousState);
    }

    private static Edition NextEdition(CaseStudy study, Edition source, Actor actor, DateTimeOffset now) => new()
    {
        CaseStudyId = study.Id,
        Number = study.Editions.Max(e => e.Number) + 1,
        State = EditionState.Draft,
        Title = source.Title,
        Summary = source.Summary,
        BodyMarkdown = source.BodyMarkdown,
        BodyHtml = source.BodyHtml,
        Pillars = [.. source.Pillars],
        OutcomeCodes = [.. source.OutcomeCodes],
        NamesChanged = source.NamesChanged,
        QuotedPeople = [.. source.QuotedPeople],
        AuthorSubject = actor.Subject,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static TransitionRecord Record(
        CaseStudy study, int edition, string command, EditionState? from, EditionState? to, Actor actor, Capacity actedAs, DateTimeOffset now, string? note) => new()
    {
        CaseStudyId = study.Id,
        Edition = edition,
        Command = command,
        FromState = from,
        ToState = to,
        Actor = actor.Subject,
        ActedAs = actedAs.ToString(),
        At = now,
        Note = note,
    };

    private static string Describe(IReadOnlyList<WorkflowCommand> allowed) =>
        allowed.Count == 0 ? "nothing" : string.Join(", ", allowed.Select(c => c.Name()));
}
