using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Seals intake rows with AES-256-GCM under a key derived from the ledger secret by HKDF. The plaintext is padded to a
/// whole number of <see cref="BlockBytes"/>, so a reader polling the intake cannot match a row to its response by
/// length. The row id and campaign are the associated data: a sealed block opens only in the row it was written to.
/// </summary>
public sealed class IntakeSeal(IOptions<AnonymityOptions> options)
{
    public const int BlockBytes = 16 * 1024;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly byte[] _key = HKDF.DeriveKey(
        HashAlgorithmName.SHA256, options.Value.LedgerSecretBytes(), 32, salt: [], info: Encoding.UTF8.GetBytes("championnetwork response intake v1"));

    public IntakeResponse Seal(Guid campaignId, SealedResponse response)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(response, Json);
        var blocks = (sizeof(int) + json.Length + BlockBytes - 1) / BlockBytes;
        var plaintext = new byte[blocks * BlockBytes];
        BinaryPrimitives.WriteInt32BigEndian(plaintext, json.Length);
        json.CopyTo(plaintext, sizeof(int));

        var id = Guid.NewGuid();
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), AssociatedData(id, campaignId));
        return new IntakeResponse { Id = id, CampaignId = campaignId, Sealed = sealedBytes };
    }

    public SealedResponse Open(IntakeResponse row)
    {
        var sealedBytes = row.Sealed.AsSpan();
        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes), plaintext, AssociatedData(row.Id, row.CampaignId));
        var length = BinaryPrimitives.ReadInt32BigEndian(plaintext);
        return JsonSerializer.Deserialize<SealedResponse>(plaintext.AsSpan(sizeof(int), length), Json)
            ?? throw new InvalidOperationException($"Intake row {row.Id} holds no response.");
    }

    /// <summary>False when the row does not authenticate under this service's key (sealed under another secret, or altered).</summary>
    public bool TryOpen(IntakeResponse row, [NotNullWhen(true)] out SealedResponse? response)
    {
        try
        {
            response = Open(row);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            response = null;
            return false;
        }
    }

    private static byte[] AssociatedData(Guid id, Guid campaignId) => [.. id.ToByteArray(), .. campaignId.ToByteArray()];
}
