using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.GoodPractice.Search;

internal enum SearchSort
{
    Relevance,
    Newest,
    Adopted,
}

/// <summary>A search request checked and resolved: codes current, the area expanded to the organisations within it.</summary>
internal sealed partial record SearchCriteria(
    string? Words,
    string? Pillar,
    string? Outcome,
    string? Organisation,
    IReadOnlyList<string>? AreaOrganisations,
    string? Tag,
    SearchSort Sort,
    SearchCursor? After,
    int Limit,
    string Digest)
{
    public const int MaxWords = 200;
    public const int MaxLimit = 50;

    public static SearchCriteria? From(SearchRequest request, AreaRegistry areas, ValidationErrors errors)
    {
        var words = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        if (words?.Length > MaxWords)
        {
            errors.Add("q", $"At most {MaxWords} characters.");
        }

        string? pillar = null;
        if (request.Pillar is not null)
        {
            if (ActionPlan.TryParsePillar(request.Pillar, out var parsed))
            {
                pillar = parsed.ToString();
            }
            else
            {
                errors.Add("pillar", $"'{request.Pillar}' is not a pillar: one of {string.Join(", ", ActionPlan.Pillars)}.");
            }
        }

        string? outcome = null;
        if (request.Outcome is not null)
        {
            if (ActionPlan.TryGetOutcome(request.Outcome, out var parsed))
            {
                outcome = parsed.Code.Value;
            }
            else
            {
                errors.Add("outcome", $"'{request.Outcome}' is not an Action Plan outcome.");
            }
        }

        string? organisation = null;
        if (request.Organisation is not null)
        {
            if (areas.TryResolve(request.Organisation, out var area) && area.Type != AreaType.Country)
            {
                organisation = area.Code.Value;
            }
            else
            {
                errors.Add("organisation", $"'{request.Organisation}' is not an organisation of the Network.");
            }
        }

        IReadOnlyList<string>? within = null;
        if (request.Area is not null)
        {
            if (areas.TryResolve(request.Area, out var area))
            {
                within = area.Type == AreaType.Country ? null : Within(area, areas);
            }
            else
            {
                errors.Add("area", $"'{request.Area}' is not an area code.");
            }
        }

        var tag = request.Tag?.Trim().ToLowerInvariant();
        if (tag is not null && (tag.Length is 0 or > Practices.PracticeLimits.Tag || !TagPattern().IsMatch(tag)))
        {
            errors.Add("tag", "A tag is 1 to 40 letters, digits, spaces or hyphens.");
        }

        var sort = words is null ? SearchSort.Newest : SearchSort.Relevance;
        if (request.Sort is not null)
        {
            if (!Enum.TryParse(request.Sort, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(request.Sort, out _))
            {
                errors.Add("sort", "One of relevance, newest or adopted.");
            }
            else if (sort == SearchSort.Relevance && words is null)
            {
                errors.Add("sort", "Sorting by relevance needs words to search for (q).");
            }
        }

        var limit = 10;
        if (request.Limit is not null && (!int.TryParse(request.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"A whole number from 1 to {MaxLimit}.");
        }

        var digest = SearchCursor.Digest(string.Join('\u001f', words, pillar, outcome, organisation, within is null ? "" : string.Join(',', within), tag, sort));
        SearchCursor? after = null;
        if (request.Cursor is not null)
        {
            if (!SearchCursor.TryDecode(request.Cursor, out after) || after is null || after.Query != digest || after.Sort != sort.ToString()
                || (sort == SearchSort.Relevance && after.Score is null)
                || (sort != SearchSort.Relevance && after.CreatedAt is null)
                || (sort == SearchSort.Adopted && after.Adoptions is null))
            {
                errors.Add("cursor", "Not a cursor of this search: pass the nextCursor of the previous page with the same query and sort.");
            }
        }

        return errors.Count > 0 ? null : new SearchCriteria(words, pillar, outcome, organisation, within, tag, sort, after, limit, digest);
    }

    /// <summary>
    /// What one answer depends on, as a SHA-256: every criterion (the area as the organisations it holds), the page
    /// (cursor and size), and whether the reader is a member.
    /// </summary>
    public string AnswerKey(bool member) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
        '\u001f', member ? "member" : "public", Words, Pillar, Outcome, Organisation,
        AreaOrganisations is null ? "" : string.Join(',', AreaOrganisations), Tag, Sort, Limit, After?.Encode()))));

    /// <summary>An area and the organisations within it: a board's HSCPs and councils, an HSCP's councils.</summary>
    internal static List<string> Within(Area area, AreaRegistry areas)
    {
        var codes = new List<string> { area.Code.Value };
        if (area.Type == AreaType.Board)
        {
            codes.AddRange(areas.ChildrenOf(area.Code).Select(a => a.Code.Value));
        }
        else if (area.Type == AreaType.Hscp)
        {
            codes.AddRange(areas.OfType(AreaType.Council).Where(c => c.HscpCode == area.Code).Select(c => c.Code.Value));
        }

        return codes;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} \-]*$")]
    private static partial Regex TagPattern();
}
