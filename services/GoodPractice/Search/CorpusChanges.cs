using Npgsql;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Counts the changes to the practices, so that an answer kept for a search (<see cref="SearchAnswers"/>) is never
/// reused after one. Every commit that writes practices notifies <see cref="Channel"/> (a statement trigger), and
/// PostgreSQL tells each replica listening; this replica's own writes count at once (<see cref="Changed"/>), before
/// their responses leave. While the listening connection is down a notice could be missed, so <see cref="Generation"/>
/// is null and nothing is reused; on reconnecting the count moves on, for whatever changed meanwhile.
/// </summary>
public sealed partial class CorpusChanges(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<CorpusChanges> logger) : BackgroundService
{
    public const string Channel = "practices_changed";

    /// <summary>How long the connection may be quiet before it is asked whether it is still there.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(15);

    private long _generation;
    private volatile bool _listening;

    /// <summary>The count of changes seen, or null while changes could go unseen.</summary>
    public long? Generation => _listening ? Interlocked.Read(ref _generation) : null;

    /// <summary>This replica changed the practices (committed).</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogListeningLost(ex);
            }
            finally
            {
                _listening = false;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, _) => Changed();
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        Changed();
        _listening = true;
        LogListening(Channel);
        while (true)
        {
            if (!await connection.WaitAsync(Quiet, cancellationToken))
            {
                // A connection that died quietly would otherwise wait for ever, and answers would outlive changes.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for changes to the practices on {Channel}")]
    private partial void LogListening(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that hears of changes to the practices; search answers are not reused until it is back")]
    private partial void LogListeningLost(Exception exception);
}
