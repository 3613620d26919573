using System.Text.RegularExpressions;
using ChampionNetwork.Contracts.CaseStudies;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Validation;

namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>An edition's content with every field checked and normalised.</summary>
internal sealed record ValidContent(
    string Title,
    string Summary,
    string Body,
    List<string> Pillars,
    List<string> OutcomeCodes,
    bool NamesChanged,
    List<QuotedPerson> QuotedPeople,
    ChangeNoteKind? ChangeNoteKind,
    string? ChangeNote,
    Area? Organisation);

internal static partial class EditionValidator
{
    /// <summary>Field errors keyed by JSON path (<c>quotedPeople[1].key</c>).</summary>
    public static ValidContent? Validate(EditionContent request, AreaRegistry areas, ValidationErrors errors)
    {
        errors.RequireText("title", request.Title, CaseStudyLimits.Title);
        errors.RequireText("summary", request.Summary, CaseStudyLimits.Summary);
        errors.RequireText("body", request.Body, CaseStudyLimits.Body);

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
        if ((request.OutcomeCodes?.Count ?? 0) > CaseStudyLimits.OutcomeCodes)
        {
            errors.Add("outcomeCodes", $"At most {CaseStudyLimits.OutcomeCodes} outcomes.");
        }
        else
        {
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
        }

        if ((request.Pillars?.Count ?? 0) == 0 && (request.OutcomeCodes?.Count ?? 0) == 0)
        {
            errors.Add("pillars", "Name at least one pillar or outcome.");
        }

        var people = QuotedPeople(request.QuotedPeople, errors);
        if (request.ChangeNote is { Length: > CaseStudyLimits.ChangeNote })
        {
            errors.Add("changeNote", $"At most {CaseStudyLimits.ChangeNote:N0} characters.");
        }

        Area? organisation = null;
        if (request.OrganisationCode is { } code && !areas.TryResolve(code, out organisation))
        {
            errors.Add("organisationCode", $"'{code}' is not an organisation of the Network.");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new ValidContent(
            request.Title!.Trim(),
            request.Summary!.Trim(),
            request.Body!,
            [.. ActionPlan.Pillars.Where(pillars.Contains).Select(p => p.ToString())],
            outcomes,
            request.NamesChanged,
            people,
            request.ChangeNoteKind,
            string.IsNullOrWhiteSpace(request.ChangeNote) ? null : request.ChangeNote.Trim(),
            organisation);
    }

    private static List<QuotedPerson> QuotedPeople(IReadOnlyList<QuotedPersonContent>? people, ValidationErrors errors)
    {
        var result = new List<QuotedPerson>();
        if (people is null)
        {
            return result;
        }

        if (people.Count > CaseStudyLimits.QuotedPeople)
        {
            errors.Add("quotedPeople", $"At most {CaseStudyLimits.QuotedPeople} people.");
            return result;
        }

        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person is null)
            {
                errors.Add($"quotedPeople[{i}]", "Required.");
                continue;
            }

            var key = person.Key?.Trim();
            if (key is null || !PersonKeyPattern().IsMatch(key))
            {
                errors.Add($"quotedPeople[{i}].key", $"A key is 1 to {CaseStudyLimits.PersonKey} lower-case letters, digits or hyphens, e.g. \"service-user-1\".");
            }
            else if (result.Any(p => p.Key == key))
            {
                errors.Add($"quotedPeople[{i}].key", $"'{key}' is quoted twice.");
            }

            errors.RequireText($"quotedPeople[{i}].shownAs", person.ShownAs, CaseStudyLimits.Name);
            errors.RequireText($"quotedPeople[{i}].role", person.Role, CaseStudyLimits.Role);
            if (key is not null && person.ShownAs is not null && person.Role is not null)
            {
                result.Add(new QuotedPerson(key, person.ShownAs.Trim(), person.Role.Trim(), person.NameChanged));
            }
        }

        return result;
    }

    public static bool IsPersonKey(string? key) => key is not null && PersonKeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex PersonKeyPattern();
}
