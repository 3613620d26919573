using System.Text.RegularExpressions;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>A submission with every field checked and normalised: codes canonical, tags lower case, text trimmed.</summary>
internal sealed record ValidPractice(
    string Title,
    string Summary,
    string Body,
    List<string> Pillars,
    List<string> OutcomeCodes,
    List<string> Tags,
    Area? Organisation,
    string? ContactName,
    string? ContactEmail,
    List<PracticeLink> Links,
    bool IsPublic);

internal static partial class PracticeValidator
{
    /// <summary>
    /// Field errors keyed by JSON path. Pillars are those named plus those of the outcomes named, in the Plan's
    /// order; at least one of either is required.
    /// </summary>
    public static ValidPractice? Validate(PracticeSubmission request, AreaRegistry areas, ValidationErrors errors)
    {
        errors.RequireText("title", request.Title, PracticeLimits.Title);
        errors.RequireText("summary", request.Summary, PracticeLimits.Summary);
        errors.RequireText("body", request.Body, PracticeLimits.Body);

        var pillars = new HashSet<Pillar>();
        for (var i = 0; i < (request.Pillars?.Count ?? 0); i++)
        {
            if (ActionPlan.TryParsePillar(request.Pillars![i], out var pillar))
            {
                pillars.Add(pillar);
            }
            else
            {
                errors.Add($"pillars[{i}]", $"'{request.Pillars[i]}' is not a pillar: one of {string.Join(", ", ActionPlan.Pillars)}.");
            }
        }

        var outcomes = new List<string>();
        for (var i = 0; i < (request.OutcomeCodes?.Count ?? 0); i++)
        {
            if (ActionPlan.TryGetOutcome(request.OutcomeCodes![i], out var outcome))
            {
                pillars.Add(outcome.Pillar);
                if (!outcomes.Contains(outcome.Code.Value))
                {
                    outcomes.Add(outcome.Code.Value);
                }
            }
            else
            {
                errors.Add($"outcomeCodes[{i}]", $"'{request.OutcomeCodes[i]}' is not an Action Plan outcome (e.g. NURTURE-S3).");
            }
        }

        if (pillars.Count == 0 && (request.Pillars?.Count ?? 0) == 0 && (request.OutcomeCodes?.Count ?? 0) == 0)
        {
            errors.Add("pillars", "Name at least one pillar or outcome.");
        }

        var tags = Tags(request.Tags, errors);
        var organisation = Organisation(request.OrganisationCode, areas, errors);
        var (contactName, contactEmail) = Contact(request.Contact, errors);
        var links = Links(request.Links, errors);

        if (errors.Count > 0)
        {
            return null;
        }

        return new ValidPractice(
            request.Title!.Trim(),
            request.Summary!.Trim(),
            request.Body!,
            [.. ActionPlan.Pillars.Where(pillars.Contains).Select(p => p.ToString())],
            outcomes,
            tags,
            organisation,
            contactName,
            contactEmail,
            links,
            request.IsPublic);
    }

    private static List<string> Tags(IReadOnlyList<string>? tags, ValidationErrors errors)
    {
        var result = new List<string>();
        if (tags is null)
        {
            return result;
        }

        if (tags.Count > PracticeLimits.Tags)
        {
            errors.Add("tags", $"At most {PracticeLimits.Tags} tags.");
            return result;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > PracticeLimits.Tag || !TagPattern().IsMatch(tag))
            {
                errors.Add($"tags[{i}]", $"A tag is 1 to {PracticeLimits.Tag} letters, digits, spaces or hyphens.");
            }
            else if (!result.Contains(tag))
            {
                result.Add(tag);
            }
        }

        return result;
    }

    private static Area? Organisation(string? code, AreaRegistry areas, ValidationErrors errors)
    {
        if (code is null)
        {
            return null;
        }

        if (!areas.TryResolve(code, out var area) || area.Type == AreaType.Country)
        {
            errors.Add("organisationCode", $"'{code}' is not an organisation of the Network (a board, HSCP, council or national body code).");
            return null;
        }

        return area;
    }

    private static (string?, string?) Contact(PracticeContact? contact, ValidationErrors errors)
    {
        if (contact is null)
        {
            return (null, null);
        }

        var name = string.IsNullOrWhiteSpace(contact.Name) ? null : contact.Name.Trim();
        var email = string.IsNullOrWhiteSpace(contact.Email) ? null : contact.Email.Trim();
        if (name?.Length > PracticeLimits.ContactName)
        {
            errors.Add("contact.name", $"At most {PracticeLimits.ContactName} characters.");
        }

        if (email is not null && (email.Length > PracticeLimits.ContactEmail || !EmailPattern().IsMatch(email)))
        {
            errors.Add("contact.email", "Not an email address.");
        }

        return (name, email);
    }

    private static List<PracticeLink> Links(IReadOnlyList<PracticeLinkSubmission>? links, ValidationErrors errors)
    {
        var result = new List<PracticeLink>();
        if (links is null)
        {
            return result;
        }

        if (links.Count > PracticeLimits.Links)
        {
            errors.Add("links", $"At most {PracticeLimits.Links} links.");
            return result;
        }

        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            if (link is null)
            {
                errors.Add($"links[{i}]", "Required.");
                continue;
            }

            errors.RequireText($"links[{i}].title", link.Title, PracticeLimits.LinkTitle);
            var url = link.Url?.Trim();
            if (string.IsNullOrEmpty(url) || url.Length > PracticeLimits.LinkUrl
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"links[{i}].url", "An absolute http or https address is required.");
            }
            else if (!string.IsNullOrWhiteSpace(link.Title))
            {
                result.Add(new PracticeLink(link.Title.Trim(), uri.AbsoluteUri));
            }
        }

        return result;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} \-]*$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[^@\s<>""']+@[^@\s<>""']+\.[^@\s<>""']+$")]
    private static partial Regex EmailPattern();
}
