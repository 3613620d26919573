using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Configuration section "Anonymity". <see cref="LedgerSecret"/> keys the response ledger and seals the intake;
/// whoever holds it can test whether a given champion answered an open campaign, so it lives only in this service's
/// configuration (a secret store in production) and is independent of every other key. It must stay the same across
/// restarts and instances, or duplicates stop being detected and sealed responses cannot be released.
/// </summary>
public sealed class AnonymityOptions
{
    public const string SectionName = "Anonymity";
    public const int MinimumSecretBytes = 32;

    /// <summary>Base64, at least 32 bytes.</summary>
    public string? LedgerSecret { get; set; }

    /// <summary>
    /// How often sealed responses are released into <c>responses</c> and the bus, at multiples of this period counted
    /// from the Unix epoch in UTC. A reader of the database or the bus learns nothing finer than this about when a
    /// response arrived, and no order within a release.
    /// </summary>
    public TimeSpan ReleaseEvery { get; set; } = TimeSpan.FromDays(1);

    internal byte[] LedgerSecretBytes() =>
        TryDecode(LedgerSecret, out var secret) ? secret : throw new InvalidOperationException(AnonymityOptionsValidator.SecretProblem);

    internal static bool TryDecode(string? base64, out byte[] secret)
    {
        secret = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written < MinimumSecretBytes)
        {
            return false;
        }

        secret = buffer[..written];
        return true;
    }
}

/// <summary>Checked at start-up in every environment: without a usable ledger secret the service does not start.</summary>
public sealed class AnonymityOptionsValidator : IValidateOptions<AnonymityOptions>
{
    internal const string SecretProblem =
        "Anonymity:LedgerSecret is missing or shorter than 32 bytes. Set it (Anonymity__LedgerSecret) to 32+ random bytes in base64, e.g. `openssl rand -base64 32`; " +
        "it must stay the same across restarts and instances, and must not be derived from any other key. Run through the AppHost (./run.sh) in Development.";

    public ValidateOptionsResult Validate(string? name, AnonymityOptions options)
    {
        var failures = new List<string>();
        if (!AnonymityOptions.TryDecode(options.LedgerSecret, out _))
        {
            failures.Add(SecretProblem);
        }

        if (options.ReleaseEvery < TimeSpan.FromSeconds(1) || options.ReleaseEvery > TimeSpan.FromDays(7))
        {
            failures.Add($"Anonymity:ReleaseEvery is {options.ReleaseEvery}; use a period from 00:00:01 to 7.00:00:00 (default 1.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
