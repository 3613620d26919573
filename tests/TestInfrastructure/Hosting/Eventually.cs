namespace ChampionNetwork.TestInfrastructure.Hosting;

/// <summary>Waits for an asynchronous effect (an event travelling the bus, a grain updating) to become visible.</summary>
public static class Eventually
{
    public static async Task<T> Returns<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting {because ?? "for the condition"}; last value: {last}");
            }

            await Task.Delay(200);
        }
    }
}
