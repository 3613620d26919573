using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Removes personal data from free text before it is stored or leaves the service: email addresses, UK phone numbers,
/// CHI numbers, National Insurance numbers, and a name after a title (Dr, Mr, Mrs, Ms, Miss, Mx, Prof) or after
/// "my manager". It errs on the side of redacting: a false positive costs a word, a miss costs someone's anonymity.
/// </summary>
public static partial class FreeTextRedactor
{
    public const string Marker = "[redacted]";

    public static string Redact(string text)
    {
        var redacted = Email().Replace(text, Marker);
        redacted = NationalInsurance().Replace(redacted, Marker);
        redacted = PhoneNumber().Replace(redacted, Marker);
        redacted = ChiNumber().Replace(redacted, Marker);
        redacted = TitledName().Replace(redacted, m => $"{m.Groups["title"].Value} {Marker}");
        redacted = ManagerName().Replace(redacted, m => $"{m.Groups["lead"].Value}{Marker}");
        return redacted;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // UK numbers: +44 or 0044 or 0, then 9-10 more digits, with optional spaces, hyphens and brackets.
    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)(?:[\s\-\)]{0,2}\d){9,10}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();

    // Community Health Index: date of birth DDMMYY then four digits, possibly spaced.
    [GeneratedRegex(@"(?<!\d)(?:0[1-9]|[12]\d|3[01])\s?(?:0[1-9]|1[0-2])\s?\d{2}\s?\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ChiNumber();

    // Two letters, six digits (often in pairs), a suffix A-D.
    [GeneratedRegex(@"\b[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]\b", RegexOptions.CultureInvariant)]
    private static partial Regex NationalInsurance();

    [GeneratedRegex(@"\b(?<title>Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+[A-Z][\p{L}'\-]+(?:\s+[A-Z][\p{L}'\-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TitledName();

    [GeneratedRegex(@"(?<lead>\b(?i:my\s+(?:line\s+)?manager)(?:,)?\s+(?:(?i:is|was|called|named)\s+)?)[A-Z][\p{L}'\-]+(?:\s+[A-Z][\p{L}'\-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex ManagerName();
}
