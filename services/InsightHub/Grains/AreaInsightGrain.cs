using Microsoft.Extensions.Logging;

namespace ChampionNetwork.InsightHub.Grains;

public sealed partial class AreaInsightGrain(
    [PersistentState("area", InsightStorage.Name)] IPersistentState<AreaInsightState> state,
    ILogger<AreaInsightGrain> logger) : Grain, IAreaInsightGrain
{
    public async Task<bool> Apply(InsightContribution contribution, CancellationToken cancellationToken = default)
    {
        if (!state.State.Campaigns.TryGetValue(contribution.CampaignId, out var campaign))
        {
            campaign = new CampaignTally { InstrumentId = contribution.InstrumentId, InstrumentVersion = contribution.InstrumentVersion };
            state.State.Campaigns[contribution.CampaignId] = campaign;
        }

        if (!campaign.AppliedEventIds.Add(contribution.EventId))
        {
            LogDuplicate(contribution.EventId, this.GetPrimaryKeyString());
            return false;
        }

        campaign.Responses++;
        foreach (var answer in contribution.Answers)
        {
            if (!campaign.Items.TryGetValue(answer.ItemId, out var item))
            {
                item = new ItemTally { Pillar = answer.Pillar, OutcomeCodes = [.. answer.OutcomeCodes] };
                campaign.Items[answer.ItemId] = item;
            }

            item.Count++;
            item.Sum += answer.Value;
            item.Distribution[answer.Value] = item.Distribution.GetValueOrDefault(answer.Value) + 1;
        }

        // Written before returning, so the consumer acknowledges the message only once the count is durable.
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<AreaInsight> GetInsight(CancellationToken cancellationToken = default) =>
        Task.FromResult(new AreaInsight(
            this.GetPrimaryKeyString(),
            state.State.Campaigns.Select(c => new CampaignInsight(
                c.Key,
                c.Value.InstrumentId,
                c.Value.InstrumentVersion,
                c.Value.Responses,
                c.Value.Items.Select(i => new ItemInsight(i.Key, i.Value.Pillar, [.. i.Value.OutcomeCodes], i.Value.Count, i.Value.Sum, new Dictionary<int, int>(i.Value.Distribution)))
                    .OrderBy(i => i.ItemId, StringComparer.Ordinal)
                    .ToList()))
                .ToList()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already applied to area {AreaCode}; ignored")]
    private partial void LogDuplicate(Guid eventId, string areaCode);
}

public static class InsightStorage
{
    /// <summary>The grain storage provider name: <c>Orleans:GrainStorage:insight</c> in configuration.</summary>
    public const string Name = "insight";
}
