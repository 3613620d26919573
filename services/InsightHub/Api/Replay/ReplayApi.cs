using System.Security.Claims;
using ChampionNetwork.Contracts.InsightHub;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChampionNetwork.InsightHub.Replay;

/// <summary>
/// Rebuilds a campaign's aggregates by events, in the usual direction: every area forgets the campaign's figures
/// and applied event ids, then <see cref="CampaignReplayRequested"/> asks Surveys to publish the stored responses
/// again as InsightSubmitted with their original ids. Status, headcount and item kinds are kept. Scotland chooses the
/// campaign's new reset generation and every other grain moves to it, so a batch counted before the reset and
/// still on its way up is dropped wherever it arrives.
/// </summary>
public static partial class ReplayApi
{
    public static IEndpointRouteBuilder MapReplayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/campaigns").WithTags("Admin").RequireAuthorization(Policies.Admin);
        api.MapPost("/{campaignId:guid}/replay", RequestReplay)
            .WithName("RequestCampaignReplay")
            .WithSummary("Reset a campaign's aggregates and ask Surveys to publish its responses again")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Accepted<ReplayReceipt>, ProblemHttpResult>> RequestReplay(
        Guid campaignId,
        ClaimsPrincipal user,
        IGrainFactory grains,
        AreaRegistry areas,
        IPublishEndpoint publish,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var generation = await grains.GetGrain<IAreaInsightGrain>(AreaCode.Scotland.Value).BeginReset(campaignId, cancellationToken);
        await Task.WhenAll(InsightTree.AllKeys(areas).Where(k => k != AreaCode.Scotland.Value)
            .Select(k => grains.GetGrain<IAreaInsightGrain>(k).ResetCampaign(campaignId, generation, cancellationToken)));

        var request = new CampaignReplayRequested(Guid.NewGuid(), clock.GetUtcNow(), campaignId, user.FindFirstValue(ChampionClaims.Subject) ?? "unknown");
        try
        {
            await publish.Publish(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReplayNotPublished(loggers.CreateLogger(typeof(ReplayApi)), ex, campaignId);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Replay request not published",
                detail: "The campaign's aggregates were reset, but the request to Surveys could not be published. Request the replay again.");
        }

        LogReplayRequested(loggers.CreateLogger(typeof(ReplayApi)), campaignId, request.RequestedBy);
        return TypedResults.Accepted((string?)null, new ReplayReceipt(campaignId, request.EventId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay of campaign {CampaignId} requested by {RequestedBy}: aggregates reset")]
    private static partial void LogReplayRequested(ILogger logger, Guid campaignId, string requestedBy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay of campaign {CampaignId}: aggregates reset but the request could not be published")]
    private static partial void LogReplayNotPublished(ILogger logger, Exception exception, Guid campaignId);
}

public sealed record ReplayReceipt(Guid CampaignId, Guid ReplayRequestId);
