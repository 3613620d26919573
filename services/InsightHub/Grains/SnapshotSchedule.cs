namespace ChampionNetwork.InsightHub.Grains;

/// <summary>Publication boundaries: multiples of the interval since the Unix epoch, in UTC.</summary>
public static class SnapshotSchedule
{
    /// <summary>The latest boundary at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset BoundaryAt(DateTimeOffset now, TimeSpan every)
    {
        var since = (now.ToUniversalTime() - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(since - (since % every.Ticks));
    }

    public static DateTimeOffset NextAfter(DateTimeOffset now, TimeSpan every) => BoundaryAt(now, every) + every;

    /// <summary>A close is published at its second: nothing finer leaves the feeds.</summary>
    public static DateTimeOffset ToSecond(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
}
