using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.CaseStudies;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using ChampionNetwork.TestInfrastructure.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// Two instances of the service on one database and one fake clock: a scheduled edition is not published a minute
/// early, is published once its time comes, by exactly one of them, with exactly one event; and a schedule survives
/// a restart.
/// </summary>
public sealed class ScheduledPublishingTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestIdentity _identity = new();
    private EventRecorder _events = null!;
    private CaseStudiesHost _first = null!;
    private CaseStudiesHost _second = null!;

    public async Task InitializeAsync()
    {
        _events = await new EventRecorder(servers.RabbitMqUri).Record<CaseStudyPublished>().StartAsync();
        _first = await CaseStudiesHost.StartAsync(servers, _clock, _identity);
        _second = await CaseStudiesHost.StartAsync(servers, _clock, _identity);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _events.DisposeAsync();
    }

    [Fact]
    public async Task A_scheduled_edition_is_published_at_its_time_exactly_once_with_two_instances_running()
    {
        const int Count = 12;
        // Whole seconds: PostgreSQL keeps microseconds, not .NET's ticks.
        var publishAt = _clock.GetUtcNow().AddHours(2);
        publishAt = publishAt.AddTicks(-(publishAt.Ticks % TimeSpan.TicksPerSecond));
        var ids = new List<Guid>();
        for (var i = 0; i < Count; i++)
        {
            // Alternate the instances, so that each has scheduled some and been told to look again.
            var host = i % 2 == 0 ? _first : _second;
            var (id, _) = await host.CreateAsync();
            await CaseStudiesHost.MustAsync(host.Author(), id, 1, "submit");
            await CaseStudiesHost.MustAsync(host.Reviewer(), id, 1, "approve");
            await CaseStudiesHost.MustAsync(host.Reviewer(), id, 1, "schedule", new { publishAt });
            ids.Add(id);
        }

        var these = $"case_study_id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})";
        _clock.SetUtcNow(publishAt - TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(Count, await _first.ScalarAsync($"SELECT count(*) FROM editions WHERE state = 'Scheduled' AND {these}"));

        _clock.SetUtcNow(publishAt);
        await Eventually.Returns(
            () => _first.ScalarAsync($"SELECT count(*) FROM editions WHERE state = 'Published' AND {these}"),
            n => n == Count,
            TimeSpan.FromSeconds(30),
            because: "for every scheduled edition to be published");

        Assert.Equal(Count, await _first.ScalarAsync($"SELECT count(*) FROM transitions WHERE command = 'publish' AND actor = 'casestudies-api' AND {these}"));
        await _events.WaitForAsync<CaseStudyPublished>(e => e.Count(p => ids.Contains(p.CaseStudyId)) >= Count);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var published = _events.Received<CaseStudyPublished>().Where(p => ids.Contains(p.CaseStudyId)).ToList();
        Assert.Equal(Count, published.Count);
        Assert.Equal(ids.Order(), published.Select(e => e.CaseStudyId).Order());
        Assert.All(published, e => Assert.Equal(publishAt, e.OccurredAt));
        foreach (var id in ids)
        {
            var edition = (await _first.GetAsync(id))["editions"]![0]!;
            Assert.Equal(publishAt, edition["publishedAt"]!.GetValue<DateTimeOffset>());
        }
    }

    [Fact]
    public async Task A_schedule_survives_a_restart_of_the_service()
    {
        var (id, _) = await _first.CreateAsync();
        await CaseStudiesHost.MustAsync(_first.Author(), id, 1, "submit");
        await CaseStudiesHost.MustAsync(_first.Reviewer(), id, 1, "approve");
        await CaseStudiesHost.MustAsync(_first.Reviewer(), id, 1, "schedule", new { publishAt = _clock.GetUtcNow().AddDays(1) });

        // Both running instances stop; a fresh one, started after the time has passed, publishes it.
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        _first = await CaseStudiesHost.StartAsync(servers, _clock, _identity);
        _second = await CaseStudiesHost.StartAsync(servers, _clock, _identity);
        await Eventually.Returns(() => _first.StateAsync(id, 1), s => s == "Published", TimeSpan.FromSeconds(30), because: "for the schedule to be kept after the restart");
        var page = await _first.Anonymous().GetFromJsonAsync<JsonNode>(new Uri($"/api/public/case-studies/{(await _first.GetAsync(id))["slug"]}", UriKind.Relative));
        Assert.Equal(1, page!["edition"]!.GetValue<int>());
    }
}
