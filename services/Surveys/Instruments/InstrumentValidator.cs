using System.Text.RegularExpressions;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Validation;

namespace ChampionNetwork.Surveys.Instruments;

internal static partial class InstrumentValidator
{
    public const int MaxItems = 100;

    public static Dictionary<string, string[]> Validate(NewInstrument instrument)
    {
        var errors = new ValidationErrors();
        errors.RequireText("title", instrument.Title, 200);
        if (instrument.Description is { Length: > 2000 })
        {
            errors.Add("description", "The description is limited to 2,000 characters.");
        }

        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(NewInstrumentVersion version)
    {
        var errors = new ValidationErrors();
        if (version.Version is < 1)
        {
            errors.Add("version", "A version number starts at 1.");
        }

        var items = version.Items ?? [];
        if (items.Count == 0)
        {
            errors.Add("items", "A version needs at least one item.");
        }
        else if (items.Count > MaxItems)
        {
            errors.Add("items", $"A version holds at most {MaxItems} items.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            var item = items[i];
            var path = $"items[{i}]";
            if (item is null)
            {
                errors.Add(path, "An item cannot be null.");
                continue;
            }

            if (item.Id is null || !ItemIdPattern().IsMatch(item.Id))
            {
                errors.Add($"{path}.id", "An item id is 1-40 lower-case letters, digits and hyphens.");
            }
            else if (!ids.Add(item.Id))
            {
                errors.Add($"{path}.id", $"Item id '{item.Id}' is used twice.");
            }

            errors.RequireText($"{path}.text", item.Text, 500);
            if (item.Kind is null || !Enum.IsDefined(item.Kind.Value))
            {
                errors.Add($"{path}.kind", "Kind is one of Likert, Scale, SingleChoice, FreeText.");
            }

            if (!ActionPlan.TryParsePillar(item.Pillar, out _))
            {
                errors.Add($"{path}.pillar", "Pillar is one of Plan, Attract, Train, Employ, Nurture.");
            }

            var outcomes = item.OutcomeCodes ?? [];
            if (outcomes.Count == 0)
            {
                errors.Add($"{path}.outcomeCodes", "Tag the item with at least one Action Plan outcome code (e.g. NURTURE-S3).");
            }

            for (var o = 0; o < outcomes.Count; o++)
            {
                if (!ActionPlan.TryGetOutcome(outcomes[o], out _))
                {
                    errors.Add($"{path}.outcomeCodes[{o}]", "Not an Action Plan outcome code (PLAN-S1 ... NURTURE-M2).");
                }
            }

            var options = item.Options ?? [];
            if (item.Kind == ItemKind.SingleChoice)
            {
                if (options.Count is < 2 or > 20)
                {
                    errors.Add($"{path}.options", "A single-choice item has 2 to 20 options.");
                }

                for (var o = 0; o < options.Count; o++)
                {
                    errors.RequireText($"{path}.options[{o}]", options[o], 200);
                }
            }
            else if (options.Count > 0)
            {
                errors.Add($"{path}.options", "Only single-choice items take options.");
            }
        }

        return errors.ToDictionary();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ItemIdPattern();
}
