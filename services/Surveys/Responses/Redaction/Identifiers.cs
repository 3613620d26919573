using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>
/// Numbers that point at one person: staff, payroll, employee and registration numbers (SSSC, NMC, GMC, HCPC, PVG)
/// named as such; NHS numbers (3-3-4) and CHI numbers (DDMMYY then four digits, spaced or not); National Insurance
/// numbers; and any other long number or letter-prefixed code.
/// </summary>
internal static partial class Identifiers
{
    public static string Redact(string text)
    {
        if (!RedactionPatterns.HasDigit(text))
        {
            return text;
        }

        var redacted = NamedNumber().Replace(text, m => m.Groups["lead"].Value + RedactionPatterns.Marker);
        redacted = TenDigitNumber().Replace(redacted, RedactionPatterns.Marker);
        redacted = NationalInsurance().Replace(redacted, RedactionPatterns.Marker);
        redacted = LongNumber().Replace(redacted, RedactionPatterns.Marker);
        return PrefixedCode().Replace(redacted, RedactionPatterns.Marker);
    }

    // "staff number 123456", "payroll no. P-45678", "SSSC registration 1234567", "NMC PIN 12A3456E", "my ID is 45678".
    // Registration bodies and payroll need no "number" after them; staff, employee and the like do.
    [GeneratedRegex(
        @"(?<lead>\b(?i:(?:sssc|nmc|gmc|hcpc|gphc|pvg|payroll|disclosure)(?:\s+(?:registration|reg\.?|membership|pin))?(?:\s*(?:no\.?|nos\.?|number|num|#|id|pin|code|ref(?:erence)?))?|(?:staff|employee|employment|personnel|assignment|badge|pass|smart\s?card|locker|nhs|chi|ni|national\s+insurance|hospital|patient|case|client|registration|reg\.?|membership|account|reference|ref\.?)\s*(?:no\.?|nos\.?|number|num|#|id|pin|code|ref(?:erence)?)|id|pin)\s*(?:(?i:is|was|=)\s*|[:#\-]\s*)?)" +
        @"(?<id>(?=[A-Za-z]{0,3}[\-/]?\d)[A-Za-z]{0,3}[\-/]?\d[A-Za-z\d\-/]{2,15}(?:[ ]\d{2,7}\b){0,4})",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NamedNumber();

    // NHS 943 476 5919, CHI 150475 1234, 15 04 75 1234, 1504751234.
    [GeneratedRegex(@"(?<![\d\-/.])(?:\d{3}[ \-]?\d{3}[ \-]?\d{4}|\d{2}[ \-.]?\d{2}[ \-.]?\d{2}[ \-]?\d{4}|\d{6}[ \-]\d{4})(?![\d/])", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex TenDigitNumber();

    // Two letters, six digits (often in pairs), a suffix A-D.
    [GeneratedRegex(@"\b[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NationalInsurance();

    // No wellbeing comment needs a seven-digit number; "10000 steps" and "£25,000" keep theirs.
    [GeneratedRegex(@"(?<![\d.,])\d{7,20}(?![\d.,]\d)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex LongNumber();

    // E12345, P-45678, AB123456.
    [GeneratedRegex(@"\b[A-Za-z]{1,3}-?\d{5,12}[A-Za-z]?\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex PrefixedCode();
}
