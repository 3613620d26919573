using ChampionNetwork.ReferenceData;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Instruments;
using ChampionNetwork.ServiceDefaults.Validation;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Checks a submission against the campaign and its instrument version. Every problem is reported against the
/// JSON path of the field that caused it (<c>answers[2].value</c>), so a client can show it next to the question.
/// </summary>
internal static class ResponseValidator
{
    public static Dictionary<string, string[]> Validate(ResponseSubmission submission, Campaign campaign, InstrumentVersion instrument, AreaRegistry areas)
    {
        var errors = new ValidationErrors();

        if (string.IsNullOrWhiteSpace(submission.OrganisationCode))
        {
            errors.Add("organisationCode", "The organisation's GSS code is required.");
        }
        else if (!areas.TryResolve(submission.OrganisationCode, out var area))
        {
            errors.Add("organisationCode", $"'{Truncate(submission.OrganisationCode)}' is not a known organisation code.");
        }
        else if (!campaign.Includes(area.Code.Value))
        {
            errors.Add("organisationCode", $"{area.Name} is not part of this campaign.");
        }

        var answers = submission.Answers ?? [];
        if (submission.Answers is null)
        {
            errors.Add("answers", "At least one answer is required.");
        }

        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            var path = $"answers[{i}]";
            if (answer is null)
            {
                errors.Add(path, "An answer cannot be null.");
                continue;
            }

            var item = instrument.FindItem(answer.ItemId);
            if (item is null)
            {
                errors.Add($"{path}.itemId", $"'{Truncate(answer.ItemId)}' is not an item of this instrument version.");
                continue;
            }

            if (!answered.Add(item.Id))
            {
                errors.Add($"{path}.itemId", $"Item '{item.Id}' is answered more than once.");
            }

            ValidateValue(item, answer, path, errors.Add);
        }

        foreach (var missing in instrument.Items.Where(i => i.Required && !answered.Contains(i.Id)))
        {
            errors.Add("answers", $"Item '{missing.Id}' is required.");
        }

        return errors.ToDictionary();
    }

    private static void ValidateValue(InstrumentItem item, AnswerSubmission answer, string path, Action<string, string> add)
    {
        if (item.ValueRange is { } range)
        {
            if (answer.Value is not { } value)
            {
                add($"{path}.value", $"Item '{item.Id}' needs a value from {range.Min} to {range.Max}.");
            }
            else if (value < range.Min || value > range.Max)
            {
                add($"{path}.value", $"{value} is out of range for item '{item.Id}': use {range.Min} to {range.Max}.");
            }

            if (answer.Text is not null)
            {
                add($"{path}.text", $"Item '{item.Id}' takes a value, not text.");
            }

            return;
        }

        if (answer.Value is not null)
        {
            add($"{path}.value", $"Item '{item.Id}' is free text and takes no value.");
        }

        if (string.IsNullOrWhiteSpace(answer.Text))
        {
            add($"{path}.text", $"Item '{item.Id}' needs text.");
        }
        else if (answer.Text.Length > InstrumentItem.MaxTextLength)
        {
            add($"{path}.text", $"Text is {answer.Text.Length} characters; the limit is {InstrumentItem.MaxTextLength}.");
        }
        else if (FirstControlCharacter(answer.Text) is { } at)
        {
            // Name the character and where it is, never echo the text itself.
            add($"{path}.text", $"Text contains a control character or broken surrogate (U+{(int)answer.Text[at]:X4}) at position {at + 1}; only printable text, tabs and line breaks are accepted.");
        }

        var themes = answer.Themes ?? [];
        for (var t = 0; t < themes.Count; t++)
        {
            if (!ActionPlan.TryParsePillar(themes[t], out _))
            {
                add($"{path}.themes[{t}]", $"'{Truncate(themes[t])}' is not an Action Plan pillar (Plan, Attract, Train, Employ, Nurture).");
            }
        }
    }

    /// <summary>
    /// The index of the first character free text may not hold: C0 controls other than tab, line feed and carriage
    /// return (NUL among them, which PostgreSQL's jsonb refuses), DEL, C1 controls, and a surrogate without its pair.
    /// </summary>
    private static int? FirstControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c < '\u0020' || c is >= '\u007F' and <= '\u009F')
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }

        return null;
    }

    // Echo at most a little of what the caller sent: enough to recognise, never a huge string back.
    private static string Truncate(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}
