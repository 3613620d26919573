using System.Security.Claims;
using System.Security.Cryptography;
using ChampionNetwork.Identity;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.InsightHub.Subscriptions.Digests;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// Subscriptions for policy teams (role policy-analyst, or admin): each analyst sees and changes only their own;
/// an admin sees and changes all. Another analyst's subscription is a 404, as if it did not exist. The unsubscribe
/// link in every e-mail works without signing in.
/// </summary>
public static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/subscriptions").WithTags("Subscriptions").RequireAuthorization(Policies.PolicyAnalyst);

        api.MapPost("/", CreateSubscription)
            .WithName("CreateSubscription")
            .WithSummary("Subscribe to what the feeds publish; a webhook's whsec_ secret is in the response, once")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/", ListSubscriptions)
            .WithName("ListSubscriptions")
            .WithSummary("Your subscriptions (an admin: everyone's)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/{subscriptionId:guid}", GetSubscription)
            .WithName("GetSubscription")
            .WithSummary("One subscription, with its status (disabled, and why)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{subscriptionId:guid}", ReplaceSubscription)
            .WithName("ReplaceSubscription")
            .WithSummary("Change a subscription's filters, cadence or channel (its secret stays)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{subscriptionId:guid}", DeleteSubscription)
            .WithName("DeleteSubscription")
            .WithSummary("Delete a subscription, its waiting deliveries and its log")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{subscriptionId:guid}/enable", EnableSubscription)
            .WithName("EnableSubscription")
            .WithSummary("Enable a disabled subscription again (after fixing its endpoint)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{subscriptionId:guid}/secret/rotate", RotateSecret)
            .WithName("RotateSubscriptionSecret")
            .WithSummary("A new whsec_ secret, shown once; the previous one keeps signing beside it for the overlap")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{subscriptionId:guid}/deliveries", GetDeliveryLog)
            .WithName("GetDeliveryLog")
            .WithSummary("The delivery log: every delivery, newest first, with every attempt (time, status, duration, first KB of the response)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{subscriptionId:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver)
            .WithName("RedeliverDelivery")
            .WithSummary("Send a delivery again now, as the same message (same webhook-id)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{subscriptionId:guid}/ping", Ping)
            .WithName("PingSubscription")
            .WithSummary("Send a test-ping (type ping, no figures) to the subscription's channel")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/subscriptions/unsubscribe", UnsubscribePage)
            .WithTags("Subscriptions")
            .AllowAnonymous()
            .WithName("UnsubscribePage")
            .WithSummary("The page an e-mail's unsubscribe link opens: a button that confirms (no sign-in)")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapPost("/api/subscriptions/unsubscribe", Unsubscribe)
            .WithTags("Subscriptions")
            .AllowAnonymous()
            .WithName("Unsubscribe")
            .WithSummary("Unsubscribe with the signed token from an e-mail (no sign-in; RFC 8058 one-click)")
            .DisableAntiforgery()
            .ProducesValidationProblem();

        return app;
    }

    public static async Task<Results<Created<SubscriptionCreated>, ValidationProblem>> CreateSubscription(
        SubscriptionRequest request, ClaimsPrincipal user, InsightHubDb db, SubscriptionValidator validator, DigestScheduler digests, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var subscription = validator.Validate(request, errors, new Subscription { Id = Guid.NewGuid(), OwnerSubject = Subject(user), CreatedAt = now, UpdatedAt = now });
        if (subscription is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The subscription is not valid");
        }

        subscription.Secret = subscription.Channel == SubscriptionChannel.Webhook ? NewSecret() : null;
        subscription.NextDigestAt = subscription.Cadence == SubscriptionCadence.Immediate ? null : digests.NextDigestAt(subscription.Cadence, now);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id:D}", new SubscriptionCreated(SubscriptionDetails.Of(subscription), subscription.Secret));
    }

    public static async Task<Ok<List<SubscriptionDetails>>> ListSubscriptions(ClaimsPrincipal user, InsightHubDb db, CancellationToken cancellationToken)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (!user.IsInRole(Roles.Admin))
        {
            var subject = Subject(user);
            query = query.Where(s => s.OwnerSubject == subject);
        }

        var all = await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(SubscriptionDetails.Of).ToList());
    }

    public static async Task<Results<Ok<SubscriptionDetails>, ProblemHttpResult>> GetSubscription(Guid subscriptionId, ClaimsPrincipal user, InsightHubDb db, CancellationToken cancellationToken) =>
        await FindAsync(db, user, subscriptionId, cancellationToken) is { } s ? TypedResults.Ok(SubscriptionDetails.Of(s)) : NotFound(subscriptionId);

    public static async Task<Results<Ok<SubscriptionDetails>, ValidationProblem, ProblemHttpResult>> ReplaceSubscription(
        Guid subscriptionId, SubscriptionRequest request, ClaimsPrincipal user, InsightHubDb db, SubscriptionValidator validator, DigestScheduler digests, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        var wasWebhook = subscription.Channel == SubscriptionChannel.Webhook;
        var cadence = subscription.Cadence;
        var errors = new ValidationErrors();
        if (validator.Validate(request, errors, subscription) is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The subscription is not valid");
        }

        if (subscription.Channel == SubscriptionChannel.Webhook && !wasWebhook)
        {
            subscription.Secret ??= NewSecret();
        }

        var now = clock.GetUtcNow();
        if (subscription.Cadence != cadence)
        {
            subscription.NextDigestAt = subscription.Cadence == SubscriptionCadence.Immediate ? null : digests.NextDigestAt(subscription.Cadence, now);
        }

        subscription.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SubscriptionDetails.Of(subscription));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSubscription(Guid subscriptionId, ClaimsPrincipal user, InsightHubDb db, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SubscriptionDetails>, ProblemHttpResult>> EnableSubscription(Guid subscriptionId, ClaimsPrincipal user, InsightHubDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        subscription.Status = SubscriptionStatus.Active;
        subscription.DisabledReason = null;
        subscription.DisabledAt = null;
        subscription.FailingSince = null;
        subscription.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SubscriptionDetails.Of(subscription));
    }

    public static async Task<Results<Ok<RotatedSecret>, ValidationProblem, ProblemHttpResult>> RotateSecret(
        Guid subscriptionId, [FromBody] SecretRotation? rotation, ClaimsPrincipal user, InsightHubDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var overlap = rotation?.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : SubscriptionLimits.DefaultSecretOverlap;
        if (overlap < TimeSpan.Zero || overlap > SubscriptionLimits.MaxSecretOverlap)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlapMinutes"] = [$"From 0 to {SubscriptionLimits.MaxSecretOverlap.TotalMinutes:0} minutes."] });
        }

        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        if (subscription.Channel != SubscriptionChannel.Webhook)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["Only a webhook subscription has a secret."] });
        }

        var now = clock.GetUtcNow();
        subscription.PreviousSecret = subscription.Secret;
        subscription.PreviousSecretExpiresAt = now + overlap;
        subscription.Secret = NewSecret();
        subscription.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedSecret(subscription.Secret, subscription.PreviousSecretExpiresAt.Value));
    }

    public static async Task<Results<Ok<List<DeliveryLogEntry>>, ProblemHttpResult>> GetDeliveryLog(
        Guid subscriptionId, int? limit, ClaimsPrincipal user, InsightHubDb db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, subscriptionId, cancellationToken) is null)
        {
            return NotFound(subscriptionId);
        }

        var take = Math.Clamp(limit ?? 100, 1, 500);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Take(take).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return TypedResults.Ok(deliveries.Select(d => new DeliveryLogEntry(
            d.Id, d.MessageId, d.Kind.ToString().ToLowerInvariant(), d.Channel.ToString().ToLowerInvariant(), d.Status.ToString().ToLowerInvariant(),
            d.Attempts, d.CreatedAt, d.NextAttemptAt, d.CompletedAt, d.LastOutcome, [.. attempts[d.Id].Select(AttemptLogEntry.Of)])).ToList());
    }

    public static async Task<Results<Accepted<DeliveryAccepted>, ProblemHttpResult>> Redeliver(
        Guid subscriptionId, Guid deliveryId, ClaimsPrincipal user, InsightHubDb db, DeliverySignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        var delivery = subscription is null ? null : await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId, cancellationToken);
        if (subscription is null || delivery is null)
        {
            return NotFound(subscriptionId);
        }

        if (!subscription.IsActive)
        {
            return Conflict("The subscription is disabled: enable it first.");
        }

        if (delivery.Status == DeliveryStatus.Pending)
        {
            return Conflict("The delivery is still being tried on its schedule.");
        }

        delivery.Status = DeliveryStatus.Pending;
        delivery.Manual = true;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.CompletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/subscriptions/{subscriptionId:D}/deliveries", new DeliveryAccepted(delivery.Id, delivery.MessageId));
    }

    public static async Task<Results<Accepted<DeliveryAccepted>, ProblemHttpResult>> Ping(
        Guid subscriptionId, ClaimsPrincipal user, InsightHubDb db, DeliveryFactory factory, DeliverySignal signal, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, user, subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound(subscriptionId);
        }

        if (!subscription.IsActive)
        {
            return Conflict("The subscription is disabled: enable it first.");
        }

        var delivery = factory.Ping(subscription);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/subscriptions/{subscriptionId:D}/deliveries", new DeliveryAccepted(delivery.Id, delivery.MessageId));
    }

    public static ContentHttpResult UnsubscribePage(string? token) =>
        TypedResults.Content(
            $"""
            <!DOCTYPE html><html lang="en"><head><title>Unsubscribe</title></head><body style="font-family:Arial,sans-serif">
            <h1>Unsubscribe from these insight e-mails?</h1>
            <form method="post" action="/api/subscriptions/unsubscribe"><input type="hidden" name="token" value="{System.Net.WebUtility.HtmlEncode(token ?? "")}">
            <button type="submit">Unsubscribe</button></form></body></html>
            """,
            "text/html; charset=utf-8");

    public static async Task<Results<ContentHttpResult, ValidationProblem>> Unsubscribe(HttpRequest request, InsightHubDb db, UnsubscribeTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        if (token.Length == 0 && request.HasFormContentType)
        {
            token = (await request.ReadFormAsync(cancellationToken))["token"].ToString();
        }

        if (!tokens.TryRead(token, out var subscriptionId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["Not a valid unsubscribe token."] });
        }

        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is not null && subscription.Status != SubscriptionStatus.Unsubscribed)
        {
            var now = clock.GetUtcNow();
            subscription.Status = SubscriptionStatus.Unsubscribed;
            subscription.DisabledReason = "Unsubscribed through the link in an e-mail.";
            subscription.DisabledAt = now;
            subscription.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        // The same answer whether or not it still exists: the token proves nothing to anyone else.
        return TypedResults.Content("<!DOCTYPE html><html lang=\"en\"><body><h1>You are unsubscribed</h1><p>No more e-mails will be sent for this subscription.</p></body></html>", "text/html; charset=utf-8");
    }

    /// <summary>A new <c>whsec_</c> secret: 32 random bytes, base64, as the Standard Webhooks libraries expect.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<Subscription?> FindAsync(InsightHubDb db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is not null && (user.IsInRole(Roles.Admin) || subscription.OwnerSubject == Subject(user)) ? subscription : null;
    }

    private static string Subject(ClaimsPrincipal user) => user.FindFirstValue(ChampionClaims.Subject) ?? throw new InvalidOperationException("A token without a subject.");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscription", detail: $"You have no subscription {id:D}.");

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not now", detail: detail);
}
