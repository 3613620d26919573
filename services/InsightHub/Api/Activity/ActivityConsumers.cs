using System.Security.Cryptography;
using System.Text;
using ChampionNetwork.Contracts.CaseStudies;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Insight;
using MassTransit;

namespace ChampionNetwork.InsightHub.Activity;

/// <summary>Counts good practice shared, by the sharing organisation, once per practice.</summary>
public sealed class GoodPracticeSharedConsumer(RollUp rollUp) : IConsumer<GoodPracticeShared>
{
    public Task Consume(ConsumeContext<GoodPracticeShared> context) =>
        ActivityFanOut.ApplyAsync(rollUp, context.Message.OrganisationCode, context.Message.EventId,
            new ActivityContribution(ActivityKind.PracticeShared, context.Message.PracticeId, context.Message.OccurredAt), context.CancellationToken);
}

/// <summary>Counts adoptions, by the adopting organisation, once per practice and organisation.</summary>
public sealed class GoodPracticeAdoptedConsumer(RollUp rollUp) : IConsumer<GoodPracticeAdopted>
{
    public Task Consume(ConsumeContext<GoodPracticeAdopted> context)
    {
        var adopted = context.Message;
        var adoption = ActivityFanOut.StableId($"{adopted.PracticeId:N}/{adopted.AdoptingOrganisationCode.Trim().ToUpperInvariant()}");
        return ActivityFanOut.ApplyAsync(rollUp, adopted.AdoptingOrganisationCode, adopted.EventId,
            new ActivityContribution(ActivityKind.PracticeAdopted, adoption, adopted.OccurredAt), context.CancellationToken);
    }
}

/// <summary>Counts case studies published, once per case study whatever its editions.</summary>
public sealed class CaseStudyPublishedConsumer(RollUp rollUp) : IConsumer<CaseStudyPublished>
{
    public Task Consume(ConsumeContext<CaseStudyPublished> context) =>
        ActivityFanOut.ApplyAsync(rollUp, context.Message.OrganisationCode, context.Message.EventId,
            new ActivityContribution(ActivityKind.CaseStudyPublished, context.Message.CaseStudyId, context.Message.OccurredAt), context.CancellationToken);
}

/// <summary>Counts case studies withdrawn (they stay visible with a banner).</summary>
public sealed class CaseStudyWithdrawnConsumer(RollUp rollUp) : IConsumer<CaseStudyWithdrawn>
{
    public Task Consume(ConsumeContext<CaseStudyWithdrawn> context) =>
        ActivityFanOut.ApplyAsync(rollUp, context.Message.OrganisationCode, context.Message.EventId,
            new ActivityContribution(ActivityKind.CaseStudyWithdrawn, context.Message.CaseStudyId, context.Message.OccurredAt), context.CancellationToken);
}

internal static class ActivityFanOut
{
    public static Task ApplyAsync(RollUp rollUp, string organisationCode, Guid eventId, ActivityContribution activity, CancellationToken cancellationToken) =>
        rollUp.EntryOf(organisationCode, eventId).ApplyActivity(activity, cancellationToken);

    /// <summary>A name-based id, so that the same adoption recorded twice is counted once.</summary>
    public static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}

public sealed class GoodPracticeSharedConsumerDefinition : ConsumerDefinition<GoodPracticeSharedConsumer>
{
    public GoodPracticeSharedConsumerDefinition() => EndpointName = "insighthub-good-practice-shared";
}

public sealed class GoodPracticeAdoptedConsumerDefinition : ConsumerDefinition<GoodPracticeAdoptedConsumer>
{
    public GoodPracticeAdoptedConsumerDefinition() => EndpointName = "insighthub-good-practice-adopted";
}

public sealed class CaseStudyPublishedConsumerDefinition : ConsumerDefinition<CaseStudyPublishedConsumer>
{
    public CaseStudyPublishedConsumerDefinition() => EndpointName = "insighthub-case-study-published";
}

public sealed class CaseStudyWithdrawnConsumerDefinition : ConsumerDefinition<CaseStudyWithdrawnConsumer>
{
    public CaseStudyWithdrawnConsumerDefinition() => EndpointName = "insighthub-case-study-withdrawn";
}
