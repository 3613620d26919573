using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Workflow;

namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>
/// What withdrawing consent does after the fact, through the workflow table as the service itself: a published
/// edition quoting the person is withdrawn (the page keeps its banner, but no longer shows the words: see
/// <c>CaseStudyPage</c>), and a scheduled one is unscheduled. From there the organisation publishes a new edition
/// without the person, or leaves the case study withdrawn; every path back to publication checks consent again.
/// </summary>
public static class ConsentWithdrawal
{
    public const string PublicExplanation =
        "A person quoted in this case study has withdrawn their consent to be quoted. Their words are no longer shown, and the case study is withdrawn until a new edition is published.";

    public static List<WorkflowOutcome> Apply(CaseStudy study, string personKey, ConsentLedger consent, DateTimeOffset now)
    {
        var outcomes = new List<WorkflowOutcome>();
        foreach (var edition in study.Editions.Where(e => e.QuotedPeople.Any(p => p.Key == personKey)).ToList())
        {
            var command = edition.State switch
            {
                EditionState.Published => WorkflowCommand.Withdraw,
                EditionState.Scheduled => WorkflowCommand.Unschedule,
                _ => (WorkflowCommand?)null,
            };
            if (command is { } given)
            {
                var outcome = CaseStudyWorkflow.Apply(study, edition.Number, given, Actor.Service,
                    new TransitionArguments(Note: $"consent withdrawn by {personKey}", Explanation: PublicExplanation), consent, now);
                if (outcome.Succeeded)
                {
                    outcomes.Add(outcome);
                }
            }
        }

        return outcomes;
    }
}
