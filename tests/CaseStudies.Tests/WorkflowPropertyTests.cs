extern alias casestudies;
using casestudies::ChampionNetwork.CaseStudies.Consent;
using casestudies::ChampionNetwork.CaseStudies.Editions;
using casestudies::ChampionNetwork.CaseStudies.Workflow;
using CsCheck;
using ChampionNetwork.Identity;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// Thousands of random command sequences from random actors, through the service's own workflow code
/// (<c>CaseStudyWorkflow.Apply</c>, what every endpoint and the scheduler run), checked after every step against
/// invariants stated here independently of the table.
/// </summary>
public sealed class WorkflowPropertyTests
{
    private const string Organisation = "S37000003";

    private static readonly Actor[] Actors =
    [
        new("editor-a", new HashSet<string> { Roles.OrgEditor }, Organisation),
        new("editor-b", new HashSet<string> { Roles.OrgEditor }, Organisation),
        new("editor-foreign", new HashSet<string> { Roles.OrgEditor }, "S08000015"),
        new("reviewer-1", new HashSet<string> { Roles.Reviewer }, null),
        new("reviewer-2", new HashSet<string> { Roles.Reviewer }, null),
        new("admin-1", new HashSet<string> { Roles.Admin }, null),
        new("champion", new HashSet<string> { Roles.Champion }, Organisation),
        Actor.Service,
    ];

    // Which (from, to) moves a single edition may ever make, and the states no edition may ever be in with another.
    private static readonly HashSet<(EditionState, EditionState)> Moves =
    [
        (EditionState.Draft, EditionState.Submitted), (EditionState.Rejected, EditionState.Submitted),
        (EditionState.Submitted, EditionState.Rejected), (EditionState.Submitted, EditionState.Approved),
        (EditionState.Approved, EditionState.Scheduled), (EditionState.Scheduled, EditionState.Approved),
        (EditionState.Approved, EditionState.Published), (EditionState.Scheduled, EditionState.Published),
        (EditionState.Draft, EditionState.Published), (EditionState.Submitted, EditionState.Published),
        (EditionState.Published, EditionState.Withdrawn), (EditionState.Withdrawn, EditionState.Published),
        (EditionState.Published, EditionState.Unpublished), (EditionState.Withdrawn, EditionState.Unpublished),
        (EditionState.Published, EditionState.Superseded), (EditionState.Withdrawn, EditionState.Superseded),
    ];

    private static readonly EditionState[] Unpublished = [EditionState.Draft, EditionState.Submitted, EditionState.Rejected, EditionState.Approved, EditionState.Scheduled];

    /// <summary>
    /// One step: an actor gives a command to the latest (mostly) or the first edition, with or without its arguments;
    /// between commands, now and then, consent is given (Change 0-3) or withdrawn (4), or the draft's change note is
    /// set (5-7).
    /// </summary>
    private sealed record Step(int Actor, WorkflowCommand Command, bool LatestEdition, bool WithArguments, int Change);

