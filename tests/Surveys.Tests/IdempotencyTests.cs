using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Messaging;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// A retry with the same Idempotency-Key is answered with the same receipt and counted once; another key is a 409.
/// The receipt is derived, so it is stored nowhere.
/// </summary>
public sealed class IdempotencyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private SurveysHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers);
        _events = await new EventRecorder(_host.EventBus).Record<InsightSubmitted>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_receipt_and_stores_one_response()
    {
        var subject = $"retry-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var before = await _host.ReleasedAsync();

        var first = await SubmitAsync(subject, key);
        var retry = await SubmitAsync(subject, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var receipt = await ReceiptAsync(first);
        Assert.Equal(receipt, await ReceiptAsync(retry));

        // A retry after the release still gets the same receipt, and still adds nothing.
        var released = await _host.ReleasedAsync();
        Assert.Equal((before.Responses + 1, before.Ledger + 1), (released.Responses, released.Ledger));
        var late = await SubmitAsync(subject, key);
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal(receipt, await ReceiptAsync(late));
        Assert.Equal(released, await _host.ReleasedAsync());
        await AssertStoredNowhereAsync(receipt);
    }

    [Fact]
    public async Task Concurrent_retries_with_the_same_key_all_get_one_receipt_and_are_counted_once()
    {
        var subject = $"burst-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var before = await _host.ReleasedAsync();
        var eventsBefore = _events.Received<InsightSubmitted>().Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(subject, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(ReceiptAsync));
        Assert.Single(receipts.Distinct());
        Assert.Equal(before.Responses + 1, (await _host.ReleasedAsync()).Responses);

        // Exactly one event leaves Surveys for the six requests: wait for it, give a duplicate time to arrive, count.
        await _events.WaitForAsync<InsightSubmitted>(e => e.Count >= eventsBefore + 1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(eventsBefore + 1, _events.Received<InsightSubmitted>().Count);
    }

    [Fact]
    public async Task A_second_submission_with_a_new_key_is_still_a_duplicate()
    {
        var subject = $"newkey-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(subject, Guid.NewGuid().ToString())).StatusCode);
        var second = await SubmitAsync(subject, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.EndsWith("already-answered", (await second.Content.ReadFromJsonAsync<JsonNode>())!["type"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nor does leaving the key out get round the ledger.
        var client = _host.Champion(Organisation, subject);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation))).StatusCode);
    }

    [Fact]
    public async Task The_same_key_from_two_champions_gives_two_receipts_and_two_responses()
    {
        var key = Guid.NewGuid().ToString();
        var before = await _host.ReleasedAsync();
        var first = await SubmitAsync($"shared-a-{Guid.NewGuid():N}", key);
        var second = await SubmitAsync($"shared-b-{Guid.NewGuid():N}", key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual(await ReceiptAsync(first), await ReceiptAsync(second));
        Assert.Equal(before.Responses + 2, (await _host.ReleasedAsync()).Responses);
    }

    [Fact]
    public async Task An_over_long_key_is_refused_with_400_naming_the_header()
    {
        var response = await SubmitAsync($"long-{Guid.NewGuid():N}", new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["Idempotency-Key"]);
    }

    private async Task AssertStoredNowhereAsync(Guid receipt)
    {
        var tables = (await _host.RowsAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).Select(r => (string)r["table_name"]!);
        foreach (var table in tables)
        {
            var rows = string.Join('\n', (await _host.RowsAsync($"SELECT row_to_json(t)::text AS row FROM \"{table}\" t")).Select(r => (string)r["row"]!));
            Assert.DoesNotContain(receipt.ToString(), rows, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(receipt.ToString("N"), rows, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexString(receipt.ToByteArray()), rows, StringComparison.OrdinalIgnoreCase);
        }
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
