namespace ChampionNetwork.DemoSeed.GoodPractice;

/// <summary>Shares the demo practices, each by an editor of its organisation, then records the demo adoptions and endorsements.</summary>
public sealed partial class GoodPracticeSeeder(GoodPracticeClient practices, ChampionTokens tokens, ILogger<GoodPracticeSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await practices.AnySharedAsync(tokens.Admin(), ct))
        {
            LogAlreadyShared();
            return;
        }

        var corpus = DemoPractices.Load();
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var practice in corpus.Practices)
        {
            ids[practice.Key] = await practices.ShareAsync(tokens.OrgEditor(practice.OrganisationCode), practice.Body, ct);
        }

        foreach (var adoption in corpus.Adoptions)
        {
            await practices.AdoptAsync(tokens.OrgEditor(adoption.OrganisationCode), ids[adoption.Practice], new { note = adoption.Note, adoptedOn = adoption.AdoptedOn }, ct);
        }

        foreach (var endorsement in corpus.Endorsements)
        {
            await practices.EndorseAsync(tokens.OrgEditor(endorsement.OrganisationCode), ids[endorsement.Practice], ct);
        }

        LogShared(ids.Count, corpus.Adoptions.Count, corpus.Endorsements.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Good practice already shared: seeding none")]
    private partial void LogAlreadyShared();

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared {Practices} demo practices, with {Adoptions} adoptions and {Endorsements} endorsements")]
    private partial void LogShared(int practices, int adoptions, int endorsements);
}
