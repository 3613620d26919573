using System.Text.Json;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.Messaging.Tests.Privacy;

/// <summary>
/// A broker administrator reads the <c>_error</c> queue. A consumer that fails on every attempt, with an exception
/// quoting the answer it was handling, leaves there the event as it was published and nothing more: no exception
/// text, no stack trace, no time finer than the day, and no Fault event carrying the message.
/// </summary>
public sealed class ErrorQueueTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Answer = "Dr Morag Ferguson on ward 7 shouts at me every Tuesday";
    private const string ErrorQueueName = "answer-quoting_error";
    private IHost _host = null!;
    private EventRecorder _faults = null!;

    public async Task InitializeAsync()
    {
        _faults = await new EventRecorder(servers.RabbitMqUri).Record<Fault<InsightSubmitted>>().StartAsync();
        _host = await FailingConsumerHost.StartAsync(servers.RabbitMqUri);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _faults.DisposeAsync();
    }

    [Fact]
    public async Task A_message_that_always_fails_reaches_the_error_queue_as_the_event_and_nothing_more()
    {
        var before = DateTimeOffset.UtcNow;
        var insight = new InsightSubmitted(
            Guid.NewGuid(),
            new DateTimeOffset(before.UtcDateTime.Date, TimeSpan.Zero),
            Guid.NewGuid(),
            Guid.NewGuid(),
            1,
            "S37000008",
            [new InsightAnswer("comments", "wellbeing", ["O1"], null, Answer, ["workload"])]);

        await _host.Services.GetRequiredService<IBus>().Publish(insight, context => context.MessageId = insight.EventId);

        var message = await ErrorQueue.NextAsync(servers.RabbitMqUri, ErrorQueueName);
        var attempts = _host.Services.GetRequiredService<Attempts>();
        Assert.Equal(4, attempts.Count); // the first try and the three default retries (50, 200, 1000 ms), as before

        var exceptionText = message.Headers.Where(h => h.Value.Contains("shouts", StringComparison.Ordinal) || h.Value.Contains("Ferguson", StringComparison.Ordinal)).ToList();
        Assert.True(exceptionText.Count == 0, "The error queue's headers repeat the exception's text: " + string.Join("; ", exceptionText));

        var stackTraces = message.Headers.Where(h => h.Value.Contains(" at ", StringComparison.Ordinal) && h.Value.Contains(nameof(AnswerQuotingConsumer), StringComparison.Ordinal)).ToList();
        Assert.True(stackTraces.Count == 0, "The error queue's headers carry a stack trace: " + string.Join("; ", stackTraces.Select(h => h.Where)));

        var exceptionHeaders = message.Headers.Select(h => h.Where).Where(w => w.EndsWith("MT-Fault-Message", StringComparison.Ordinal) || w.EndsWith("MT-Fault-StackTrace", StringComparison.Ordinal) || w.EndsWith("MT-Fault-Timestamp", StringComparison.Ordinal)).ToList();
        Assert.Empty(exceptionHeaders);

        var times = message.TimesFinerThanTheDay(before);
        Assert.True(times.Count == 0, "The error queue's message dates the failure finer than the day: " + string.Join("; ", times));

        var hostHeaders = message.Headers.Select(h => h.Where).Where(w => w.StartsWith("headers.MT-Host-", StringComparison.Ordinal)).ToList();
        Assert.True(hostHeaders.Count == 0, "The error queue's message names the host that moved it: " + string.Join(", ", hostHeaders));

        // The body is the event, field for field.
        using var body = JsonDocument.Parse(message.Body);
        var carried = body.RootElement.GetProperty("message").Deserialize<InsightSubmitted>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(insight with { Answers = [] }, carried with { Answers = [] });
        var answer = Assert.Single(carried.Answers);
        Assert.Equal(("comments", "wellbeing", Answer), (answer.ItemId, answer.Pillar, answer.Text));
        Assert.Equal(["O1"], answer.OutcomeCodes);
        Assert.Equal(["workload"], answer.Themes!);

        // No Fault<InsightSubmitted>, which would carry the message and the exception's text to any subscriber.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(_faults.Received<Fault<InsightSubmitted>>());
    }
}

public sealed class Attempts
{
    private int _count;

    public int Count => _count;

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Fails every time, as a consumer hitting a bug would, with an exception that quotes the answer.</summary>
public sealed class AnswerQuotingConsumer(Attempts attempts) : IConsumer<InsightSubmitted>
{
    public Task Consume(ConsumeContext<InsightSubmitted> context)
    {
        attempts.Add();
        throw new InvalidOperationException($"Could not tally the answer \"{context.Message.Answers[0].Text}\"");
    }
}
