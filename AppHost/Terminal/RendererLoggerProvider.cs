using Microsoft.Extensions.Logging;

namespace ChampionNetwork.AppHost.Terminal;

/// <summary>The AppHost's own structured logs, written through the renderer with the prefix "apphost".</summary>
internal sealed class RendererLoggerProvider(ConsoleRenderer renderer, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RendererLogger(renderer, minimum);

    public void Dispose()
    {
    }

    private sealed class RendererLogger(ConsoleRenderer renderer, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Warning => "warn: ",
                LogLevel.Error or LogLevel.Critical => "fail: ",
                _ => string.Empty,
            };
            renderer.Line("apphost", level + formatter(state, exception) + (exception is null ? string.Empty : $" ({exception.Message})"));
        }
    }
}
