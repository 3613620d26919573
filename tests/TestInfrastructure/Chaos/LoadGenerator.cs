using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>
/// Concurrent champions posting to the demo campaign. Each submission has a fresh champion token (a distinct sub:
/// one response per champion per campaign) and an Idempotency-Key; on a transport error, a timeout or a 5xx it is
/// retried with the same token and key, with backoff, until <see cref="RetryBudget"/> is spent.
/// </summary>
public sealed class LoadGenerator(Uri surveys, string signingKey, Guid campaign, int clients, TimeProvider clock) : IDisposable
{
    private static readonly string[] Organisations = ["S08000015", "S08000016", "S08000017", "S08000019", "S08000020", "S08000022"];
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(3) })
    {
        BaseAddress = surveys,
        Timeout = TimeSpan.FromSeconds(15),
    };

    private readonly IdentityOptions _identity = new() { SigningKey = signingKey };
    private readonly long _started = clock.GetTimestamp();
    private int _sequence;

    public ConcurrentQueue<Submission> Submissions { get; } = new();

    /// <summary>Every failed attempt, by what it got: "503", "500", "HttpRequestException", ...</summary>
    public ConcurrentDictionary<string, int> FailedAttempts { get; } = new();

    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Elapsed since the generator was made; the time base of every <see cref="Submission.FinishedAt"/>.</summary>
    public TimeSpan Elapsed => clock.GetElapsedTime(_started);

    /// <summary>Sends <paramref name="count"/> submissions over <c>clients</c> concurrent workers.</summary>
    public async Task SendAsync(int count, CancellationToken ct)
    {
        var remaining = count;
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                Submissions.Enqueue(await SubmitOneAsync(ct));
            }
        });
        await Task.WhenAll(workers);
    }

    private async Task<Submission> SubmitOneAsync(CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _sequence);
        var organisation = Organisations[n % Organisations.Length];
        var token = DevelopmentSigningKey.IssueToken(_identity, $"chaos-champion-{Guid.NewGuid():N}", [Roles.Champion], organisation, clock, TimeSpan.FromHours(12));
        var key = Guid.NewGuid().ToString("N");
        var body = new
        {
            organisationCode = organisation,
            answers = new object[] { new { itemId = "valued", value = 1 + (n % 5) }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 4 } },
        };

        var first = clock.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        string? error = null;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/campaigns/{campaign}/responses", UriKind.Relative))
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            try
            {
                using var response = await _http.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var receipt = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))?["receiptId"]?.GetValue<Guid>();
                    return new Submission(key, Outcome.Accepted, receipt, attempt, error, Elapsed);
                }

                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.Conflict && attempt > 1 && text.Contains("already", StringComparison.OrdinalIgnoreCase))
                {
                    return new Submission(key, Outcome.AlreadyStored, null, attempt, error, Elapsed);
                }

                error = $"{(int)response.StatusCode} {Truncate(text)}";
                FailedAttempts.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.RequestTimeout)
                {
                    // A 4xx other than the above is not transient: the submission itself is wrong.
                    return new Submission(key, Outcome.Errored, null, attempt, error, Elapsed);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                error = ex.GetType().Name + ": " + Truncate(ex.Message);
                FailedAttempts.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
            }

            if (clock.GetElapsedTime(first) + delay > RetryBudget)
            {
                return new Submission(key, Outcome.Errored, null, attempt, error, Elapsed);
            }

            await Task.Delay(delay, clock, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 3000));
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

    public void Dispose() => _http.Dispose();
}
