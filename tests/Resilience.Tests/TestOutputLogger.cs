using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ChampionNetwork.Resilience.Tests;

/// <summary>Structured log lines into the test's output, with the time since the test began.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, TimeProvider clock) : ILogger
{
    private readonly long _started = clock.GetTimestamp();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"[{clock.GetElapsedTime(_started).TotalSeconds,6:0.0} s] {logLevel}: {formatter(state, exception)}";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
