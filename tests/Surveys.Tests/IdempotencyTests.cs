using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>A retry with the same Idempotency-Key is answered with the first receipt and stores nothing more.</summary>
public sealed class IdempotencyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private SurveysHost _host = null!;

    public async Task InitializeAsync() => _host = await SurveysHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_receipt_and_stores_one_response()
    {
        var subject = $"retry-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var before = await _host.CountsAsync();

        var first = await SubmitAsync(subject, key);
        var retry = await SubmitAsync(subject, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(await ReceiptAsync(first), await ReceiptAsync(retry));
        Assert.Equal((before.Responses + 1, before.Ledger + 1, before.Outbox + 1), await _host.CountsAsync());
    }

    [Fact]
    public async Task Concurrent_retries_with_the_same_key_all_get_one_receipt_and_store_one_response()
    {
        var subject = $"burst-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var before = await _host.CountsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(subject, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(ReceiptAsync));
        Assert.Single(receipts.Distinct());
        Assert.Equal(before.Responses + 1, (await _host.CountsAsync()).Responses);
    }

    [Fact]
    public async Task A_second_submission_with_a_new_key_is_still_a_duplicate()
    {
        var subject = $"newkey-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(subject, Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(subject, Guid.NewGuid().ToString())).StatusCode);
    }

    [Fact]
    public async Task An_over_long_key_is_refused_with_400_naming_the_header()
    {
        var response = await SubmitAsync($"long-{Guid.NewGuid():N}", new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["Idempotency-Key"]);
    }

    private Task<HttpResponseMessage> SubmitAsync(string subject, string key)
    {
        var client = _host.Champion(Organisation, subject);
        client.DefaultRequestHeaders.Add("Idempotency-Key", key);
        return client.PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation));
    }

    private static async Task<Guid> ReceiptAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["receiptId"]!.GetValue<Guid>();
}
