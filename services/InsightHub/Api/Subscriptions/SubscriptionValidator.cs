using System.Net.Mail;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Validation;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>Checks a <see cref="SubscriptionRequest"/> field by field; errors are keyed by the JSON field (<c>areas[2]</c>).</summary>
public sealed class SubscriptionValidator(AreaRegistry areas, WebhookTargetPolicy targets)
{
    public Subscription? Validate(SubscriptionRequest request, ValidationErrors errors, Subscription into)
    {
        if (request.Name is { Length: > SubscriptionLimits.Name })
        {
            errors.Add("name", $"At most {SubscriptionLimits.Name} characters.");
        }

        SubscriptionChannel? channel = request.Channel?.Trim().ToLowerInvariant() switch
        {
            "webhook" => SubscriptionChannel.Webhook,
            "email" => SubscriptionChannel.Email,
            null or "" => null,
            _ => null,
        };
        if (channel is null)
        {
            errors.Add("channel", "Required: webhook or email.");
        }

        SubscriptionCadence? cadence = request.Cadence?.Trim().ToLowerInvariant() switch
        {
            null or "" or "immediate" => SubscriptionCadence.Immediate,
            "daily" => SubscriptionCadence.Daily,
            "weekly" => SubscriptionCadence.Weekly,
            _ => null,
        };
        if (cadence is null)
        {
            errors.Add("cadence", "One of immediate, daily or weekly.");
        }

        if (channel == SubscriptionChannel.Webhook)
        {
            if (request.WebhookUrl is { Length: > SubscriptionLimits.Url })
            {
                errors.Add("webhookUrl", $"At most {SubscriptionLimits.Url} characters.");
            }
            else if (targets.RefusalOf(request.WebhookUrl) is { } refusal)
            {
                errors.Add("webhookUrl", refusal);
            }

            if (request.Email is not null)
            {
                errors.Add("email", "Only for the email channel: a webhook subscription names a webhookUrl.");
            }
        }
        else if (channel == SubscriptionChannel.Email)
        {
            RequireEmail(errors, "email", request.Email, required: true);
            if (request.WebhookUrl is not null)
            {
                errors.Add("webhookUrl", "Only for the webhook channel.");
            }
        }

        RequireEmail(errors, "contactEmail", request.ContactEmail, required: false);

        var areaCodes = new List<string>();
        foreach (var (code, i) in (request.Areas ?? []).Select((c, i) => (c, i)))
        {
            if (!areas.TryResolve(code, out var area))
            {
                errors.Add($"areas[{i}]", $"Not a known area code: {code}.");
            }
            else if (!areaCodes.Contains(area.Code.Value))
            {
                areaCodes.Add(area.Code.Value);
            }
        }

        var pillars = new List<string>();
        foreach (var (value, i) in (request.Pillars ?? []).Select((c, i) => (c, i)))
        {
            if (!ActionPlan.TryParsePillar(value, out var pillar))
            {
                errors.Add($"pillars[{i}]", "Not an Action Plan pillar (Plan, Attract, Train, Employ, Nurture).");
            }
            else if (!pillars.Contains(pillar.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                pillars.Add(pillar.ToString().ToUpperInvariant());
            }
        }

        var outcomes = new List<string>();
        foreach (var (value, i) in (request.Outcomes ?? []).Select((c, i) => (c, i)))
        {
            if (!ActionPlan.TryGetOutcome(value, out var outcome))
            {
                errors.Add($"outcomes[{i}]", "Not an Action Plan outcome code (e.g. NURTURE-S1).");
            }
            else if (!outcomes.Contains(outcome.Code.ToString(), StringComparer.Ordinal))
            {
                outcomes.Add(outcome.Code.ToString());
            }
        }

        var measures = Choose(errors, "measures", request.Measures, Measures.All);
        var kinds = Choose(errors, "eventKinds", request.EventKinds, EventKinds.All);
        foreach (var (field, list) in new[] { ("areas", request.Areas), ("pillars", request.Pillars), ("outcomes", request.Outcomes), ("measures", request.Measures), ("eventKinds", request.EventKinds) })
        {
            if (list is { Count: > SubscriptionLimits.FilterEntries })
            {
                errors.Add(field, $"At most {SubscriptionLimits.FilterEntries} entries.");
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        into.Name = request.Name?.Trim();
        into.Channel = channel!.Value;
        into.Cadence = cadence!.Value;
        into.WebhookUrl = channel == SubscriptionChannel.Webhook ? request.WebhookUrl : null;
        into.Email = channel == SubscriptionChannel.Email ? request.Email!.Trim() : null;
        into.ContactEmail = request.ContactEmail?.Trim();
        into.Areas = areaCodes;
        into.Pillars = pillars;
        into.Outcomes = outcomes;
        into.Measures = measures;
        into.EventKinds = kinds;
        return into;
    }

    private static List<string> Choose(ValidationErrors errors, string field, IReadOnlyList<string>? values, IReadOnlyList<string> allowed)
    {
        var chosen = new List<string>();
        foreach (var (value, i) in (values ?? []).Select((c, i) => (c, i)))
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add($"{field}[{i}]", $"One of {string.Join(", ", allowed)}.");
            }
            else if (!chosen.Contains(match))
            {
                chosen.Add(match);
            }
        }

        return chosen;
    }

    private static void RequireEmail(ValidationErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Required: an e-mail address.");
            }

            return;
        }

        if (value.Length > SubscriptionLimits.Email || !MailAddress.TryCreate(value.Trim(), out var parsed) || parsed.Address != value.Trim() || value.Any(char.IsControl))
        {
            errors.Add(field, "Not an e-mail address.");
        }
    }
}
