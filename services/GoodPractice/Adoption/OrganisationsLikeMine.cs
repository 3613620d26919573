using System.Security.Claims;
using ChampionNetwork.GoodPractice.Data;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Adoption;

/// <summary>
/// "What have organisations like mine adopted?": practices adopted by organisations of the same type (every other
/// HSCP, say), or by the organisations in the same board area (the board, its HSCPs and its councils), most
/// adopters first. Practices the organisation shared itself are left out.
/// </summary>
internal static class OrganisationsLikeMine
{
    public const int MaxPractices = 20;

    public static async Task<LikeMine?> FindAsync(
        LikeMineRequest request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, ValidationErrors errors, CancellationToken cancellationToken)
    {
        Area? mine = null;
        if (request.Organisation is not null)
        {
            if (!areas.TryResolve(request.Organisation, out mine) || mine.Type == AreaType.Country)
            {
                errors.Add("organisation", $"'{request.Organisation}' is not an organisation of the Network.");
            }
        }
        else if (!user.TryGetOrganisation(areas, out mine) || mine.Type == AreaType.Country)
        {
            errors.Add("organisation", "Required: your token names no organisation, so name one.");
        }

        var like = (request.Like ?? "type").Trim().ToLowerInvariant();
        if (like is not ("type" or "board"))
        {
            errors.Add("like", "One of type or board.");
        }
        else if (like == "board" && mine is { BoardCode: null })
        {
            errors.Add("like", $"{mine.Name} is a national body, in no board area.");
        }

        if (errors.Count > 0 || mine is null)
        {
            return null;
        }

        var me = mine;
        var peers = areas.All
            .Where(a => a.Code != me.Code && (like == "type" ? a.Type == me.Type : a.BoardCode == me.BoardCode))
            .Select(a => a.Code.Value)
            .ToList();

        var adoptions = await db.Adoptions.AsNoTracking()
            .Where(a => peers.Contains(a.OrganisationCode))
            .Join(db.Practices.Where(p => p.OrganisationCode != me.Code.Value), a => a.PracticeId, p => p.Id, (a, p) => new { a.OrganisationCode, a.RecordedAt, p.Id, p.Title, p.Summary, SharedBy = p.OrganisationCode })
            .ToListAsync(cancellationToken);
        var practiceIds = adoptions.Select(a => a.Id).Distinct().ToList();
        var mineAdopted = await db.Adoptions.AsNoTracking()
            .Where(a => a.OrganisationCode == me.Code.Value && practiceIds.Contains(a.PracticeId))
            .Select(a => a.PracticeId)
            .ToListAsync(cancellationToken);

        var practices = adoptions
            .GroupBy(a => a.Id)
            .Select(g => new PeerAdoption(
                g.Key,
                g.First().Title,
                g.First().Summary,
                areas.Summary(g.First().SharedBy),
                [.. g.OrderBy(a => a.RecordedAt).Select(a => areas.Summary(a.OrganisationCode))],
                mineAdopted.Contains(g.Key),
                g.Max(a => a.RecordedAt)))
            .OrderByDescending(p => p.AdoptedBy.Count)
            .ThenByDescending(p => p.LastAdoptedAt)
            .ThenBy(p => p.PracticeId)
            .Take(MaxPractices)
            .ToList();
        return new LikeMine(areas.Summary(me.Code.Value), like, practices);
    }
}
