using Npgsql;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// Changes one practice in goodpracticedb at a steady interval, as another replica or an editor would: each change
/// notifies every goodpractice-api replica, which retires the search answers it kept.
/// </summary>
internal sealed class PracticeChanges : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<long> _changing;

    private PracticeChanges(string database, TimeSpan every, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _changing = ChangeAsync(database, every, _stop.Token);
    }

    public static PracticeChanges Start(string database, TimeSpan every, CancellationToken cancellationToken) => new(database, every, cancellationToken);

    /// <summary>Stops changing; returns how many changes were committed.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        return await _changing;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_changing.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private static async Task<long> ChangeAsync(string database, TimeSpan every, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE practices SET endorsement_count = endorsement_count WHERE id = (SELECT id FROM practices ORDER BY id LIMIT 1)", connection);
        await command.PrepareAsync(cancellationToken);
        using var timer = new PeriodicTimer(every);
        long changes = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                changes++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return changes;
    }
}
