using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// One row per champion per open campaign: a keyed hash that lets the service refuse a second response without
/// recording who answered, and the keyed tag of the Idempotency-Key it was accepted with. It shares no key, id or
/// timestamp with the responses table, and is written in a transaction that writes no response. A closed campaign's
/// rows are deleted when it closes: no response can be accepted any more, so nothing needs them.
/// </summary>
public sealed class ResponseLedgerEntry
{
    public required byte[] Entry { get; init; }

    /// <summary>Kept so the campaign's rows can be deleted when it closes.</summary>
    public Guid CampaignId { get; init; }

    /// <summary>HMAC of the champion, campaign and Idempotency-Key; null when the submission sent none.</summary>
    public byte[]? KeyTag { get; init; }
}

/// <summary>
/// The keyed hashes of the ledger, all HMAC-SHA256 under the ledger secret: the entry of (champion, campaign), the
/// tag of a submission's Idempotency-Key, and the receipt a retry with the same key gets again. The receipt is
/// derived, never stored, and under a different label than the tag, so a receipt names no ledger row.
/// </summary>
public sealed class ResponseLedger(IOptions<AnonymityOptions> options)
{
    private readonly byte[] _secret = options.Value.LedgerSecretBytes();

    public ResponseLedgerEntry EntryFor(string championId, Guid campaignId, string? idempotencyKey) => new()
    {
        Entry = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{championId}\n{campaignId:N}")),
        CampaignId = campaignId,
        KeyTag = idempotencyKey is null ? null : KeyTag(championId, campaignId, idempotencyKey),
    };

    public byte[] KeyTag(string championId, Guid campaignId, string idempotencyKey) =>
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"submission-key\n{championId}\n{campaignId:N}\n{idempotencyKey}"));

    /// <summary>The same for every retry with the same key; random when the submission sent no key.</summary>
    public Guid ReceiptFor(string championId, Guid campaignId, string? idempotencyKey) => idempotencyKey is null
        ? Guid.NewGuid()
        : new Guid(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"receipt\n{championId}\n{campaignId:N}\n{idempotencyKey}")).AsSpan(0, 16));
}
