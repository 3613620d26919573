namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>What someone asks of an edition. On the wire each is kebab-case: <c>force-publish</c>.</summary>
public enum WorkflowCommand
{
    Submit,
    Reject,
    Approve,
    Schedule,
    Unschedule,
    Publish,
    ForcePublish,
    Withdraw,
    Unwithdraw,
    Unpublish,
    Delete,

    /// <summary>Start the next edition (a draft copy) of a published or withdrawn case study.</summary>
    Redraft,
}
