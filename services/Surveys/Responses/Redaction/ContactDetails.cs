using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>E-mail addresses in any script (with or without a dot-suffix), social handles and phone numbers.</summary>
internal static partial class ContactDetails
{
    public static string Redact(string text)
    {
        // Cheap checks first: most comments hold no @, no "dot" and no digit, and skip those passes.
        var redacted = text;
        if (redacted.Contains('@', StringComparison.Ordinal))
        {
            redacted = Email().Replace(redacted, RedactionPatterns.Marker);
            redacted = Handle().Replace(redacted, RedactionPatterns.Marker);
        }

        if (redacted.Contains("dot", StringComparison.OrdinalIgnoreCase))
        {
            redacted = SpelledOutEmail().Replace(redacted, RedactionPatterns.Marker);
        }

        if (!RedactionPatterns.HasDigit(redacted))
        {
            return redacted;
        }

        redacted = UkPhone().Replace(redacted, RedactionPatterns.Marker);
        redacted = InternationalPhone().Replace(redacted, RedactionPatterns.Marker);
        return Extension().Replace(redacted, m => m.Groups["lead"].Value + RedactionPatterns.Marker);
    }

    // Local part and domain in any script; the domain needs no dot-suffix (jane@nhs).
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}._%+\-])[\p{L}\p{M}\p{N}._%+\-'’]{1,64}@[\p{L}\p{M}\p{N}\-]{1,63}(?:\.[\p{L}\p{M}\p{N}\-]{1,63}){0,8}", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Email();

    // jane.smith at nhs dot scot, jane(at)nhs(dot)net
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\p{L}\p{N}._\-]{1,64}\s?(?:\((?i:at)\)|\[(?i:at)\]|\s(?i:at)\s)\s?[\p{L}\p{N}\-]{1,63}(?:\s?(?:\((?i:dot)\)|\[(?i:dot)\]|\s(?i:dot)\s)\s?[\p{L}\p{N}\-]{1,63}){1,4}", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex SpelledOutEmail();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_@.\]])@[\p{L}\p{N}_]{2,30}", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Handle();

    // UK numbers: +44 or 0044 or 0, then 9-10 more digits, with optional spaces, hyphens and brackets.
    [GeneratedRegex(@"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?|\(?0)(?:[\s\-\)]{0,2}\d){9,10}(?!\d)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"(?<![\w+])\+\d{1,3}(?:[\s\-]?\d){6,12}(?!\d)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex InternationalPhone();

    // Internal extensions and bleeps reach one person.
    [GeneratedRegex(@"(?<lead>\b(?i:ext(?:ension)?\.?|bleep|pager)\s*(?i:no\.?|number)?\s*[:#]?\s*)\d{3,6}\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Extension();
}
