using System.Text.RegularExpressions;
using ChampionNetwork.Surveys.Responses.Redaction;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Removes personal data from free text before it is stored: e-mail addresses and handles, phone numbers, NHS, CHI,
/// National Insurance, staff, payroll and registration numbers, dates of birth and ages, postcodes, street addresses,
/// wards, hospitals and named sites, and people's names (after a title or a role, in a greeting or thanks, or known
/// given names and surnames). It errs on the side of redacting: a false positive costs a word, a miss costs someone's
/// anonymity. If a pass cannot finish within its time limit the whole text is withheld.
/// </summary>
public static partial class FreeTextRedactor
{
    public const string Marker = "[redacted]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var redacted = ContactDetails.Redact(text);
            redacted = Identifiers.Redact(redacted);
            redacted = BirthDates.Redact(redacted);
            redacted = Places.Redact(redacted);
            redacted = PersonNames.Redact(redacted);
            return AdjacentMarkers().Replace(redacted, Marker);
        }
        catch (RegexMatchTimeoutException)
        {
            return Marker;
        }
    }

    [GeneratedRegex(@"\[redacted\](?:[ \t]+\[redacted\])+", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex AdjacentMarkers();
}