    private static readonly Gen<Step> GenStep =
        Gen.Select(Gen.Int[0, Actors.Length - 1], Gen.Enum<WorkflowCommand>(), Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 19],
            (actor, command, latest, arguments, change) => new Step(actor, command, latest > 0, arguments > 0, change));

    [Fact]
    public void Random_command_sequences_never_leave_the_table_never_show_two_editions_and_never_clear_a_flag_without_a_second_reviewer()
    {
        var seen = new Coverage();
        GenStep.Array[1, 120].Sample(steps => Run(steps, seen), iter: 5_000);

        // The sequences reached what the invariants are about, or the invariants proved nothing.
        Assert.True(seen.Superseded > 100, $"only {seen.Superseded} supersessions");
        Assert.True(seen.FlagsRaised > 100, $"only {seen.FlagsRaised} force-publications");
        Assert.True(seen.FlagsCleared > 20, $"only {seen.FlagsCleared} retrospective approvals");
        Assert.True(seen.WithdrawnForConsent > 20, $"only {seen.WithdrawnForConsent} withdrawals for consent");
        Assert.True(seen.Refused > 10_000, $"only {seen.Refused} refusals");
    }

    private sealed class Coverage
    {
        public int Superseded;
        public int FlagsRaised;
        public int FlagsCleared;
        public int WithdrawnForConsent;
        public int Refused;
    }

    private static void Run(Step[] steps, Coverage seen)
    {
        var now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var study = new CaseStudy { Id = Guid.NewGuid(), Slug = "s", OrganisationCode = Organisation, CreatedBy = "editor-a" };
        study.Editions.Add(new Edition
        {
            CaseStudyId = study.Id, Number = 1, State = EditionState.Draft, Title = "t", Summary = "s", BodyMarkdown = "b", BodyHtml = "b",
            AuthorSubject = "editor-a", QuotedPeople = [new QuotedPerson("person-1", "Lucy", "Service user", true)],
        });
        var records = new List<ConsentRecord>();
        var nextId = 1L;
        var everPublished = new HashSet<int>();

        foreach (var step in steps)
        {
            now = now.AddHours(1);
            if (step.Change <= 4)
            {
                var given = step.Change < 4;
                records.Add(new ConsentRecord
                {
                    Id = nextId++, CaseStudyId = study.Id, PersonKey = "person-1", Given = given, At = now,
                    Uses = given ? [ConsentUses.Publication] : [], RecordedBy = "editor-a", RecordedAt = now,
                });
                if (!given)
                {
                    var forced = ConsentWithdrawal.Apply(study, "person-1", new ConsentLedger(records), now);
                    Interlocked.Add(ref seen.WithdrawnForConsent, forced.Count(o => o.Edition!.State == EditionState.Withdrawn));
                    Assert.DoesNotContain(study.Editions, e => e.State is EditionState.Published or EditionState.Scheduled);
                }
            }

            if (step.Change is >= 5 and <= 7 && study.Editions.MaxBy(e => e.Number) is { State: EditionState.Draft or EditionState.Rejected } editable)
            {
                // What PUT .../editions/{n} does to the change note of an edition being drafted.
                editable.ChangeNoteKind = step.Change == 5 ? Contracts.CaseStudies.ChangeNoteKind.Major : Contracts.CaseStudies.ChangeNoteKind.Minor;
                editable.ChangeNote = "What changed";
            }

            var target = step.LatestEdition ? study.Editions.MaxBy(e => e.Number) : study.Editions.MinBy(e => e.Number);
            if (target is null)
            {
                return;
            }

            var before = study.Editions.ToDictionary(e => e.Number, e => (e.State, e.ForcePublished));
            var actor = Actors[step.Actor];
            var arguments = step.WithArguments
                ? new TransitionArguments("note", "reason", "explanation", now.AddDays(1), "/case-studies")
                : new TransitionArguments();
            var consent = new ConsentLedger(records);
            var outcome = CaseStudyWorkflow.Apply(study, target.Number, step.Command, actor, arguments, consent, now);

            // A refused command changes nothing.
            if (!outcome.Succeeded)
            {
                Interlocked.Increment(ref seen.Refused);
                Assert.Equal(before, study.Editions.ToDictionary(e => e.Number, e => (e.State, e.ForcePublished)));
                continue;
            }

            // Nobody without a capacity on the case study changed it; the author never approved their own.
            Assert.NotEqual("editor-foreign", actor.Subject);
            Assert.NotEqual("champion", actor.Subject);
            if (step.Command == WorkflowCommand.Approve)
            {
                Assert.NotEqual(target.AuthorSubject, actor.Subject);
            }

            foreach (var edition in study.Editions)
            {
                if (!before.TryGetValue(edition.Number, out var was))
                {
                    // Only a redraft makes an edition, and it is a draft after a published one.
                    Assert.Equal(WorkflowCommand.Redraft, step.Command);
                    Assert.Equal(EditionState.Draft, edition.State);
                    Assert.True(everPublished.Count > 0);
                    continue;
                }

                if (was.State != edition.State)
                {
                    Assert.Contains((was.State, edition.State), Moves);
                }

                // A raised flag is lowered only by an approval from a reviewer or admin other than the force-publisher.
                if (was.ForcePublished && !edition.ForcePublished)
                {
                    Assert.Equal(WorkflowCommand.Approve, step.Command);
                    Assert.True(actor.Roles.Contains(Roles.Reviewer) || actor.Roles.Contains(Roles.Admin));
                    Assert.NotEqual(edition.ForcePublishedBy, actor.Subject);
                    Assert.NotEqual(edition.AuthorSubject, actor.Subject);
                    Interlocked.Increment(ref seen.FlagsCleared);
                }

                if (!was.ForcePublished && edition.ForcePublished)
                {
                    Assert.Equal(WorkflowCommand.ForcePublish, step.Command);
                    Interlocked.Increment(ref seen.FlagsRaised);
                }

                if (was.State != EditionState.Superseded && edition.State == EditionState.Superseded)
                {
                    Interlocked.Increment(ref seen.Superseded);
                }

                if (edition.State == EditionState.Published && was.State != EditionState.Published)
                {
                    // Published only with consent from everyone it quotes, and with a change note of its kind.
                    Assert.Empty(consent.Lacking(edition));
                    Assert.NotNull(edition.ChangeNoteKind);
                    everPublished.Add(edition.Number);
                }
            }

            // Deleting only ever removes an edition never published.
            foreach (var gone in before.Keys.Except(study.Editions.Select(e => e.Number)))
            {
                Assert.Equal(WorkflowCommand.Delete, step.Command);
                Assert.Contains(before[gone].State, Unpublished);
                Assert.DoesNotContain(gone, everPublished);
            }

            Assert.True(study.Editions.Count(e => e.State is EditionState.Published or EditionState.Withdrawn) <= 1, "two editions are public at once");
            Assert.True(study.Editions.Count(e => Unpublished.Contains(e.State)) <= 1, "two editions are open at once");
            Assert.All(study.Editions.Where(e => e.State is EditionState.Draft or EditionState.Submitted or EditionState.Rejected or EditionState.Approved),
                e => Assert.Null(e.PublishedAt));
        }
    }
}
