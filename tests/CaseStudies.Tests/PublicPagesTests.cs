using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>Public pages: stable slugs, sanitised HTML, the withdrawal banner, earlier change notes, redirects, bad input.</summary>
public sealed class PublicPagesTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private CaseStudiesHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseStudiesHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Guid Id, string Slug)> PublishedAsync(string title, string body = "## What we did\n\nPeers help.")
    {
        var (id, slug) = await _host.CreateAsync(CaseStudiesHost.Content(title, c => c["body"] = body));
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "submit");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "approve");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "publish");
        return (id, slug);
    }

    [Fact]
    public async Task A_page_keeps_its_slug_across_editions_and_lists_the_major_change_notes_but_not_the_minor_ones()
    {
        var (id, slug) = await PublishedAsync("Lifelines: helping responders stay well");
        Assert.Equal("lifelines-helping-responders-stay-well", slug);
        foreach (var (edition, kind, note) in new[] { (2, "Major", "Added the 2023 visitor figures."), (3, "Minor", "Fixed a typo.") })
        {
            await CaseStudiesHost.MustAsync(_host.Author(), id, edition - 1, "redraft");
            var edit = await _host.Author().PutAsJsonAsync(new Uri($"/api/case-studies/{id}/editions/{edition}", UriKind.Relative),
                CaseStudiesHost.Content($"Retitled {edition}", c => { c["changeNoteKind"] = kind; c["changeNote"] = note; }));
            Assert.Equal(200, (int)edit.StatusCode);
            await CaseStudiesHost.MustAsync(_host.Author(), id, edition, "submit");
            await CaseStudiesHost.MustAsync(_host.Reviewer(), id, edition, "approve");
            await CaseStudiesHost.MustAsync(_host.Reviewer(), id, edition, "publish");
        }

        var page = await _host.Anonymous().GetAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Retitled 3</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Edition 2:</span> Added the 2023 visitor figures.", html, StringComparison.Ordinal);
        Assert.Contains("Edition 1:</span> First published.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Fixed a typo.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var json = (await _host.Anonymous().GetFromJsonAsync<JsonNode>(new Uri($"/api/public/case-studies/{slug}", UriKind.Relative)))!;
        Assert.Equal(3, json["edition"]!.GetValue<int>());
        Assert.Equal([2, 1], json["changeNotes"]!.AsArray().Select(n => n!["edition"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Markdown_is_sanitised_before_it_is_stored_and_served()
    {
        var (_, slug) = await PublishedAsync($"Sanitised {Guid.NewGuid():N}",
            "Hello <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>");
        var html = await _host.Anonymous().GetStringAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML in the Markdown is shown as text, never as an element.
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(3)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_page_shows_its_banner_and_an_unpublished_slug_redirects()
    {
        var (id, slug) = await PublishedAsync($"To withdraw {Guid.NewGuid():N}");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "withdraw", new { explanation = "The figures are out of date." });
        var html = await _host.Anonymous().GetStringAsync(new Uri($"/case-studies/{slug}", UriKind.Relative));
        Assert.Contains("withdrawn-banner", html, StringComparison.Ordinal);
        Assert.Contains("The figures are out of date.", html, StringComparison.Ordinal);

        await CaseStudiesHost.MustAsync(_host.Admin(), id, 1, "unpublish", new { redirectTo = "/case-studies/somewhere-else" });
        var handler = _host.Service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { $"/case-studies/{slug}", $"/api/public/case-studies/{slug}" })
        {
            var response = await handler.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/case-studies/somewhere-else", response.Headers.Location!.OriginalString);
        }

        var index = await _host.Anonymous().GetStringAsync(new Uri("/case-studies", UriKind.Relative));
        Assert.DoesNotContain(slug, index, StringComparison.Ordinal);
        Assert.Equal(404, (int)(await handler.GetAsync(new Uri("/case-studies/no-such-slug", UriKind.Relative))).StatusCode);
    }

    public static TheoryData<string, string, string> BadContent() => new()
    {
        { "title", "\"title\": \"\"", "title" },
        { "pillars", "\"pillars\": [\"Wellness\"]", "pillars[0]" },
        { "outcome", "\"outcomeCodes\": [\"NURTURE-S99\"]", "outcomeCodes[0]" },
        { "quoted key", "\"quotedPeople\": [{\"key\": \"Bad Key!\", \"shownAs\": \"A\", \"role\": \"B\"}]", "quotedPeople[0].key" },
        { "change note kind", "\"changeNoteKind\": \"Huge\"", "changeNoteKind" },
        { "wrong type", "\"namesChanged\": \"yes\"", "namesChanged" },
        { "organisation", "\"organisationCode\": \"S99999999\"", "organisationCode" },
    };

    [Theory]
    [MemberData(nameof(BadContent))]
    public async Task Bad_content_is_a_400_naming_the_field(string what, string field, string expected)
    {
        _ = what;
        var json = $$"""{ "title": "T", "summary": "S", "body": "B", "pillars": ["Nurture"], {{field}} }""";
        var response = await _host.Author().PostAsync(new Uri("/api/case-studies", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await CaseStudiesHost.ReadJsonAsync(response))["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key.Equals(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Bad_commands_and_arguments_are_4xx_problems_never_500()
    {
        var (id, _) = await _host.CreateAsync();
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "submit");
        var unknown = await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "obliterate");
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.NotNull((await CaseStudiesHost.ReadJsonAsync(unknown))["errors"]!["command"]);

        var noNote = await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "reject", new { });
        Assert.Equal(400, (int)noNote.StatusCode);
        Assert.NotNull((await CaseStudiesHost.ReadJsonAsync(noNote))["errors"]!["note"]);

        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "approve");
        var past = await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 1, "schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(400, (int)past.StatusCode);
        Assert.NotNull((await CaseStudiesHost.ReadJsonAsync(past))["errors"]!["publishAt"]);

        var malformed = await _host.Reviewer().PostAsync(new Uri($"/api/case-studies/{id}/editions/1/schedule", UriKind.Relative),
            new StringContent("{\"publishAt\": \"tomorrow\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)malformed.StatusCode);

        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 1, "publish");
        var offsite = await CaseStudiesHost.CommandAsync(_host.Admin(), id, 1, "unpublish", new { redirectTo = "//evil.example/" });
        Assert.Equal(400, (int)offsite.StatusCode);
        Assert.NotNull((await CaseStudiesHost.ReadJsonAsync(offsite))["errors"]!["redirectTo"]);

        Assert.Equal(404, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer(), Guid.NewGuid(), 1, "approve")).StatusCode);
        Assert.Equal(404, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer(), id, 7, "approve")).StatusCode);
        var badConsent = await _host.Author().PutAsJsonAsync(new Uri($"/api/case-studies/{id}/consents/Not%20A%20Key", UriKind.Relative), new { uses = new[] { "tv" } });
        Assert.Equal(400, (int)badConsent.StatusCode);
        var consentErrors = (await CaseStudiesHost.ReadJsonAsync(badConsent))["errors"]!.AsObject();
        Assert.Contains("personKey", consentErrors.Select(e => e.Key));
        Assert.Contains("givenBy", consentErrors.Select(e => e.Key));
        Assert.Contains("uses[0]", consentErrors.Select(e => e.Key));
    }
}
