using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// Every endpoint against every role, for the practice's own organisation (A) and another (B), and without a token.
/// An editor of A edits A's practices and not B's; an admin edits any; members read everything; anonymous callers
/// read public practices only.
/// </summary>
public sealed class AuthorisationMatrixTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string A = "S08000015";
    private const string B = "S08000024";

    // (role, organisation): anonymous, champion of A, org-editor of A, org-editor of B, reviewer of A, policy-analyst, admin.
    private static readonly (string? Role, string? Organisation)[] Callers =
        [(null, null), ("champion", A), ("org-editor", A), ("org-editor", B), ("reviewer", A), ("policy-analyst", null), ("admin", null)];

    private GoodPracticeHost _host = null!;
    private Guid _public;
    private Guid _private;

    public async Task InitializeAsync()
    {
        _host = await GoodPracticeHost.StartAsync(servers);
        _public = await _host.ShareAsync(A);
        _private = await _host.ShareAsync(A, GoodPracticeHost.Practice("Members only", p => p["isPublic"] = false));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // Expected status per caller, in the order of Callers.
    public static TheoryData<string, string, int[]> Endpoints => new()
    {
        { "GET", "/api/practices", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices?q=learning", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices/{public}", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices/{private}", [404, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices/{public}/history", [401, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices/{public}/similar", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/practices/{private}/similar", [404, 200, 200, 200, 200, 200, 200] },
        { "POST", "/api/practices", [401, 403, 201, 201, 403, 403, 201] },
        { "POST", "/api/practices as A", [401, 403, 201, 403, 403, 403, 201] },
        { "PUT", "/api/practices/{fresh}", [401, 403, 200, 403, 403, 403, 200] },
        { "POST", "/api/practices/{fresh}/adoptions", [401, 403, 409, 201, 403, 403, 201] },
        { "POST", "/api/practices/{fresh}/endorsements", [401, 403, 409, 201, 403, 403, 201] },
        { "GET", "/api/practices/adopted-by-organisations-like-mine?organisation=S08000029", [401, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/feeds/practices.atom", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/feeds/practices/pillars/Train.atom", [200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/feeds/practices/areas/S08000015.atom", [200, 200, 200, 200, 200, 200, 200] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_and_organisation_gets_exactly_the_access_it_should(string method, string template, int[] expected)
    {
        for (var i = 0; i < Callers.Length; i++)
        {
            var (role, organisation) = Callers[i];
            var path = template.Replace(" as A", "", StringComparison.Ordinal)
                .Replace("{public}", _public.ToString(), StringComparison.Ordinal)
                .Replace("{private}", _private.ToString(), StringComparison.Ordinal);
            if (path.Contains("{fresh}", StringComparison.Ordinal))
            {
                path = path.Replace("{fresh}", (await _host.ShareAsync(A)).ToString(), StringComparison.Ordinal);
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
            {
                Content = method == "GET" ? null : JsonContent.Create(BodyFor(template, role)),
            };
            var response = await _host.As(role, organisation).SendAsync(request);
            Assert.True(
                (int)response.StatusCode == expected[i],
                $"{method} {template} as {role ?? "anonymous"} of {organisation ?? "no organisation"}: expected {expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task An_editor_of_A_cannot_change_B_s_practice_and_B_s_practice_is_unchanged()
    {
        var practiceOfB = await _host.ShareAsync(B, GoodPracticeHost.Practice("B's practice"));
        var response = await _host.Editor(A).PutAsJsonAsync(new Uri($"/api/practices/{practiceOfB}", UriKind.Relative), GoodPracticeHost.Practice("Taken over by A"));
        Assert.Equal(403, (int)response.StatusCode);

        var stored = await GoodPracticeHost.ReadJsonAsync(await _host.Champion(A).GetAsync(new Uri($"/api/practices/{practiceOfB}", UriKind.Relative)));
        Assert.Equal("B's practice", stored["title"]!.GetValue<string>());
        Assert.Equal(1, stored["version"]!.GetValue<int>());
        Assert.Equal(B, stored["organisation"]!["code"]!.GetValue<string>());
    }

    private static JsonObject BodyFor(string template, string? role) => template switch
    {
        // Editors share for their own organisation by default; an admin names one.
        "/api/practices" => GoodPracticeHost.Practice(change: p =>
        {
            if (role == "admin")
            {
                p["organisationCode"] = A;
            }
        }),
        "/api/practices as A" => GoodPracticeHost.Practice(change: p => p["organisationCode"] = A),
        "/api/practices/{fresh}" => GoodPracticeHost.Practice("Edited"),
        _ when template.EndsWith("/adoptions", StringComparison.Ordinal) || template.EndsWith("/endorsements", StringComparison.Ordinal) =>
            role == "admin" ? new JsonObject { ["organisationCode"] = "S08000029" } : [],
        _ => [],
    };
}
