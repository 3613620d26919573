using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChampionNetwork.Benchmarks.Scenarios;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>Scotland's <c>responses.value</c> for the demo campaign, read from InsightHub's area feed.</summary>
internal sealed class ScotlandFeed(Uri insightHub, string analystToken) : IDisposable
{
    private readonly HttpClient _client = Champions.Client();
    private readonly Uri _url = new(insightHub, $"/api/feeds/areas/S92000003?campaign={SampleInsight.Campaign}");

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", analystToken);
        using var response = await _client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var value = feed?["campaigns"]?.AsArray().FirstOrDefault()?["responses"]?["value"];
        return value is null ? 0 : (long)value.GetValue<double>();
    }

    /// <summary>Polls every <paramref name="interval"/> until the count reaches <paramref name="target"/>.</summary>
    public async Task WaitForAsync(long target, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long seen;
        while ((seen = await CountAsync(deadline.Token)) < target)
        {
            await Task.Delay(interval, deadline.Token);
        }

        if (seen > target)
        {
            throw new InvalidOperationException($"The feed shows {seen}, more than the {target} accepted.");
        }
    }

    public void Dispose() => _client.Dispose();
}
