using System.Diagnostics;
using ChampionNetwork.Surveys.Data;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Releases the sealed intake at every multiple of <see cref="AnonymityOptions.ReleaseEvery"/> since the Unix epoch,
/// on the service's <see cref="TimeProvider"/>. Each release runs under a root activity of its own, so no request's
/// trace reaches the outbox or the bus. With several instances, the one that takes the release lock releases.
/// </summary>
public sealed partial class ResponseReleaseService(
    IServiceScopeFactory scopes,
    ResponseRelease release,
    IOptions<AnonymityOptions> options,
    TimeProvider clock,
    ILogger<ResponseReleaseService> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new("ChampionNetwork");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.ReleaseEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(UntilNextBoundary(clock.GetUtcNow(), period), clock, stoppingToken);
                await ReleaseAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The rows stay sealed in the intake and go out with the next release.
                LogReleaseFailed(ex);
            }
        }
    }

    internal static TimeSpan UntilNextBoundary(DateTimeOffset now, TimeSpan period)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return TimeSpan.FromTicks(period.Ticks - (sinceEpoch % period.Ticks));
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        try
        {
            using var activity = Source.StartActivity("intake release", ActivityKind.Internal, parentContext: default);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveysDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ResponseRelease.TryLockAsync(db, cancellationToken))
            {
                return;
            }

            var released = await release.ReleaseAsync(db, campaignId: null, cancellationToken, LogUnopenable);
            await transaction.CommitAsync(cancellationToken);
            activity?.SetTag("championnetwork.responses_released", released);
            if (released > 0)
            {
                LogReleased(released);
            }
        }
        finally
        {
            Activity.Current = caller;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} sealed response(s)")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} sealed response(s) do not open under the configured Anonymity:LedgerSecret and stay in the intake; was the secret changed?")]
    private partial void LogUnopenable(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the sealed intake failed; the next release takes it")]
    private partial void LogReleaseFailed(Exception exception);
}
