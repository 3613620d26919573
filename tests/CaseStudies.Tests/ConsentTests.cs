using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>Consent of the people a case study quotes, at submission and after publication.</summary>
public sealed class ConsentTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private CaseStudiesHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseStudiesHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Quoting(params string[] people) => CaseStudiesHost.Content($"Quoted {Guid.NewGuid():N}", c =>
    {
        c["namesChanged"] = true;
        c["body"] = "\"This service quite literally changed my life,\" said *Lucy*.";
        c["quotedPeople"] = new JsonArray([.. people.Select(p => (JsonNode)new JsonObject { ["key"] = p, ["shownAs"] = "Lucy", ["role"] = "Service user", ["nameChanged"] = true })]);
    });

    [Fact]
    public async Task A_case_study_cannot_be_submitted_while_a_quoted_person_lacks_consent_to_publication()
    {
        var (id, _) = await _host.CreateAsync(Quoting("service-user-1", "worker-1"));
        await _host.GiveConsentAsync(id, "service-user-1");
        // Consent for training only does not cover publication.
        await _host.GiveConsentAsync(id, "worker-1", "training");

        var refused = await CaseStudiesHost.CommandAsync(_host.Author(), id, 1, "submit");
        Assert.Equal(409, (int)refused.StatusCode);
        var problem = await CaseStudiesHost.ReadJsonAsync(refused);
        Assert.Equal("https://championnetwork.scot/problems/consent-required", problem["type"]!.GetValue<string>());
        Assert.Equal(["worker-1"], problem["peopleLackingConsent"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("Draft", await _host.StateAsync(id, 1));
        // Force-publishing does not get round it either.
        Assert.Equal(409, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "force-publish", new { reason = "Urgent" })).StatusCode);

        await _host.GiveConsentAsync(id, "worker-1", "publication", "training");
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "submit");
        var consents = (await _host.Reviewer().GetFromJsonAsync<JsonArray>(new Uri($"/api/case-studies/{id}/consents", UriKind.Relative)))!;
        Assert.Equal(3, consents.Count);
        Assert.All(consents, c => Assert.Equal("The person quoted", c!["givenBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Consent_withdrawn_after_publication_withdraws_the_page_hides_the_words_and_blocks_unwithdrawing()
    {
        var (id, slug) = await _host.CreateAsync(Quoting("service-user-1"));
        await _host.GiveConsentAsync(id, "service-user-1");
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "submit");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "approve");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "publish");
        var before = await _host.Anonymous().GetStringAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.Contains("changed my life", before, StringComparison.Ordinal);
        Assert.Contains("Some names have been changed to protect privacy.", before, StringComparison.Ordinal);

        var withdrawn = await _host.Author().PostAsJsonAsync(new Uri($"/api/case-studies/{id}/consents/service-user-1/withdrawal", UriKind.Relative),
            new { withdrawnBy = "The person quoted", note = "Phoned the team" });
        Assert.Equal(200, (int)withdrawn.StatusCode);
        Assert.Equal("Withdrawn", await _host.StateAsync(id, 1));

        var page = await _host.Anonymous().GetStringAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.Contains("withdrawn-banner", page, StringComparison.Ordinal);
        Assert.DoesNotContain("changed my life", page, StringComparison.Ordinal);
        var json = (await _host.Anonymous().GetFromJsonAsync<JsonNode>(new Uri($"/api/public/case-studies/{slug}", UriKind.Relative)))!;
        Assert.True(json["bodyHidden"]!.GetValue<bool>());
        Assert.Null(json["bodyHtml"]);
        var feed = await _host.Anonymous().GetStringAsync(new Uri("/api/feeds/case-studies.atom", UriKind.Relative));
        Assert.DoesNotContain("changed my life", feed, StringComparison.Ordinal);

        var unwithdraw = await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "unwithdraw");
        Assert.Equal(409, (int)unwithdraw.StatusCode);
        Assert.Equal("https://championnetwork.scot/problems/consent-required", (await CaseStudiesHost.ReadJsonAsync(unwithdraw))["type"]!.GetValue<string>());

        // A new edition that still quotes the person cannot be submitted; one without their words publishes again, and
        // supersedes the withdrawn one.
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "redraft");
        var refused = await CaseStudiesHost.CommandAsync(_host.Author(), id, 2, "submit");
        Assert.Equal(409, (int)refused.StatusCode);
        Assert.Equal(["service-user-1"], (await CaseStudiesHost.ReadJsonAsync(refused))["peopleLackingConsent"]!.AsArray().Select(p => p!.GetValue<string>()));
        var edit = await _host.Author().PutAsJsonAsync(new Uri($"/api/case-studies/{id}/editions/2", UriKind.Relative),
            CaseStudiesHost.Content("Without the quote", c => { c["changeNoteKind"] = "Major"; c["changeNote"] = "Removed a quote at the person's request."; }));
        Assert.Equal(200, (int)edit.StatusCode);
        await CaseStudiesHost.MustAsync(_host.Author(), id, 2, "submit");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 2, "approve");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 2, "publish");
        Assert.Equal("Superseded", await _host.StateAsync(id, 1));
        var republished = await _host.Anonymous().GetStringAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.DoesNotContain("withdrawn-banner", republished, StringComparison.Ordinal);
        Assert.Contains("Removed a quote at the person&#x27;s request.", republished, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_withdrawn_before_a_scheduled_time_unschedules_the_edition()
    {
        var (id, _) = await _host.CreateAsync(Quoting("service-user-1"));
        await _host.GiveConsentAsync(id, "service-user-1");
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "submit");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "approve");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(3) });
        Assert.Equal(200, (int)(await _host.Author().PostAsJsonAsync(new Uri($"/api/case-studies/{id}/consents/service-user-1/withdrawal", UriKind.Relative), new { })).StatusCode);
        Assert.Equal("Approved", await _host.StateAsync(id, 1));
        Assert.Equal(409, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "publish")).StatusCode);
    }
}
