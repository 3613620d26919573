using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// Every command from every state, by every kind of caller, over HTTP on the real database. The expectations are this
/// file's own copy of the workflow (not the service's table), so a change to either shows here: legal commands succeed
/// and reach the state written below, commands the state forbids get 409 naming the state and the allowed commands,
/// commands the caller may not give get 403, and the service's published table must equal this copy.
/// </summary>
public sealed class WorkflowMatrixTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    /// <summary>The states a test can bring an edition to; "Published (force)" is a force-published edition not yet approved.</summary>
    public static readonly string[] Situations =
        ["Draft", "Submitted", "Rejected", "Approved", "Scheduled", "Published", "Published (force)", "Superseded", "Withdrawn", "Unpublished"];

    public static readonly string[] Commands =
        ["submit", "reject", "approve", "schedule", "unschedule", "publish", "force-publish", "withdraw", "unwithdraw", "unpublish", "delete", "redraft"];

    public static readonly string[] Callers = ["author", "colleague", "foreign-editor", "reviewer", "admin", "champion", "policy-analyst", "anonymous"];

    // Who may do what from where, and where it leads: E = the organisation's org-editors, R = reviewers, A = admins.
    private static readonly Dictionary<(string Command, string From), (string Who, string? To)> Legal = new()
    {
        [("submit", "Draft")] = ("EA", "Submitted"),
        [("submit", "Rejected")] = ("EA", "Submitted"),
        [("reject", "Submitted")] = ("RA", "Rejected"),
        [("approve", "Submitted")] = ("RA", "Approved"),
        [("approve", "Published (force)")] = ("RA", "Published"),
        [("schedule", "Approved")] = ("RA", "Scheduled"),
        [("unschedule", "Scheduled")] = ("RA", "Approved"),
        [("publish", "Approved")] = ("RA", "Published"),
        [("force-publish", "Draft")] = ("RA", "Published"),
        [("force-publish", "Submitted")] = ("RA", "Published"),
        [("withdraw", "Published")] = ("ERA", "Withdrawn"),
        [("withdraw", "Published (force)")] = ("ERA", "Withdrawn"),
        [("unwithdraw", "Withdrawn")] = ("RA", "Published"),
        [("unpublish", "Published")] = ("A", "Unpublished"),
        [("unpublish", "Published (force)")] = ("A", "Unpublished"),
        [("unpublish", "Withdrawn")] = ("A", "Unpublished"),
        [("delete", "Draft")] = ("EA", null),
        [("delete", "Submitted")] = ("EA", null),
        [("delete", "Rejected")] = ("EA", null),
        [("delete", "Approved")] = ("EA", null),
        [("redraft", "Published")] = ("EA", "Published"),
        [("redraft", "Published (force)")] = ("EA", "Published"),
        [("redraft", "Withdrawn")] = ("EA", "Withdrawn"),
    };

    private static readonly object Arguments = new
    {
        note = "Please add the referral figures.",
        reason = "Needed for the minister's visit today.",
        explanation = "The figures are being checked.",
        publishAt = DateTimeOffset.UtcNow.AddDays(30),
        redirectTo = "/case-studies",
    };

    private CaseStudiesHost _host = null!;

    public async Task InitializeAsync() => _host = await CaseStudiesHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_published_workflow_table_is_the_one_these_tests_expect()
    {
        var rules = (await _host.Anonymous().GetFromJsonAsync<JsonArray>(new Uri("/api/case-studies/workflow", UriKind.Relative)))!;
        var human = rules
            .Where(r => !r!["who"]!.AsArray().All(w => w!.GetValue<string>() == "Service"))
            .Select(r => (
                Command: r!["command"]!.GetValue<string>(),
                From: r["from"]!.GetValue<string>() + (r["condition"] is null ? "" : " (force)"),
                Who: string.Concat(r["who"]!.AsArray().Select(w => w!.GetValue<string>()).Where(w => w != "Service").Select(w => w[0]).OrderBy(c => "ERA".IndexOf(c, StringComparison.Ordinal)))))
            .ToList();
        // The table names withdraw, redraft and unpublish once from Published; force-published editions are Published too.
        var expected = Legal.Where(l => l.Key.From != "Published (force)" || l.Key.Command == "approve")
            .Select(l => (l.Key.Command, l.Key.From, l.Value.Who)).OrderBy(x => x.Command).ThenBy(x => x.From).ToList();
        Assert.Equal(expected, [.. human.OrderBy(x => x.Command).ThenBy(x => x.From)]);
    }

    public static TheoryData<string> AllSituations() => [.. Situations];

    [Theory]
    [MemberData(nameof(AllSituations))]
    public async Task Every_command_by_every_caller_from_this_state_gets_what_the_table_says(string situation)
    {
        // One edition in this state serves every refused command: a refusal changes nothing, which the end checks.
        var (shared, sharedEdition) = await BringToAsync(situation);
        var failures = new List<string>();
        foreach (var command in Commands)
        {
            foreach (var caller in Callers)
            {
                var (status, to) = Expect(command, situation, caller);
                var (id, edition) = status == 200 ? await BringToAsync(situation) : (shared, sharedEdition);
                var response = await CaseStudiesHost.CommandAsync(Client(caller), id, edition, command, Arguments);
                var body = response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<JsonNode>();
                if ((int)response.StatusCode != status)
                {
                    failures.Add($"{caller} {command} from {situation}: expected {status}, got {(int)response.StatusCode} {body?.ToJsonString()}");
                    continue;
                }

                if (status == 409)
                {
                    if (body?["currentState"]?.GetValue<string>() != StateOf(situation) || body["allowedTransitions"] is not JsonArray)
                    {
                        failures.Add($"{caller} {command} from {situation}: the 409 does not name the state and the allowed transitions: {body?.ToJsonString()}");
                    }
                }
                else if (status == 200)
                {
                    var reached = await _host.StateAsync(id, edition);
                    if (reached != to)
                    {
                        failures.Add($"{caller} {command} from {situation}: edition {edition} is {reached ?? "gone"}, expected {to ?? "gone"}");
                    }

                    if (command == "redraft" && await _host.StateAsync(id, edition + 1) != "Draft")
                    {
                        failures.Add($"{caller} redraft from {situation}: no draft of edition {edition + 1}");
                    }

                    if (situation == "Published (force)" && command == "approve"
                        && (await _host.GetAsync(id))["editions"]!.AsArray().Single(e => e!["number"]!.GetValue<int>() == edition)!["forcePublished"]!.GetValue<bool>())
                    {
                        failures.Add($"{caller} approve from {situation}: the force-publish flag is still raised");
                    }
                }
            }
        }

        Assert.Equal(StateOf(situation), await _host.StateAsync(shared, sharedEdition));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_admin_who_wrote_a_case_study_cannot_approve_it()
    {
        var admin = _host.Admin("admin-author");
        var (id, _) = await _host.CreateAsync(CaseStudiesHost.Content($"Admin's own {Guid.NewGuid():N}", c => c["organisationCode"] = CaseStudiesHost.Organisation), admin);
        await CaseStudiesHost.MustAsync(admin, id, 1, "submit");
        var response = await CaseStudiesHost.CommandAsync(admin, id, 1, "approve");
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("own", (await CaseStudiesHost.ReadJsonAsync(response))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Submitted", await _host.StateAsync(id, 1));
        await CaseStudiesHost.MustAsync(_host.Admin("admin-2"), id, 1, "approve");
    }

    [Fact]
    public async Task A_force_published_edition_stays_flagged_until_a_different_reviewer_approves_it()
    {
        var (id, _) = await _host.CreateAsync();
        await CaseStudiesHost.MustAsync(_host.Reviewer("reviewer-1"), id, 1, "force-publish", new { reason = "Needed today" });
        Assert.Equal(403, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer("reviewer-1"), id, 1, "approve")).StatusCode);
        var edition = (await _host.GetAsync(id))["editions"]![0]!;
        Assert.True(edition["forcePublished"]!.GetValue<bool>());
        Assert.Equal("Needed today", edition["forcePublishReason"]!.GetValue<string>());

        await CaseStudiesHost.MustAsync(_host.Reviewer("reviewer-2"), id, 1, "approve");
        edition = (await _host.GetAsync(id))["editions"]![0]!;
        Assert.False(edition["forcePublished"]!.GetValue<bool>());
        Assert.Equal("reviewer-2", edition["retrospectivelyApprovedBy"]!.GetValue<string>());
        // Once approved there is nothing left to approve.
        Assert.Equal(409, (int)(await CaseStudiesHost.CommandAsync(_host.Reviewer("reviewer-3"), id, 1, "approve")).StatusCode);
    }

    [Fact]
    public async Task Publishing_the_next_edition_supersedes_the_previous_one_and_the_history_says_who_when_and_why()
    {
        var (id, _) = await BringToAsync("Published");
        await CaseStudiesHost.MustAsync(_host.Author(), id, 1, "redraft");
        // The next edition needs a change note before it is submitted.
        var refused = await CaseStudiesHost.CommandAsync(_host.Author(), id, 2, "submit");
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.NotNull((await CaseStudiesHost.ReadJsonAsync(refused))["errors"]!["changeNoteKind"]);
        await EditAsync(id, 2, "Major", "Added this year's referral figures.");
        await CaseStudiesHost.MustAsync(_host.Author(), id, 2, "submit");
        await CaseStudiesHost.MustAsync(_host.Reviewer(), id, 2, "approve");
        await CaseStudiesHost.MustAsync(_host.Reviewer("reviewer-2"), id, 2, "publish");

        Assert.Equal("Superseded", await _host.StateAsync(id, 1));
        Assert.Equal("Published", await _host.StateAsync(id, 2));
        var history = (await _host.Admin().GetFromJsonAsync<JsonNode>(new Uri($"/api/case-studies/{id}/history", UriKind.Relative)))!["transitions"]!.AsArray();
        var lines = history.Select(t => $"{t!["edition"]} {t["command"]} {t["from"]}->{t["to"]} by {t["actor"]}").ToList();
        Assert.Contains("1 create ->Draft by editor-author", lines);
        Assert.Contains("1 submit Draft->Submitted by editor-author", lines);
        Assert.Contains("2 submit Draft->Submitted by editor-author", lines);
        Assert.Contains("1 supersede Published->Superseded by casestudies-api", lines);
        Assert.Contains("2 publish Approved->Published by reviewer-2", lines);
        Assert.All(history, t => Assert.NotNull(t!["at"]));
        Assert.Equal(1, await _host.ScalarAsync($"SELECT count(*) FROM editions WHERE case_study_id = '{id}' AND state IN ('Published', 'Withdrawn')"));
    }

    private static (int Status, string? To) Expect(string command, string situation, string caller)
    {
        if (caller == "anonymous")
        {
            return (401, null);
        }

        if (caller is "foreign-editor" or "champion" or "policy-analyst")
        {
            return (403, null);
        }

        if (!Legal.TryGetValue((command, situation), out var rule))
        {
            return (409, null);
        }

        var capacity = caller switch { "author" or "colleague" => 'E', "reviewer" => 'R', _ => 'A' };
        return rule.Who.Contains(capacity, StringComparison.Ordinal) ? (200, rule.To) : (403, null);
    }

    private static string StateOf(string situation) => situation == "Published (force)" ? "Published" : situation;

    private HttpClient Client(string caller) => caller switch
    {
        "author" => _host.Author(),
        "colleague" => _host.Colleague(),
        "foreign-editor" => _host.ForeignEditor(),
        "reviewer" => _host.Reviewer(),
        "admin" => _host.Admin(),
        "champion" => _host.As(Roles.Champion, CaseStudiesHost.Organisation, "champion-1"),
        "policy-analyst" => _host.As(Roles.PolicyAnalyst, null, "analyst-1"),
        _ => _host.Anonymous(),
    };

    private async Task EditAsync(Guid id, int edition, string kind, string note)
    {
        var response = await _host.Author().PutAsJsonAsync(new Uri($"/api/case-studies/{id}/editions/{edition}", UriKind.Relative),
            CaseStudiesHost.Content("Edited title", c => { c["changeNoteKind"] = kind; c["changeNote"] = note; }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new case study with an edition in the situation; returns the case study and that edition's number.</summary>
    private async Task<(Guid Id, int Edition)> BringToAsync(string situation)
    {
        var (id, _) = await _host.CreateAsync();
        var author = _host.Author();
        var reviewer = _host.Reviewer("setup-reviewer");
        switch (situation)
        {
            case "Draft":
                break;
            case "Submitted":
                await CaseStudiesHost.MustAsync(author, id, 1, "submit");
                break;
            case "Rejected":
                await CaseStudiesHost.MustAsync(author, id, 1, "submit");
                await CaseStudiesHost.MustAsync(reviewer, id, 1, "reject", new { note = "Needs figures" });
                break;
            case "Published (force)":
                await CaseStudiesHost.MustAsync(reviewer, id, 1, "force-publish", new { reason = "Urgent" });
                break;
            default:
                await CaseStudiesHost.MustAsync(author, id, 1, "submit");
                await CaseStudiesHost.MustAsync(reviewer, id, 1, "approve");
                if (situation == "Approved")
                {
                    break;
                }

                if (situation == "Scheduled")
                {
                    await CaseStudiesHost.MustAsync(reviewer, id, 1, "schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(30) });
                    break;
                }

                await CaseStudiesHost.MustAsync(reviewer, id, 1, "publish");
                if (situation == "Withdrawn")
                {
                    await CaseStudiesHost.MustAsync(reviewer, id, 1, "withdraw", new { explanation = "Being checked" });
                }
                else if (situation == "Unpublished")
                {
                    await CaseStudiesHost.MustAsync(_host.Admin("setup-admin"), id, 1, "unpublish");
                }
                else if (situation == "Superseded")
                {
                    await CaseStudiesHost.MustAsync(author, id, 1, "redraft");
                    await EditAsync(id, 2, "Minor", "Typo fixed.");
                    await CaseStudiesHost.MustAsync(author, id, 2, "submit");
                    await CaseStudiesHost.MustAsync(reviewer, id, 2, "approve");
                    await CaseStudiesHost.MustAsync(reviewer, id, 2, "publish");
                }

                break;
        }

        Assert.Equal(StateOf(situation), await _host.StateAsync(id, 1));
        return (id, 1);
    }
}
