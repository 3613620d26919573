using System.Collections;
using MassTransit;
using MassTransit.Context;
using MassTransit.Transports;

namespace ChampionNetwork.Messaging.Bus;

/// <summary>
/// Moves a message that failed every retry to its <c>_error</c> queue with its body and its own headers, and with
/// nothing more than the event says: MassTransit's default adds the exception's message and stack trace (which can
/// echo what the consumer was handling) and the fault's exact time. This keeps only what an operator needs to
/// route the failure (that it is a fault, the exception type, the consumer and message types, the retry count) and
/// takes off the headers about the host that moved it. The exception itself goes to the log, where MassTransit
/// writes it as a structured fault entry.
/// </summary>
public sealed class ErrorQueueTransportFilter : IFilter<ExceptionReceiveContext>
{
    /// <summary>Exception headers that may go to the error queue; MassTransit's others (message, stack trace, timestamp) may not.</summary>
    private static readonly HashSet<string> KeptExceptionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        MessageHeaders.Reason,
        MessageHeaders.FaultExceptionType,
        MessageHeaders.FaultInputAddress,
        MessageHeaders.FaultConsumerType,
        MessageHeaders.FaultMessageType,
        MessageHeaders.FaultRetryCount,
    };

    /// <summary>Taken off even when an earlier fault left them on the message.</summary>
    private static readonly string[] DroppedExceptionHeaders = [MessageHeaders.FaultMessage, MessageHeaders.FaultStackTrace, MessageHeaders.FaultTimestamp];

    /// <summary>What the move transport writes about the host that moved the message.</summary>
    private static readonly string[] HostHeaders =
    [
        MessageHeaders.Host.Info,
        MessageHeaders.Host.MachineName,
        MessageHeaders.Host.ProcessName,
        MessageHeaders.Host.ProcessId,
        MessageHeaders.Host.Assembly,
        MessageHeaders.Host.AssemblyVersion,
        MessageHeaders.Host.MassTransitVersion,
        MessageHeaders.Host.FrameworkVersion,
        MessageHeaders.Host.OperatingSystemVersion,
    ];

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!context.TryGetPayload(out IErrorTransport? transport))
        {
            throw new TransportException(context.InputAddress, $"The {nameof(IErrorTransport)} was not available on the {nameof(ReceiveContext)}.");
        }

        await transport.Send(new ErrorQueueContext(context, ErrorQueueHeaders(context.ExceptionHeaders)));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("moveFaultWithoutException");

    private static RemovingHeaders ErrorQueueHeaders(Headers exceptionHeaders)
    {
        var headers = new RemovingHeaders();
        foreach (var header in exceptionHeaders.GetAll())
        {
            headers.Set(header.Key, KeptExceptionHeaders.Contains(header.Key) ? header.Value : null);
        }

        foreach (var key in HostHeaders.Concat(DroppedExceptionHeaders))
        {
            headers.Set(key, null);
        }

        return headers;
    }

    private sealed class ErrorQueueContext(ExceptionReceiveContext context, SendHeaders headers) : ReceiveContextProxy(context), ExceptionReceiveContext
    {
        public Exception Exception => context.Exception;

        public DateTime ExceptionTimestamp => DateTime.SpecifyKind(context.ExceptionTimestamp.Date, DateTimeKind.Utc);

        public ExceptionInfo ExceptionInfo => context.ExceptionInfo;

        public SendHeaders ExceptionHeaders => headers;
    }

    /// <summary>
    /// Headers to apply to the moved message, where a null value means "remove": RabbitMQ's move transport copies
    /// these onto the message's own headers after writing its host headers, and removes a header set to null.
    /// </summary>
    private sealed class RemovingHeaders : SendHeaders
    {
        private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);

        public void Set(string key, string? value) => _values[key] = value;

        public void Set(string key, object? value, bool overwrite = true)
        {
            if (overwrite || !_values.ContainsKey(key))
            {
                _values[key] = value;
            }
        }

        public IEnumerable<KeyValuePair<string, object>> GetAll() => _values.Select(pair => new KeyValuePair<string, object>(pair.Key, pair.Value!));

        public bool TryGetHeader(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value) =>
            _values.TryGetValue(key, out value) && value is not null;

        public T? Get<T>(string key, T? defaultValue = default) where T : class =>
            _values.TryGetValue(key, out var value) && value is T typed ? typed : defaultValue;

        public T? Get<T>(string key, T? defaultValue = default) where T : struct =>
            _values.TryGetValue(key, out var value) && value is T typed ? typed : defaultValue;

        public IEnumerator<HeaderValue> GetEnumerator() => _values.Select(pair => new HeaderValue(pair.Key, pair.Value!)).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
