using ChampionNetwork.Contracts.InsightHub;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.Surveys.Responses;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Replay;

/// <summary>
/// InsightHub has reset a campaign's aggregates: publish every stored response of the campaign again as
/// <c>InsightSubmitted</c>, with its original event id, through the outbox, in one transaction with the record that
/// this request was answered. Data still flows one way, Surveys to InsightHub.
/// </summary>
public sealed partial class CampaignReplayRequestedConsumer(SurveysDb db, ILogger<CampaignReplayRequestedConsumer> logger) : IConsumer<CampaignReplayRequested>
{
    public async Task Consume(ConsumeContext<CampaignReplayRequested> context)
    {
        var request = context.Message;
        var cancellationToken = context.CancellationToken;
        if (await db.ProcessedReplays.AnyAsync(r => r.ReplayEventId == request.EventId, cancellationToken))
        {
            return;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CampaignId, cancellationToken);
        if (campaign is null)
        {
            LogUnknownCampaign(request.CampaignId);
            return;
        }

        var instrument = await db.InstrumentVersions.AsNoTracking()
            .SingleAsync(v => v.InstrumentId == campaign.InstrumentId && v.Version == campaign.InstrumentVersion, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var responses = 0;
        await foreach (var response in db.Responses.AsNoTracking().Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.EventId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            db.AddIntegrationEvent(ResponsesApi.InsightOf(response, instrument));
            responses++;
        }

        db.ProcessedReplays.Add(new ProcessedReplay { ReplayEventId = request.EventId, CampaignId = campaign.Id, Responses = responses });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogReplayed(campaign.Id, responses);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Responses} response(s) of campaign {CampaignId}")]
    private partial void LogReplayed(Guid campaignId, int responses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay requested for unknown campaign {CampaignId}; ignored")]
    private partial void LogUnknownCampaign(Guid campaignId);
}
