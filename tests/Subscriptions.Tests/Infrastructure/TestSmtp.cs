using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ChampionNetwork.Subscriptions.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library, MIT) on a free loopback port, started by the test: InsightHub's MailKit
/// client talks SMTP to it as it would to a relay, and the test reads the messages it received, parsed by MimeKit.
/// </summary>
public sealed class TestSmtp : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    private TestSmtp(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("test-relay").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. _store.Messages];

    /// <summary>InsightHub's settings for this relay.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["InsightHub:Subscriptions:Smtp:Host"] = "127.0.0.1",
        ["InsightHub:Subscriptions:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["InsightHub:Subscriptions:Smtp:Security"] = "None",
    };

    public static TestSmtp Start()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new TestSmtp(port);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
