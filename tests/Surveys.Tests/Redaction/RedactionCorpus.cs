using System.Reflection;
using System.Text.Json;

namespace ChampionNetwork.Surveys.Tests.Redaction;

/// <summary>A comment holding personal data, and the exact substrings of it that must not survive redaction.</summary>
public sealed record SensitiveComment(string Category, string Text, IReadOnlyList<string> Secrets);

/// <summary>
/// The redaction corpus: realistic staff comments written for these tests (sensitive-comments.json) and plain
/// wellbeing comments with no personal data at all (plain-comments.json), embedded in the test assembly.
/// </summary>
public static class RedactionCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<SensitiveComment> Sensitive { get; } = Load<List<SensitiveComment>>("sensitive-comments.json");

    public static IReadOnlyList<string> Plain { get; } = Load<List<string>>("plain-comments.json");

    /// <summary>The secrets still present after redaction (compared ignoring case: "MORAG" is as telling as "Morag").</summary>
    public static IReadOnlyList<string> Surviving(SensitiveComment comment, string redacted) =>
        comment.Secrets.Where(secret => redacted.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();

    private static T Load<T>(string file)
    {
        using var stream = typeof(RedactionCorpus).Assembly.GetManifestResourceStream($"Redaction.{file}")
            ?? throw new InvalidOperationException($"{file} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"{file} is empty.");
    }
}
