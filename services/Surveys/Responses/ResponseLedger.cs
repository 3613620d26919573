using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// One row per champion per campaign, and nothing else: a keyed hash that lets the service refuse a second response
/// without recording who answered. It shares no key, id or timestamp with the responses table.
/// </summary>
public sealed class ResponseLedgerEntry
{
    public required byte[] Entry { get; init; }
}

/// <summary>Computes ledger entries: HMAC-SHA256(server secret, champion id + campaign id), and submission-key hashes.</summary>
public sealed class ResponseLedger(IOptions<AnonymityOptions> options)
{
    private readonly byte[] _secret = options.Value.LedgerSecretBytes();

    public ResponseLedgerEntry EntryFor(string championId, Guid campaignId) => new()
    {
        Entry = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{championId}\n{campaignId:N}")),
    };

    public byte[] SubmissionKeyHash(string championId, Guid campaignId, string idempotencyKey) =>
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"submission-key\n{championId}\n{campaignId:N}\n{idempotencyKey}"));
}
