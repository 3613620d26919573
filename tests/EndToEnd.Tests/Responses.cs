using System.Net.Http.Json;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>Builds valid submissions to the demo campaign.</summary>
internal static class Responses
{
    public static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient champion, string organisation, int valued = 4) =>
        champion.PostAsJsonAsync(
            new Uri($"/api/campaigns/{DemoCampaign}/responses", UriKind.Relative),
            new
            {
                organisationCode = organisation,
                answers = new object[]
                {
                    new { itemId = "valued", value = valued },
                    new { itemId = "workload", value = 2 },
                    new { itemId = "support", value = 4 },
                },
            });
}
